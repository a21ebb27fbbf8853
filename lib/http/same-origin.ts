// Cross-site request forgery: a request that changes something must come from a page of this
// server. Browsers send Origin with every POST, PUT, PATCH and DELETE; Sec-Fetch-Site backs it up.

/** Methods that change nothing, which any site may send. */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The host the browser addressed. Next.js rebuilds `request.url` from its configured hostname
 * (127.0.0.1 becomes localhost), so the Host header is the one to compare.
 */
const addressedHost = (request: Request) => request.headers.get("host") ?? new URL(request.url).host;

/**
 * True when the request provably comes from this server's own pages: its Origin names this host,
 * or, without an Origin, Sec-Fetch-Site says same-origin. Another site, `Origin: null` (sandboxed
 * frames, some redirects) and a request that carries neither header are refused.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (origin === "null") return false;
    try {
      return new URL(origin).host === addressedHost(request);
    } catch {
      return false;
    }
  }
  return request.headers.get("sec-fetch-site") === "same-origin";
}
