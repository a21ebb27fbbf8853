// The browser's side of the JSON API: problem details become an ApiError the forms can map.
import { signInPath } from "@/lib/client/sign-in-path";
import { type FieldErrors, STALE_VERSION } from "@/lib/errors";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldErrors = {},
    /** The problem details' other members, such as `conflict` or a conflict's `impact`. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Set once the page is on its way to the sign-in page: later 401s must not send it elsewhere. */
let leaving = false;

/**
 * Goes to the sign-in page at `path` once `first` settles (a sign-out's request), unless the page
 * is already leaving for it: meanwhile, a query in flight that answers 401 would otherwise send it
 * to `/sign-in?next=...` instead.
 */
export async function leaveForSignIn(path: string, first?: Promise<unknown>) {
  if (leaving) return;
  leaving = true;
  await first?.catch(() => undefined);
  window.location.assign(path);
}

export async function fetchJson<T>(
  url: string,
  /** `body` goes as JSON; `text` as it is, of `contentType` (a YAML document). */
  init: { method?: string; body?: unknown; text?: string; contentType?: string } = {},
): Promise<T> {
  let response: Response;
  const text = init.text ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: text === undefined ? undefined : { "content-type": init.contentType ?? "application/json" },
      body: text,
    });
  } catch {
    throw new ApiError(0, "The server could not be reached. Check your connection and try again.");
  }
  // The session ended (signed out elsewhere, expired, account disabled): sign in again, then come back.
  if (response.status === 401 && url !== "/api/session") {
    leaveForSignIn(signInPath(window.location.pathname + window.location.search));
  }
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = typeof data?.detail === "string" ? data.detail : `The request failed (${response.status}).`;
    throw new ApiError(response.status, detail, data?.errors ?? {}, data && typeof data === "object" ? data : {});
  }
  return data as T;
}

/** A 409 because someone else saved a newer version since the edit was opened (see staleVersion). */
export const isStaleVersion = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.extensions.conflict === STALE_VERSION;

/** A delete, with the name typed to confirm it when what is deleted is in use. */
export interface DeleteRequest {
  id: string;
  confirm?: string;
}

export function toQueryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
