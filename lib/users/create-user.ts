// Creates a user: shared by the first admin's bootstrap, `npm run user:create` and /api/users.

import { hashPassword } from "@/lib/accounts/passwords";
import type { Role } from "@/lib/accounts/roles";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { requireNotBuiltInApi } from "@/lib/scopes/built-in";
import { ZCreateUserRequest } from "@/lib/users/schemas";
import { userSelect } from "@/lib/users/user-dto";

type Db = Pick<PrismaClient, "user" | "api">;

/** The APIs a user with this role manages: only a service owner has any, and they must exist. */
export async function ownedApis(tx: Pick<PrismaClient, "api">, role: Role, apiIds: string[]): Promise<string[]> {
  if (apiIds.length > 0 && role !== "owner") {
    const message = "Only a service owner is assigned APIs.";
    throw new AppError("BAD_REQUEST", message, { apiIds: [message] });
  }
  const owned = [...new Set(apiIds)];
  if ((await tx.api.count({ where: { id: { in: owned } } })) !== owned.length) {
    const message = "Some of the APIs do not exist.";
    throw new AppError("BAD_REQUEST", message, { apiIds: [message] });
  }
  await requireNotBuiltInApi(tx, owned, "no service owner can be assigned to it.", "apiIds");
  return owned;
}

/** Throws problem-ready errors on a bad email, a weak password, unknown APIs or a taken email. */
export async function createUser(tx: Db, input: { email: string; password: string; role: Role; apiIds?: string[] }) {
  const { email, password, role, apiIds } = ZCreateUserRequest.parse(input);
  const owned = await ownedApis(tx, role, apiIds);
  if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
    const message = `A user with the email ${email} already exists.`;
    throw new AppError("CONFLICT", message, { email: [message] });
  }
  return tx.user.create({
    data: {
      email,
      role,
      passwordHash: await hashPassword(password),
      apis: { create: owned.map((apiId) => ({ apiId })) },
    },
    select: userSelect,
  });
}
