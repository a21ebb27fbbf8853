// The one sign-in sequence, for the console's sign-in page and the OAuth sign-in page alike:
// the attempt is counted against the limits before the password is checked, the password is
// checked, the account may be refused the place it signs in to, the browser's previous session
// ends (no session fixation) and a new one starts.
import { authenticateUser } from "@/lib/accounts/authenticate";
import { cookieValue, SESSION_COOKIE } from "@/lib/accounts/cookies";
import { deviceOf } from "@/lib/accounts/device";
import { type StartedSession, startSession } from "@/lib/accounts/sessions";
import { signInRefusalMessage, signInSucceeded, takeSignInAttempt } from "@/lib/accounts/sign-in-limits";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clientAddress } from "@/lib/http/client-address";

export const WRONG_CREDENTIALS = "The email or password is incorrect.";

export interface SignInRequest {
  /** The HTTP request: its client address counts against the limits, its cookie names the session to end. */
  request: Request;
  email: string;
  password: string;
  now: number;
  /** The issuer, whose scheme decides whether the cookie is Secure. */
  issuer: string;
  /** Whether the account may sign in here (the console admits admins and owners only). */
  admits?: (user: { role: string }) => boolean;
}

export type SignInResult =
  | {
      ok: true;
      user: { id: string; email: string; role: string };
      session: StartedSession;
      setCookie: string;
    }
  | { ok: false; reason: "too_many_attempts"; message: string; retryAfter: number }
  | { ok: false; reason: "wrong_credentials"; message: string }
  | { ok: false; reason: "not_admitted" };

export async function signIn(prisma: PrismaClient, input: SignInRequest): Promise<SignInResult> {
  const attempt = { email: input.email, address: clientAddress(input.request) };
  const refusal = await takeSignInAttempt(prisma, attempt, input.now);
  if (refusal) {
    return {
      ok: false,
      reason: "too_many_attempts",
      message: signInRefusalMessage(refusal),
      retryAfter: refusal.retryAfter,
    };
  }
  const user = await authenticateUser(prisma, input.email, input.password);
  if (!user) return { ok: false, reason: "wrong_credentials", message: WRONG_CREDENTIALS };
  await signInSucceeded(prisma, attempt, input.now);
  if (input.admits && !input.admits(user)) return { ok: false, reason: "not_admitted" };
  const { session, setCookie } = await startSession(prisma, user.id, input.now, input.issuer, {
    device: deviceOf(input.request.headers.get("user-agent")),
    previous: cookieValue(input.request, SESSION_COOKIE),
  });
  return { ok: true, user, session, setCookie };
}
