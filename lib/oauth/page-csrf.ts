// The anti-forgery value of the pages' forms that act on the signed-in session (consent, logout):
// derived from the session, which only this browser's cookie names, and from the form's purpose,
// so that one form's value is no good for another.
import { createHash, timingSafeEqual } from "node:crypto";

export type PageForm = "consent" | "logout";

export const csrfFor = (form: PageForm, sessionId: string) =>
  createHash("sha256").update(`${form}:${sessionId}`).digest("base64url");

/** Whether a posted value is the session's value for the form, compared in constant time. */
export function isCsrfValid(form: PageForm, sessionId: string, posted: string | null): boolean {
  const left = Buffer.from(posted ?? "");
  const right = Buffer.from(csrfFor(form, sessionId));
  return left.length === right.length && timingSafeEqual(left, right);
}
