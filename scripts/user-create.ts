// `npm run user:create -- user@example.com [--role admin|owner|user]`: adds a user. Without a role,
// they can only sign in to authorize clients. The password comes from USER_PASSWORD, or is
// generated and printed once.

import { generatePassword } from "@/lib/accounts/passwords";
import { isRole } from "@/lib/accounts/roles";
import { createPrismaClient } from "@/lib/db/client";
import { connectForScript } from "@/lib/db/embedded-handle";
import { loadEnv } from "@/lib/env";
import { messageOf } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";

const email = process.argv[2];
const roleFlag = process.argv.indexOf("--role");
const role = roleFlag > 0 ? process.argv[roleFlag + 1] : "user";
if (!email || email.startsWith("--") || !isRole(role)) {
  console.error(
    "Usage: npm run user:create -- <email> [--role admin|owner|user]   (password from USER_PASSWORD, or generated)",
  );
  process.exit(2);
}
const database = await connectForScript(loadEnv());
const prisma = createPrismaClient(database.url, 1);
const password = process.env.USER_PASSWORD || generatePassword();
try {
  const user = await createUser(prisma, { email, password, role });
  console.log(
    process.env.USER_PASSWORD
      ? `Created ${user.email} (${role}).`
      : `Created ${user.email} (${role}) with the password ${password} (shown once).`,
  );
} catch (error) {
  console.error(messageOf(error));
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.stop();
}
