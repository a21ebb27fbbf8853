// RFC 9457 problem details for the console's JSON API.
import { ZodError, z } from "zod";
import { isForeignKeyViolation } from "@/lib/db/errors";
import { AppError, BearerError, type FieldErrors, TooManyRequestsError, ZFieldErrors } from "@/lib/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** What every error answers; extension members (RFC 9457 3.2) such as a conflict's `impact` may follow. */
export const ZProblem = z.looseObject({
  type: z.string().describe('Always "about:blank": the status says what happened.'),
  title: z.string().describe("The status's reason phrase."),
  status: z.number().int(),
  detail: z.string().describe("What went wrong, in a sentence for people."),
  errors: ZFieldErrors.optional().describe("Present when the input did not validate."),
});
export type Problem = z.infer<typeof ZProblem>;

export function problem(
  status: number,
  detail: string,
  errors?: FieldErrors,
  extraHeaders: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): Response {
  const body: Problem = { ...extensions, type: "about:blank", title: TITLES[status] ?? "Error", status, detail };
  if (errors && Object.keys(errors).length > 0) body.errors = errors;
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...extraHeaders },
  });
}

/** Zod issues as field errors; issues on the object itself land under "_". */
export function fieldErrorsOf(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    fields[key] ??= [];
    fields[key].push(issue.message);
  }
  return fields;
}

/** The realm of the console's bearer challenges. */
export const BEARER_REALM = "Scope Console";

/** A `WWW-Authenticate: Bearer` challenge (RFC 6750 3): the error's code, description and needed scope. */
export function bearerChallenge(error: BearerError): string {
  const quoted = (value: string) => `"${value.replace(/["\\]/g, "")}"`;
  const params = [`realm=${quoted(BEARER_REALM)}`];
  if (error.bearerError)
    params.push(`error=${quoted(error.bearerError)}`, `error_description=${quoted(error.message)}`);
  if (error.scope) params.push(`scope=${quoted(error.scope)}`);
  return `Bearer ${params.join(", ")}`;
}

/** Maps anything a handler throws to a response; unexpected errors are logged, never leaked. */
export function problemFromError(error: unknown): Response {
  if (error instanceof BearerError) {
    return problem(error.status, error.message, undefined, { "www-authenticate": bearerChallenge(error) });
  }
  if (error instanceof TooManyRequestsError) {
    return problem(error.status, error.message, undefined, { "retry-after": String(error.retryAfter) });
  }
  if (error instanceof AppError) return problem(error.status, error.message, error.fields, {}, error.extensions);
  if (error instanceof ZodError) {
    return problem(400, "The request is invalid; see the field errors.", fieldErrorsOf(error));
  }
  // Whatever the change refers to (an API, a user) was deleted by a request that committed first.
  if (isForeignKeyViolation(error)) {
    return problem(409, "Something this change refers to was deleted at the same time. Reload and try again.");
  }
  console.error(error);
  return problem(500, "An unexpected error occurred.");
}
