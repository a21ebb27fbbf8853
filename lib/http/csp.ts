// The console's security headers, in one place. proxy.ts gives every page its Content Security
// Policy with a fresh nonce; next.config.ts sends the other headers on every response, and the
// policy without a nonce on the responses the proxy does not see (the JSON API, static files).
// The OAuth sign-in and consent pages (lib/oauth/pages.tsx) are not Next.js pages: they run no
// script at all and send a stricter policy of their own; the form_post page runs one line, by a
// nonce of newNonce().

/** Headers of every console response besides its Content Security Policy. */
export const SECURITY_HEADERS: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
};

/** 128 random bits, base64: unguessable, and new for every page. */
export const newNonce = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");

export interface PolicyOptions {
  /** The page's nonce; without one no inline script or style may run (responses that are no page). */
  nonce?: string;
  /**
   * `next dev`: React rebuilds server error stacks with eval, and Next.js's dev tools inject styles
   * without the nonce, so both are allowed there (and only there).
   */
  dev?: boolean;
}

/**
 * Scripts: only those that carry the page's nonce (Next.js puts it on its own, read from the
 * request's policy header), and those they load ('strict-dynamic'); no eval. Styles: this origin's
 * stylesheets and the elements that carry the nonce (instrumentation-client.ts hands it to Radix's),
 * no inline style attribute. Images: this origin's, and data: URLs. Everything else: this origin only,
 * no plugins, no other base URL or form target, and no framing by any site.
 */
export function contentSecurityPolicy({ nonce, dev = false }: PolicyOptions = {}): string {
  const nonceSource = nonce ? [`'nonce-${nonce}'`] : [];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", ...nonceSource, ...(nonce ? ["'strict-dynamic'"] : []), ...(dev ? ["'unsafe-eval'"] : [])],
    // A nonce makes browsers ignore 'unsafe-inline', so the dev policy has none for styles.
    "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'", ...nonceSource],
    "connect-src": ["'self'"],
    // Images inlined as data: URLs (the API reference's icons, in Swagger UI's stylesheet) run no script.
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}
