// Protocol responses: RFC 6749 section 5.2 errors and no-store JSON.

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope";

/** Token responses and errors must not be cached (RFC 6749 section 5.1). */
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

export const oauthJson = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...NO_STORE, ...headers } });

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
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

/** Largest form body the protocol endpoints read. */
export const MAX_FORM_BYTES = 16 * 1024;

/** Reads an application/x-www-form-urlencoded body; a parameter sent twice is invalid (RFC 6749 3.2). */
export async function readForm(request: Request): Promise<Map<string, string>> {
  if (request.method !== "POST") throw new OAuthError("invalid_request", "Use POST.");
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FORM_BYTES) {
    throw new OAuthError("invalid_request", "The request body is too large.");
  }
  const text = await request.text();
  if (text.length > MAX_FORM_BYTES) throw new OAuthError("invalid_request", "The request body is too large.");
  const form = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (form.has(key)) throw new OAuthError("invalid_request", `The parameter ${echo(key)} is repeated.`);
    form.set(key, value);
  }
  return form;
}

/** Wraps a protocol handler so that an OAuthError becomes its RFC 6749 response. */
export function oauthEndpoint(handle: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      return await handle(request);
    } catch (error) {
      if (error instanceof OAuthError) return error.toResponse();
      throw error;
    }
  };
}
