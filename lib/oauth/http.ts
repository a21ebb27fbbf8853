// Reading protocol requests: form bodies through the one body reader (lib/http/body.ts), and the
// wrapper that turns an OAuthError into its RFC 6749 response.
import { BodyTooLargeError, readBodyText } from "@/lib/http/body";
import { echo, OAuthError } from "@/lib/oauth/errors";
import { isStorableText } from "@/lib/validation";

/** Largest form body the protocol endpoints and the authorization pages read. */
export const MAX_FORM_BYTES = 16 * 1024;

const isForm = (request: Request) =>
  /^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "");

/** The RFC 8707 parameter, which may be repeated on authorization and token requests. */
export const RESOURCE_PARAMETER = "resource";

/** A protocol request's parameters: each once, except those that may be repeated, which are lists. */
export interface ProtocolForm {
  form: Map<string, string>;
  lists: Map<string, string[]>;
}

/** Reads an application/x-www-form-urlencoded body; a parameter sent twice is invalid (RFC 6749 3.2). */
export async function readForm(request: Request): Promise<Map<string, string>> {
  return (await readFormWithLists(request, [])).form;
}

/** readForm, where the parameters `repeatable` may be sent several times (RFC 8707 2.2's `resource`). */
export async function readFormWithLists(request: Request, repeatable: readonly string[]): Promise<ProtocolForm> {
  if (request.method !== "POST") throw new OAuthError("invalid_request", "Use POST.");
  if (!isForm(request)) {
    throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
  }
  const text = await readBodyText(
    request,
    MAX_FORM_BYTES,
    () => new OAuthError("invalid_request", "The request body is too large."),
  );
  const form = new Map<string, string>();
  const lists = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (repeatable.includes(key)) {
      lists.set(key, [...(lists.get(key) ?? []), value]);
      continue;
    }
    if (form.has(key)) throw new OAuthError("invalid_request", `The parameter ${echo(key)} is repeated.`);
    form.set(key, value);
  }
  return { form, lists };
}

/** A posted application/x-www-form-urlencoded body as it came, or null when it is not one or too large. */
export async function readFormParams(request: Request): Promise<URLSearchParams | null> {
  if (!isForm(request)) return null;
  try {
    return new URLSearchParams(await readBodyText(request, MAX_FORM_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return null;
    throw error;
  }
}

/** A posted page form (sign-in, consent), or null when it cannot be read or holds text the database cannot. */
export async function readPageForm(request: Request): Promise<URLSearchParams | null> {
  const form = await readFormParams(request);
  // The email is looked up in the database, which cannot hold a NUL.
  return form && [...form.values()].every(isStorableText) ? form : null;
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
