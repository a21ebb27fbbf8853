import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import type { TCreateUserRequest, UserDto } from "@/lib/users/schemas";
import { toUserDto } from "@/lib/users/user-dto";

/** An admin creates a user with a role (and, for a service owner, the APIs they manage). */
export async function addUser(actor: Actor, input: TCreateUserRequest): Promise<UserDto> {
  requireAdmin(actor, "manage users");
  try {
    return await db().$transaction(async (tx) => {
      const user = toUserDto(await createUser(tx, input));
      await recordAudit(tx, actor, {
        action: "create",
        resourceType: "user",
        resourceId: user.id,
        resourceName: user.email,
        after: user,
      });
      return user;
    });
  } catch (error) {
    // Another request took the email between the check and the insert.
    if (isUniqueViolation(error)) {
      const message = `A user with the email ${input.email} already exists.`;
      throw new AppError("CONFLICT", message, { email: [message] });
    }
    throw error;
  }
}
