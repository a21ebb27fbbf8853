// Every protocol error, in one file: the codes of RFC 6749 (token endpoint 5.2, authorization
// endpoint 4.1.2.1), OpenID Connect Core 3.1.2.6 and RFC 6750 (bearer tokens), and how each is sent.

/** Errors of the token, introspection and revocation endpoints (RFC 6749 5.2). */
export type TokenErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  /** RFC 8707 2: a resource that is malformed, unknown, or not the client's to use. */
  | "invalid_target";

/** Errors the authorization endpoint sends back to the client's redirect URI. */
export type AuthorizationErrorCode =
  | "invalid_request"
  | "unauthorized_client"
  | "access_denied"
  | "unsupported_response_type"
  | "invalid_scope"
  | "login_required"
  | "consent_required"
  | "account_selection_required"
  | "request_not_supported"
  | "request_uri_not_supported"
  | "invalid_target";

/** Errors of a resource endpoint such as userinfo (RFC 6750 3.1). */
export type BearerErrorCode = "invalid_request" | "invalid_token" | "insufficient_scope";

/** Token responses and errors must not be cached (RFC 6749 section 5.1). */
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

export const oauthJson = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...NO_STORE, ...headers } });

/** An error of the token, introspection or revocation endpoint; oauthEndpoint sends it. */
export class OAuthError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    readonly description: string,
  ) {
    super(description);
  }

  toResponse(): Response {
    // invalid_client answers 401 with a Basic challenge (RFC 6749 section 5.2).
    const status = this.code === "invalid_client" ? 401 : 400;
    const headers: Record<string, string> =
      this.code === "invalid_client" ? { "www-authenticate": 'Basic realm="token", charset="UTF-8"' } : {};
    return oauthJson({ error: this.code, error_description: this.description }, status, headers);
  }
}

const BEARER_STATUS: Record<BearerErrorCode, number> = {
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
};

/** A refused bearer token (RFC 6750 3.1): the error in WWW-Authenticate and in the body. */
export function bearerError(error: BearerErrorCode, description: string): Response {
  return oauthJson({ error, error_description: description }, BEARER_STATUS[error], {
    "www-authenticate": `Bearer error="${error}", error_description="${description}"`,
  });
}

/** No bearer token at all: a bare challenge, no error code (RFC 6750 3.1). */
export const bearerChallenge = (realm: string) =>
  new Response(null, { status: 401, headers: { ...NO_STORE, "www-authenticate": `Bearer realm="${realm}"` } });

/**
 * A client over its request limit: 429 with Retry-After (RFC 6585), in RFC 6749's error format so
 * that OAuth libraries report it. `too_many_requests` is not in RFC 6749's list (which has no
 * code for this; Auth0 answers the same); `invalid_request` would tell the client its request is
 * wrong, when it only has to wait.
 */
export const tooManyRequests = (retryAfter: number) =>
  oauthJson(
    {
      error: "too_many_requests",
      error_description: `This client made too many requests. Try again in ${retryAfter} seconds.`,
    },
    429,
    { "retry-after": String(retryAfter) },
  );

/**
 * A value the client sent, as an error description may show it: RFC 6749 5.2 allows only printable
 * ASCII other than " and \ there, so anything else becomes "?", and a long value is cut.
 */
export function echo(value: string): string {
  const clipped = value.length > 40 ? `${value.slice(0, 40)}...` : value;
  return clipped.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, "?");
}
