import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import { changeRevocations } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { nextVersion, versionedUpdate } from "@/lib/db/versioned";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownedApis } from "@/lib/users/create-user";
import { assertAnotherAdminRemains } from "@/lib/users/keep-an-admin";
import type { TUpdateUserRequest, UserDto } from "@/lib/users/schemas";
import { toUserDto, userSelect } from "@/lib/users/user-dto";

/**
 * Ends what a user's sign-ins gave them: their browser sessions, the authorization codes not yet
 * redeemed, and the grants of the clients they authorized (so their refresh and access tokens).
 * Done when an account is disabled or its password is reset, in a transaction of
 * changeRevocations, so that every process's token endpoints learn of it at once.
 */
export async function endUserAccess(tx: Prisma.TransactionClient, userId: string, now: Date): Promise<void> {
  await tx.session.deleteMany({ where: { userId } });
  // Codes first: a redemption in flight holds its code's row, and its grant is then revoked below.
  await tx.authorizationCode.deleteMany({ where: { userId, consumedAt: null } });
  await tx.grant.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}

/** An admin changes a user's role, their APIs, or disables (or enables) the account. */
export async function updateUser(actor: Actor, id: string, input: TUpdateUserRequest): Promise<UserDto> {
  requireAdmin(actor, "manage users");
  const { version, apiIds, disabled, role } = input;
  if (id === actor.id && (disabled || (role && role !== "admin"))) {
    throw new AppError("BAD_REQUEST", "You cannot disable your own account or take away your own admin role.");
  }
  // A revocation as well: disabling the account ends its tokens in every process.
  return changeRevocations(db(), async (tx) => {
    // Before the row is read: it waits for a concurrent change that takes another admin away.
    if (disabled || (role && role !== "admin")) await assertAnotherAdminRemains(tx, id);
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
