// Where to sign in, and where to go back afterwards: only a path on this console, never another site.
// The one rule of every sign-in's `next` (the page's server-side redirect and the form's
// navigation). The OAuth sign-in page takes no return address: it returns to the client's
// registered redirect URI only.

export const SIGN_IN_PATH = "/sign-in";
export const DEFAULT_AFTER_SIGN_IN = "/apis";
/** Longer than any console address; a longer `next` is refused rather than resolved. */
export const MAX_NEXT_LENGTH = 2048;

/**
 * A stand-in origin to resolve `next` against, as the browser resolves it against the console's:
 * whether a reference leaves its base's origin does not depend on which origin that is, and the
 * server does not always know the one the browser used.
 */
const BASE = new URL("http://console.invalid");

/** C0 and C1 controls and DEL (Unicode's Cc), which browsers strip or refuse: "/\t/evil" leaves "//evil". */
export const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * `next` as a same-origin absolute path ("/apis?tab=x"), written as the URL standard writes it;
 * anything else falls back to DEFAULT_AFTER_SIGN_IN: another origin ("https://evil", "//evil",
 * "/\\evil", "/\t/evil"), another scheme ("javascript:"), a relative path, control characters,
 * the sign-in page itself, or a value longer than MAX_NEXT_LENGTH (before or after it is resolved).
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > MAX_NEXT_LENGTH || !next.startsWith("/") || CONTROL_CHARACTER.test(next)) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== BASE.origin) return DEFAULT_AFTER_SIGN_IN;
  // The path as resolved ("/.//evil" is "//evil"), which must not itself read as another host.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("//") || path.length > MAX_NEXT_LENGTH || url.pathname === SIGN_IN_PATH) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  return path;
}

export const signInPath = (next: string) => `${SIGN_IN_PATH}?next=${encodeURIComponent(safeNextPath(next))}`;
