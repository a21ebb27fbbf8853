import "server-only";
// Signing in to and out of the console. The session is the same as the authorization pages'
// (lib/accounts/sessions.ts), and so is the sign-in (lib/accounts/sign-in.ts): one sign-in serves
// both, and signing out ends both.
import { CONSOLE_ROLES } from "@/lib/accounts/roles";
import { endSession, readSession } from "@/lib/accounts/sessions";
import { signIn } from "@/lib/accounts/sign-in";
import { NO_CONSOLE_ACCESS } from "@/lib/auth/actor";
import type { TSignInRequest } from "@/lib/auth/schemas";
import { db } from "@/lib/db/client";
import { issuerOf, loadEnv } from "@/lib/env";
import { AppError, TooManyRequestsError } from "@/lib/errors";
import { systemClock } from "@/lib/time/epoch";

const issuer = () => issuerOf(loadEnv());

/** A new session for every sign-in; the browser's previous one, if any, ends (no session fixation). */
export async function signInToConsole(
  request: Request,
  input: TSignInRequest,
): Promise<{ user: { email: string; role: string }; setCookie: string }> {
  const result = await signIn(db(), {
    request,
    ...input,
    now: systemClock(),
    issuer: issuer(),
    admits: (user) => CONSOLE_ROLES.has(user.role),
  });
  if (!result.ok) {
    if (result.reason === "too_many_attempts") throw new TooManyRequestsError(result.message, result.retryAfter);
    if (result.reason === "wrong_credentials") throw new AppError("UNAUTHORIZED", result.message);
    throw new AppError("FORBIDDEN", NO_CONSOLE_ACCESS);
  }
  return { user: { email: result.user.email, role: result.user.role }, setCookie: result.setCookie };
}

/** Ends this browser's session (401 when it has none). */
export async function signOutOfConsole(request: Request): Promise<string> {
  if (!(await readSession(db(), request, systemClock()))) {
    throw new AppError("UNAUTHORIZED", "You are not signed in.");
  }
  return endSession(db(), request, issuer(), systemClock());
}
