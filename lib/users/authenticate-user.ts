// Checks an email and password. An unknown email costs the same argon2id verification as a
// known one, so that response times do not reveal which accounts exist.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from "@/lib/users/passwords";

/** How an email is compared: accounts are stored lower-case (lib/users/create-user.ts). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

let dummyHash: Promise<string> | null = null;

export async function authenticateUser(
  prisma: PrismaClient,
  email: string,
  password: string,
): Promise<{ id: string; email: string } | null> {
  const normalized = normalizeEmail(email);
  if (!normalized || normalized.length > 320 || !password || password.length > MAX_PASSWORD_LENGTH) return null;
  const user = await prisma.user.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, passwordHash: true },
  });
  if (!user) {
    dummyHash ??= hashPassword("not a password of anyone here");
    await verifyPassword(password, await dummyHash);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? { id: user.id, email: user.email } : null;
}
