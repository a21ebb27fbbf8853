// The one cookie policy of the session cookie, for the console's sign-in and the OAuth pages alike.

export const SESSION_COOKIE = "scope_console_session";

/**
 * Cookies carry Secure when the service is served over HTTPS, which the issuer's scheme says
 * (behind a TLS-terminating proxy ISSUER is the public https:// URL; X-Forwarded-Proto is not trusted).
 */
export const secureCookiesFor = (issuer: string) => issuer.startsWith("https:");

/** The value of a request's cookie, or null. */
export function cookieValue(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The Set-Cookie header of the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure on https. */
export function sessionCookie(value: string, maxAge: number, issuer: string): string {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`];
  if (secureCookiesFor(issuer)) attributes.push("Secure");
  return `${SESSION_COOKIE}=${value}; ${attributes.join("; ")}`;
}
