import "server-only";
// Signing in to and out of the console. The session is the same as the authorization pages'
// (lib/auth/sessions.ts): one sign-in serves both, and signing out ends both.
import { NO_CONSOLE_ACCESS, secureCookies } from "@/lib/auth/actor";
import { CONSOLE_ROLES } from "@/lib/auth/roles";
import type { TSignInRequest } from "@/lib/auth/schemas";
import { endSession, readSession, startSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { AppError, TooManyRequestsError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { systemClock } from "@/lib/oauth/context";
import { signInRefusalMessage, signInSucceeded, takeSignInAttempt } from "@/lib/rate-limit/sign-in";
import { authenticateUser } from "@/lib/users/authenticate-user";

export const WRONG_CREDENTIALS = "The email or password is incorrect.";

/** A new session for every sign-in; the browser's previous one, if any, ends (no session fixation). */
export async function signInToConsole(
  request: Request,
  input: TSignInRequest,
): Promise<{ user: { email: string; role: string }; setCookie: string }> {
  // The same limits as the authorization flow's sign-in page: counted before the password is checked.
  const attempt = { email: input.email, address: clientAddress(request) };
  const refusal = await takeSignInAttempt(db(), attempt, systemClock());
  if (refusal) throw new TooManyRequestsError(signInRefusalMessage(refusal), refusal.retryAfter);
  const user = await authenticateUser(db(), input.email, input.password);
  if (!user) throw new AppError("UNAUTHORIZED", WRONG_CREDENTIALS);
  await signInSucceeded(db(), attempt, systemClock());
  if (!CONSOLE_ROLES.has(user.role)) throw new AppError("FORBIDDEN", NO_CONSOLE_ACCESS);
  await endSession(db(), request, secureCookies());
  const { setCookie } = await startSession(db(), user.id, systemClock(), secureCookies());
  return { user: { email: user.email, role: user.role }, setCookie };
}

/** Ends this browser's session (401 when it has none). */
export async function signOutOfConsole(request: Request): Promise<string> {
  if (!(await readSession(db(), request, systemClock()))) {
    throw new AppError("UNAUTHORIZED", "You are not signed in.");
  }
  return endSession(db(), request, secureCookies());
}
