// Signed-in users for the handler tests: a real user row and a real session, as the sign-in
// would create them.

import { SESSION_COOKIE } from "@/lib/accounts/cookies";
import { hashPassword } from "@/lib/accounts/passwords";
import type { Role } from "@/lib/accounts/roles";
import { startSession } from "@/lib/accounts/sessions";
import { db } from "@/lib/db/client";
import { systemClock } from "@/lib/time/epoch";

export const TEST_PASSWORD = "a test password of the handler tests";
let passwordHash: Promise<string> | null = null;

export interface TestUser {
  id: string;
  email: string;
  /** The Cookie header of the user's session. */
  cookie: string;
}

export async function signedIn(role: Role, apiIds: string[] = []): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await db().user.create({
    data: {
      email: `${role}-${Math.random().toString(36).slice(2, 10)}@example.com`,
      passwordHash: await passwordHash,
      role,
      apis: { create: apiIds.map((apiId) => ({ apiId })) },
    },
    select: { id: true, email: true },
  });
  const { setCookie } = await startSession(db(), user.id, systemClock(), "http://localhost");
  return { ...user, cookie: setCookie.split(";")[0] };
}

let admin: Promise<TestUser> | null = null;
/** The admin every call() acts as unless told otherwise (one per test file). */
export const testAdmin = () => {
  admin ??= signedIn("admin");
  return admin;
};

export { SESSION_COOKIE };
