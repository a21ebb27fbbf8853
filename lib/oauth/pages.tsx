// The pages of the authorization flow: sign-in, consent, errors and the form_post response.
// Rendered to static HTML on the lean path (React escapes every value), never framed, and with no
// script but the form_post page's one line, which runs by its nonce.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { newNonce } from "@/lib/http/csp";
import { type ConsentScreen, deprecationText } from "@/lib/issuing";
import { type Theme, themeClass, themeOfCookieHeader } from "@/lib/theme";

/** The theme the browser chose in the console (its cookie), for the pages; without one they follow the device. */
export const themeOf = (httpRequest: Request): Theme => themeOfCookieHeader(httpRequest.headers.get("cookie"));

/**
 * The colour tokens of the console (lib/theme.css, light and dark), read once, and the look of
 * the console's sign-in card (components/ui/card.tsx, input.tsx, button.tsx) in plain CSS: these
 * pages carry no script and no stylesheet of Next.js.
 */
const TOKENS = readFileSync(fileURLToPath(new URL("../theme.css", import.meta.url)), "utf8");
const STYLE = `${TOKENS}
*{box-sizing:border-box}
body{margin:0;font-family:var(--font-sans);background:var(--background);color:var(--foreground);-webkit-font-smoothing:antialiased}
.shell{max-width:28rem;margin:0 auto;padding:3rem 1rem 4rem}
@media (min-width:40rem){.shell{padding-top:5rem}}
.brand{font-weight:600;margin:0 0 1rem;line-height:2rem}
main{background:var(--card);color:var(--card-foreground);border:1px solid var(--border);border-radius:calc(var(--radius) + 4px);padding:1.5rem;box-shadow:0 1px 2px 0 rgb(0 0 0 / .05)}
h1{font-size:1.25rem;font-weight:600;line-height:1.25;margin:0 0 .375rem}
p{line-height:1.5;margin:0 0 1rem;font-size:.875rem}
.lead{color:var(--muted-foreground)}
label{display:block;font-weight:500;font-size:.875rem;line-height:1;margin:1rem 0 .5rem}
input[type=email],input[type=password]{width:100%;height:2.25rem;padding:0 .75rem;border:1px solid var(--input);border-radius:calc(var(--radius) - 2px);background:var(--card);color:var(--foreground);font:inherit;font-size:.875rem}
input[type=checkbox]{width:1rem;height:1rem;margin:0;accent-color:var(--primary)}
:focus-visible{outline:2px solid var(--ring);outline-offset:2px}
a{color:var(--primary)}
button{font:inherit;font-size:.875rem;font-weight:500;height:2.25rem;padding:0 1rem;border-radius:calc(var(--radius) - 2px);border:1px solid var(--primary);background:var(--primary);color:var(--primary-foreground);cursor:pointer}
button.secondary{background:var(--card);color:var(--foreground);border-color:var(--input)}
.actions{display:flex;gap:.5rem;margin-top:1.5rem}
.actions.wide button{width:100%}
.error{background:var(--destructive-muted);color:var(--destructive);border:1px solid var(--destructive);border-radius:var(--radius);padding:.75rem 1rem}
ul{list-style:none;padding:0;margin:0}li{border-top:1px solid var(--border);padding:.75rem 0}
li label{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0}
.description{margin:.375rem 0 0 1.5rem;color:var(--muted-foreground);font-weight:400}
.badge{font-size:.75rem;font-weight:500;border-radius:999px;padding:.0625rem .5rem;border:1px solid var(--border);background:var(--muted);color:var(--foreground)}
.badge.emphasize,.badge.deprecated{background:var(--warning-muted);color:var(--warning);border-color:var(--warning-border)}
.deprecation{margin:.375rem 0 0 1.5rem;color:var(--warning)}
`;

const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";
/**
 * Headers of every page: not cached, not framed, no script (the form_post page adds its nonce's).
 * The referrer policy keeps the page's address from other sites yet lets forms carry the Origin
 * header that the handlers check.
 */
export const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy": PAGE_POLICY,
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
};

