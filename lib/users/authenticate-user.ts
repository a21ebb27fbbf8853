// Checks an email and password. An unknown email costs the same argon2id verification as a
// known one, so that response times do not reveal which accounts exist; a disabled account
// is refused like a wrong password.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { MAX_PASSWORD_LENGTH } from "@/lib/users/password-rules";
import { hashPassword, verifyPassword } from "@/lib/users/passwords";

/** How an email is compared: accounts are stored lower-case (lib/users/create-user.ts). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

let dummyHash: Promise<string> | null = null;

export async function authenticateUser(
  prisma: PrismaClient,
  email: string,
  password: string,
): Promise<{ id: string; email: string; role: string } | null> {
  const normalized = normalizeEmail(email);
  if (!normalized || normalized.length > 320 || !password || password.length > MAX_PASSWORD_LENGTH) return null;
  const user = await prisma.user.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, role: true, passwordHash: true, disabledAt: true },
  });
  if (!user) {
    dummyHash ??= hashPassword("not a password of anyone here");
    await verifyPassword(password, await dummyHash);
    return null;
  }
  const valid = await verifyPassword(password, user.passwordHash);
  return valid && !user.disabledAt ? { id: user.id, email: user.email, role: user.role } : null;
}
