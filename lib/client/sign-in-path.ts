// Where to sign in, and where to go back afterwards: only a path on this console, never another site.

export const SIGN_IN_PATH = "/sign-in";
export const DEFAULT_AFTER_SIGN_IN = "/apis";

/** A local path ("/apis?tab=x"); anything else (another origin, "//host", "/\\host") falls back. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return DEFAULT_AFTER_SIGN_IN;
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`)) return DEFAULT_AFTER_SIGN_IN;
  return next;
}

export const signInPath = (next: string) => `${SIGN_IN_PATH}?next=${encodeURIComponent(safeNextPath(next))}`;