function page(
  title: string,
  body: ReactNode,
  status = 200,
  theme: Theme = "system",
  headers: Record<string, string> = PAGE_HEADERS,
): Response {
  const html = renderToStaticMarkup(
    <html lang="en" className={themeClass(theme)}>
      {/* biome-ignore lint/style/noHeadElement: a static page outside Next.js */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - Scope Console`}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <div className="shell">
          <header className="brand">Scope Console</header>
          <main>{body}</main>
        </div>
      </body>
    </html>,
  );
  return new Response(`<!doctype html>${html}`, { status, headers });
}

export const SIGN_IN_PATH = "/oauth/authorize/sign-in";
export const CONSENT_PATH = "/oauth/authorize/consent";
/** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): discovery's end_session_endpoint. */
export const END_SESSION_PATH = "/oauth/end-session";
export const END_SESSION_CONFIRM_PATH = "/oauth/end-session/confirm";

export function signInPage(options: {
  clientName: string;
  request: string;
  email?: string;
  error?: string;
  /** 429 when too many sign-ins failed. */
  status?: number;
  theme?: Theme;
}) {
  return page(
    "Sign in",
    <>
      <h1>Sign in</h1>
      <p className="lead">to continue to {options.clientName}</p>
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
        <div className="actions wide">
          <button type="submit">Sign in</button>
        </div>
      </form>
    </>,
    options.status,
    options.theme,
  );
}

export function consentPage(options: {
  clientName: string;
  email: string;
  screen: ConsentScreen;
  request: string;
  csrf: string;
  theme?: Theme;
}) {
  return page(
    "Allow access",
    <>
      <h1>{options.clientName} wants access</h1>
      <p className="lead">
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
    200,
    options.theme,
  );
}

/**
 * RP-initiated logout asks before it signs the browser out: a link or a cross-site form cannot
 * end a session by itself. The form carries the request (validated again) and the session's
 * anti-forgery value.
 */
export function logoutPage(options: {
  email: string;
  clientName: string | null;
  request: string;
  csrf: string;
  theme?: Theme;
}) {
  return page(
    "Sign out",
    <>
      <h1>Sign out?</h1>
      <p className="lead">
        {options.clientName ? `${options.clientName} asks to sign you out. ` : "An application asks to sign you out. "}
        You are signed in as {options.email}. Signing out ends this browser&apos;s session for every application.
      </p>
      <form method="post" action={END_SESSION_CONFIRM_PATH}>
        <input type="hidden" name="request" value={options.request} />
        <input type="hidden" name="csrf" value={options.csrf} />
        <div className="actions">
          <button type="submit" name="decision" value="logout">
            Sign out
          </button>
          <button type="submit" name="decision" value="stay" className="secondary">
            Stay signed in
          </button>
        </div>
      </form>
    </>,
    200,
    options.theme,
  );
}

/** Where RP-initiated logout ends when the client gave no post_logout_redirect_uri. */
export function loggedOutPage(options: { signedOut: boolean; headers?: Record<string, string>; theme?: Theme }) {
  const response = page(
    options.signedOut ? "Signed out" : "Still signed in",
    options.signedOut ? (
      <>
        <h1>You are signed out</h1>
        <p className="lead">This browser&apos;s session has ended. You can close this page.</p>
      </>
    ) : (
      <>
        <h1>You are still signed in</h1>
        <p className="lead">Nothing was changed. You can close this page.</p>
      </>
    ),
    200,
    options.theme,
  );
  for (const [name, value] of Object.entries(options.headers ?? {})) response.headers.append(name, value);
  return response;
}

/** Shown instead of redirecting when the client or its redirect URI cannot be trusted. */
export function errorPage(message: string, status = 400, title = "Authorization error") {
  return page(
    title,
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

/**
 * The form_post response (OAuth 2.0 Form Post Response Mode): a form of the response's fields that
 * posts itself to the redirect URI, by the one script these pages run, allowed by its nonce alone;
 * without script, the user presses Continue. No referrer, as with the query's redirect.
 */
export function formPostPage(redirectUri: string, fields: [string, string][]): Response {
  const nonce = newNonce();
  return page(
    "Continuing",
    <>
      <h1>Continuing to the application</h1>
      <form method="post" action={redirectUri}>
        {fields.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <noscript>
          <div className="actions wide">
            <button type="submit">Continue</button>
          </div>
        </noscript>
      </form>
      <script nonce={nonce}>{"document.forms[0].submit();"}</script>
    </>,
    200,
    "system",
    {
      ...PAGE_HEADERS,
      "content-security-policy": `${PAGE_POLICY}; script-src 'nonce-${nonce}'`,
      "referrer-policy": "no-referrer",
    },
  );
}
