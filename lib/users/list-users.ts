import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { requireAdmin } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { pageArgs, searchWhere } from "@/lib/db/paging";
import type { TListUsersQuery, UserDto } from "@/lib/users/schemas";
import { toUserDto, userSelect } from "@/lib/users/user-dto";
import { type Page, pageOf } from "@/lib/validation";

export async function listUsers(actor: Actor, query: TListUsersQuery): Promise<Page<UserDto>> {
  requireAdmin(actor, "manage users");
  const where = searchWhere(query.q, ["email"]);
  const [total, rows] = await Promise.all([
    db().user.count({ where }),
    db().user.findMany({ where, select: userSelect, ...pageArgs(query) }),
  ]);
  return pageOf(rows.map(toUserDto), total, query.page, query.pageSize);
}
