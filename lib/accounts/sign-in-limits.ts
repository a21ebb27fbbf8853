// Limits on failed sign-ins, per account and per client address, kept in the database so that
// they hold across processes and restarts. Shared by every sign-in form (the OAuth sign-in page,
// the console's): call takeSignInAttempt before checking the password, and signInSucceeded when
// it was right.
//
// Each attempt is counted as failed up front, in the same atomic statement that checks the
// limits, and given back when the password turns out right. Checking first and counting after
// the password check would let a burst of parallel attempts all pass the check before the first
// failure is counted; this way the (limit + 1)th attempt of a window is refused however many run
// at once, and a refused attempt costs no password hash.
import { createHash } from "node:crypto";
import { normalizeEmail } from "@/lib/accounts/email";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addressKey } from "@/lib/rate-limit/address-key";
import { addToWindows, clearWindows, secondsUntil, takeBackFromWindows } from "@/lib/rate-limit/counter";

const SECONDS_PER_MINUTE = 60;

/**
 * Failed sign-ins one account may have per window: enough for a person's typos, while a password
 * guesser gets 5 tries per quarter hour (480 a day). Anyone can use them up for an account they
 * do not own and keep it from signing in for a window at a time: the price of a limit per
 * account, which is why the window is short and a success clears it.
 */
export const SIGN_IN_ACCOUNT_LIMIT = 5;
/**
 * Failed sign-ins one client address may have per window, over all accounts: ten accounts' worth
 * of typos, for the people behind one NAT or proxy, while one address spraying a password across
 * many accounts gets 50 tries per quarter hour.
 */
export const SIGN_IN_ADDRESS_LIMIT = 50;
/** The window of both limits: 15 minutes, the lockout period OWASP's examples use. */
export const SIGN_IN_WINDOW_SECONDS = 15 * SECONDS_PER_MINUTE;

export interface SignInAttempt {
  /** As typed: it is normalized as the sign-in normalizes it. */
  email: string;
  /** The client's address (lib/http/client-address.ts). */
  address: string;
}

/** A refused attempt: seconds until it may be tried again (the Retry-After header). */
export interface SignInRefusal {
  retryAfter: number;
}

/** The account's key holds a hash of the email, not the email: what people type there may be a password. */
const accountKey = (email: string) =>
  `sign-in:account:${createHash("sha256").update(normalizeEmail(email)).digest("base64url")}`;
const addressKeyOf = (address: string) => `sign-in:address:${addressKey(address)}`;

/**
 * Counts the attempt against both limits, as failed until signInSucceeded says otherwise, and
 * refuses it (giving the counts back) when either limit is used up: then the password must not be
 * checked. `now` in epoch seconds.
 */
export async function takeSignInAttempt(
  prisma: PrismaClient,
  attempt: SignInAttempt,
  now: number,
): Promise<SignInRefusal | null> {
  const account = accountKey(attempt.email);
  const address = addressKeyOf(attempt.address);
  const limits = new Map([
    [account, SIGN_IN_ACCOUNT_LIMIT],
    [address, SIGN_IN_ADDRESS_LIMIT],
  ]);
  const counts = await addToWindows(
    prisma,
    [...limits.keys()].map((key) => ({ key, amount: 1, windowSeconds: SIGN_IN_WINDOW_SECONDS })),
    now,
  );
  const exceeded = counts.filter((window) => window.count > (limits.get(window.key) ?? 0));
  if (exceeded.length === 0) return null;
  await takeBackFromWindows(prisma, [account, address], now);
  return { retryAfter: Math.max(...exceeded.map((window) => secondsUntil(window.resetAt, now))) };
}

/** The password was right: the account's failures are forgotten, and the address gets this attempt back. */
export async function signInSucceeded(prisma: PrismaClient, attempt: SignInAttempt, now: number): Promise<void> {
  await clearWindows(prisma, [accountKey(attempt.email)]);
  await takeBackFromWindows(prisma, [addressKeyOf(attempt.address)], now);
}

/** "Too many failed sign-ins. Try again in 15 minutes.": the message a refused sign-in shows. */
export function signInRefusalMessage(refusal: SignInRefusal): string {
  const minutes = Math.ceil(refusal.retryAfter / SECONDS_PER_MINUTE);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
