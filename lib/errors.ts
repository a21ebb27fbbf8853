// Typed errors thrown by services. One function (lib/api/problem.ts) turns them into
// RFC 9457 problem details; the browser maps `fields` onto the form.
import { ZodError, z } from "zod";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS";

export const APP_ERROR_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
};

/** Field name -> messages, as in the `errors` member of our problem details. */
export const ZFieldErrors = z
  .record(z.string(), z.array(z.string()))
  .describe(
    'Field name (a path such as "apis[2].scopes[0].name" in a configuration document) -> messages; "_" for the body itself.',
  );
export type FieldErrors = z.infer<typeof ZFieldErrors>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** More members of the problem details (RFC 9457 3.2), such as a conflict's `impact`. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

/** A plain sentence for a script's output, from an AppError or a zod error. */
export function messageOf(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((issue) => issue.message).join(" ");
  return error instanceof Error ? error.message : String(error);
}

/** A rate limit refused the request: try again in `retryAfter` seconds (the Retry-After header). */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super("TOO_MANY_REQUESTS", message);
  }
}

/**
 * The caller's credentials were refused (401) or do not allow the request (403): answered with a
 * `WWW-Authenticate: Bearer` challenge (RFC 6750 3), with its error code when a token was sent.
 */
export class BearerError extends AppError {
  constructor(
    code: "UNAUTHORIZED" | "FORBIDDEN",
    message: string,
    readonly bearerError?: "invalid_request" | "invalid_token" | "insufficient_scope",
    /** The scope the request needs (insufficient_scope). */
    readonly scope?: string,
  ) {
    super(code, message);
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`);

/** The `conflict` member of a stale version's problem details, by which the console offers "Reload". */
export const STALE_VERSION = "stale-version";

/** Someone else saved a newer version since this edit was opened. */
export const staleVersion = (what: string) =>
  new AppError(
    "CONFLICT",
    `${what} was changed by someone else since you opened it. Reload to see their change, then make yours again.`,
    undefined,
    { conflict: STALE_VERSION },
  );
