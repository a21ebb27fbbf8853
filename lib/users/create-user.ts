import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword, passwordProblem } from "@/lib/users/passwords";

export const ZEmail = z
  .email("Enter a valid email address.")
  .max(320)
  .transform((email) => email.toLowerCase());

/** Creates a user; throws with a plain message on a bad email, a weak password or a taken email. */
export async function createUser(prisma: PrismaClient, email: string, password: string) {
  const parsed = ZEmail.safeParse(email.trim());
  if (!parsed.success) throw new Error(parsed.error.issues[0].message);
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  if (await prisma.user.findUnique({ where: { email: parsed.data }, select: { id: true } })) {
    throw new Error(`A user with the email ${parsed.data} already exists.`);
  }
  return prisma.user.create({
    data: { email: parsed.data, passwordHash: await hashPassword(password) },
    select: { id: true, email: true },
  });
}
