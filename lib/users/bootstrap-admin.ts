// The first user, an admin: from ADMIN_EMAIL and ADMIN_PASSWORD when the database has no user;
// without a password, a random one is generated and printed once. No default password exists.

import { generatePassword } from "@/lib/accounts/passwords";
import { messageOf } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createUser } from "@/lib/users/create-user";

export const DEFAULT_ADMIN_EMAIL = "admin@scope-console.local";

export async function bootstrapAdmin(
  prisma: Pick<PrismaClient, "user" | "api">,
  env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string },
  print: (line: string) => void = console.log,
): Promise<{ email: string } | null> {
  if ((await prisma.user.count()) > 0) return null;
  const email = env.ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL;
  const password = env.ADMIN_PASSWORD || generatePassword();
  let user: { email: string };
  try {
    user = await createUser(prisma, { email, password, role: "admin" });
  } catch (error) {
    throw new Error(`The first admin could not be created from ADMIN_EMAIL and ADMIN_PASSWORD: ${messageOf(error)}`);
  }
  if (!env.ADMIN_PASSWORD) {
    print(
      `Created the first user ${user.email} with the password ${password} (shown once; set ADMIN_PASSWORD to choose it).`,
    );
  } else {
    print(`Created the first user ${user.email} from ADMIN_EMAIL and ADMIN_PASSWORD.`);
  }
  return { email: user.email };
}
