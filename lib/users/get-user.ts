import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { requireAdmin } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { UserDto } from "@/lib/users/schemas";
import { toUserDto, userSelect } from "@/lib/users/user-dto";

/** One user as the Users list shows them (what the User dialog reloads after a conflict). */
export async function getUser(actor: Actor, id: string): Promise<UserDto> {
  requireAdmin(actor, "manage users");
  const row = await db().user.findUnique({ where: { id }, select: userSelect });
  if (!row) throw notFound("The user");
  return toUserDto(row);
}
