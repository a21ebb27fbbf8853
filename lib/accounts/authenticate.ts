// Checks an email and password. An unknown email costs the same argon2id verification as a
// known one, so that response times do not reveal which accounts exist; a disabled account
// is refused like a wrong password.
import { MAX_EMAIL_LENGTH, normalizeEmail } from "@/lib/accounts/email";
import { MAX_PASSWORD_LENGTH } from "@/lib/accounts/password-rules";
import { hashPassword, verifyPassword } from "@/lib/accounts/passwords";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let dummyHash: Promise<string> | null = null;

export async function authenticateUser(
  prisma: PrismaClient,
  email: string,
  password: string,
): Promise<{ id: string; email: string; role: string } | null> {
  const normalized = normalizeEmail(email);
  if (!normalized || normalized.length > MAX_EMAIL_LENGTH || !password || password.length > MAX_PASSWORD_LENGTH)
    return null;
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
