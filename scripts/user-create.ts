// `npm run user:create -- user@example.com`: adds a user who can sign in to authorize clients.
// The password comes from USER_PASSWORD, or is generated and printed once.
import { createPrismaClient } from "@/lib/db/client";
import { connectForScript } from "@/lib/db/embedded-handle";
import { loadEnv } from "@/lib/env";
import { createUser } from "@/lib/users/create-user";
import { generatePassword } from "@/lib/users/passwords";

const email = process.argv[2];
if (!email) {
  console.error("Usage: npm run user:create -- <email>   (password from USER_PASSWORD, or generated)");
  process.exit(2);
}
const database = await connectForScript(loadEnv());
const prisma = createPrismaClient(database.url, 1);
const password = process.env.USER_PASSWORD || generatePassword();
try {
  const user = await createUser(prisma, email, password);
  console.log(
    process.env.USER_PASSWORD
      ? `Created ${user.email}.`
      : `Created ${user.email} with the password ${password} (shown once).`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.stop();
}
