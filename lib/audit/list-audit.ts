import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import type { AuditEventDto, TListAuditQuery } from "@/lib/audit/schemas";
import { requireAdmin } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { type Page, pageOf } from "@/lib/validation";

export async function listAudit(actor: Actor, query: TListAuditQuery): Promise<Page<AuditEventDto>> {
  requireAdmin(actor, "read the audit log");
  const where = {
    ...(query.resourceType ? { resourceType: query.resourceType } : {}),
    ...(query.resourceId ? { resourceId: query.resourceId } : {}),
    // An email is stored in lower case; a client's client_id as it was given.
    ...(query.actor ? { actorEmail: { in: [...new Set([query.actor.toLowerCase(), query.actor])] } } : {}),
    ...(query.from || query.to
      ? {
          at: {
            ...(query.from ? { gte: new Date(query.from) } : {}),
            ...(query.to ? { lte: new Date(query.to) } : {}),
          },
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const items = rows.map(({ actorId: _actorId, actorType, at, before, after, ...row }) => ({
    ...row,
    actorType: actorType as AuditEventDto["actorType"],
    at: at.toISOString(),
    before: before as AuditEventDto["before"],
    after: after as AuditEventDto["after"],
  }));
  return pageOf(items, total, query.page, query.pageSize);
}
