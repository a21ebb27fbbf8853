import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { nextVersion, versionedUpdate } from "@/lib/db/versioned";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownedApis } from "@/lib/users/create-user";
import type { TUpdateUserRequest, UserDto } from "@/lib/users/schemas";
import { toUserDto, userSelect } from "@/lib/users/user-dto";

/**
 * Ends what a user's sign-ins gave them: their browser sessions, and the grants (refresh tokens)
 * of the clients they authorized. Done when an account is disabled or its password is reset.
 */
export async function endUserAccess(tx: Prisma.TransactionClient, userId: string, now: Date): Promise<void> {
  await tx.session.deleteMany({ where: { userId } });
  await tx.grant.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}

/** An admin changes a user's role, their APIs, or disables (or enables) the account. */
export async function updateUser(actor: Actor, id: string, input: TUpdateUserRequest): Promise<UserDto> {
  requireAdmin(actor, "manage users");
  const { version, apiIds, disabled, role } = input;
  if (id === actor.id && (disabled || (role && role !== "admin"))) {
    throw new AppError("BAD_REQUEST", "You cannot disable your own account or take away your own admin role.");
  }
  return db().$transaction(async (tx) => {
    const row = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!row) throw notFound("The user");
    const before = toUserDto(row);
    const nextRole = role ?? before.role;
    // Leaving the owner role drops the APIs; otherwise the new list, or the current one.
    const nextApis = await ownedApis(tx, nextRole, apiIds ?? (nextRole === "owner" ? before.apiIds : []));
    const now = new Date();
    await versionedUpdate(
      tx.user.update({
        where: { id, version },
        data: {
          role: nextRole,
          ...(disabled === undefined ? {} : { disabledAt: disabled ? (row.disabledAt ?? now) : null }),
          ...nextVersion,
          apis: { deleteMany: {}, create: nextApis.map((apiId) => ({ apiId })) },
        },
      }),
      "The user",
    );
    if (disabled && !before.disabled) await endUserAccess(tx, id, now);
    const after = toUserDto(await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect }));
    await recordAudit(tx, actor, {
      action: "update",
      resourceType: "user",
      resourceId: id,
      resourceName: after.email,
      before,
      after,
    });
    return after;
  });
}
