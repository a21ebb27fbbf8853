import "server-only";
import { hashPassword } from "@/lib/accounts/passwords";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import { changeRevocations } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { nextVersion } from "@/lib/db/versioned";
import { notFound } from "@/lib/errors";
import type { TResetPasswordRequest, UserDto } from "@/lib/users/schemas";
import { endUserAccess } from "@/lib/users/update-user";
import { toUserDto, userSelect } from "@/lib/users/user-dto";

/** An admin sets a new password; the user's sessions and grants end with the old one. */
export async function resetPassword(actor: Actor, id: string, input: TResetPasswordRequest): Promise<UserDto> {
  requireAdmin(actor, "manage users");
  const passwordHash = await hashPassword(input.password);
  return changeRevocations(db(), async (tx) => {
    const row = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!row) throw notFound("The user");
    const after = toUserDto(
      await tx.user.update({ where: { id }, data: { passwordHash, ...nextVersion }, select: userSelect }),
    );
    await endUserAccess(tx, id, new Date());
    // The audit says that the password changed, never what it is.
    await recordAudit(tx, actor, {
      action: "update",
      resourceType: "user",
      resourceId: id,
      resourceName: after.email,
      before: { ...toUserDto(row), password: "previous" },
      after: { ...after, password: "reset" },
    });
    return after;
  });
}
