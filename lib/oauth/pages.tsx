// The pages of the authorization flow: sign-in, consent and errors. Rendered to static HTML on
// the lean path (React escapes every value), with no script, and never framed.
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ConsentScreen, DeprecatedScope } from "@/lib/issuing";
import { dateOf } from "@/lib/time/epoch";

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f5f6f8;color:#1c2230;margin:0}
main{max-width:28rem;margin:4rem auto;background:#fff;border:1px solid #d9dde5;border-radius:8px;padding:2rem}
h1{font-size:1.35rem;margin:0 0 .5rem}p{line-height:1.45}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}
input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #aab1bf;border-radius:6px;font:inherit}
button{font:inherit;padding:.55rem 1.1rem;border-radius:6px;border:1px solid #2f54eb;background:#2f54eb;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1c2230;border-color:#aab1bf}
.actions{display:flex;gap:.6rem;margin-top:1.4rem}
.error{background:#fdecea;border:1px solid #f1aeb5;border-radius:6px;padding:.6rem .8rem}
ul{list-style:none;padding:0}li{border-top:1px solid #e4e7ee;padding:.7rem 0}
li label{display:flex;gap:.5rem;align-items:center;margin:0}
.description{margin:.25rem 0 0 1.6rem;color:#4a5468;font-weight:400}
.badge{font-size:.75rem;font-weight:600;border-radius:4px;padding:.05rem .4rem;background:#e8ecf7}
.badge.emphasize{background:#fff1d6;color:#7a4b00}
.badge.deprecated{background:#fdecea;color:#8a1c12}
.deprecation{margin:.35rem 0 0 1.6rem;color:#8a1c12}
`;

/** When a deprecated scope stops working, in words: "January 1, 2027 at 12:00 AM UTC". */
const SUNSET_FORMAT = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/** What the consent page says of a deprecated scope: that it is, until when, and what replaces it. */
export function deprecationText(deprecation: DeprecatedScope): string {
  const until =
    deprecation.sunsetAt === null
      ? "It will stop working soon."
      : `It stops working on ${SUNSET_FORMAT.format(dateOf(deprecation.sunsetAt))} UTC.`;
  const replacement = deprecation.replacementLabel ? ` It is replaced by ${deprecation.replacementLabel}.` : "";
  const note = deprecation.note ? ` ${deprecation.note}` : "";
  return `This permission is deprecated. ${until}${replacement}${note}`;
}

/**
 * Headers of every page: not cached, not framed, no script. The referrer policy keeps the page's
 * address from other sites yet lets forms carry the Origin header that the handlers check.
 */
export const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
};

function page(title: string, body: ReactNode, status = 200): Response {
  const html = renderToStaticMarkup(
    <html lang="en">
      {/* biome-ignore lint/style/noHeadElement: a static page outside Next.js */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - Scope Console`}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <main>{body}</main>
      </body>
    </html>,
  );
  return new Response(`<!doctype html>${html}`, { status, headers: PAGE_HEADERS });
}

export const SIGN_IN_PATH = "/oauth/authorize/sign-in";
export const CONSENT_PATH = "/oauth/authorize/consent";

export function signInPage(options: {
  clientName: string;
  request: string;
  email?: string;
  error?: string;
  /** 429 when too many sign-ins failed. */
  status?: number;
}) {
  return page(
    "Sign in",
    <>
      <h1>Sign in</h1>
      <p>to continue to {options.clientName}</p>
      {options.error && (
        <p className="error" role="alert">
          {options.error}
        </p>
      )}
      <form method="post" action={SIGN_IN_PATH}>
        <input type="hidden" name="request" value={options.request} />
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={options.email} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <div className="actions">
          <button type="submit">Sign in</button>
        </div>
      </form>
    </>,
    options.status,
  );
}

export function consentPage(options: {
  clientName: string;
  email: string;
  screen: ConsentScreen;
  request: string;
  csrf: string;
}) {
  return page(
    "Allow access",
    <>
      <h1>{options.clientName} wants access</h1>
      <p>
        Signed in as {options.email}. Choose what {options.clientName} may do on your behalf.
      </p>
      <form method="post" action={CONSENT_PATH}>
        <input type="hidden" name="request" value={options.request} />
        <input type="hidden" name="csrf" value={options.csrf} />
        <ul aria-label="Requested scopes">
          {options.screen.scopes.map((scope) => (
            <li key={scope.name}>
              <label>
                <input
                  type="checkbox"
                  name="scope"
                  value={scope.name}
                  defaultChecked={scope.checked}
                  disabled={scope.locked}
                  aria-describedby={
                    scope.deprecation ? `scope-${scope.name} scope-${scope.name}-deprecation` : `scope-${scope.name}`
                  }
                />
                {scope.displayName}
                {scope.emphasize && <span className="badge emphasize"> Important</span>}
                {scope.required && <span className="badge"> Required</span>}
                {scope.deprecation && <span className="badge deprecated"> Deprecated</span>}
              </label>
              <p className="description" id={`scope-${scope.name}`}>
                {scope.description || scope.name}
              </p>
              {scope.deprecation && (
                <p className="deprecation" id={`scope-${scope.name}-deprecation`}>
                  {deprecationText(scope.deprecation)}
                </p>
              )}
            </li>
          ))}
        </ul>
        <div className="actions">
          <button type="submit" name="decision" value="allow">
            Allow
          </button>
          <button type="submit" name="decision" value="deny" className="secondary">
            Deny
          </button>
        </div>
      </form>
    </>,
  );
}

/** Shown instead of redirecting when the client or its redirect URI cannot be trusted. */
export function errorPage(message: string, status = 400) {
  return page(
    "Authorization error",
    <>
      <h1>This request cannot continue</h1>
      <p className="error" role="alert">
        {message}
      </p>
      <p>Go back to the application and try again, or tell its developers.</p>
    </>,
    status,
  );
}
