// The audit log: every change made in the console, written by the service in the same
// transaction as the change itself, so that neither exists without the other.
import type { Actor } from "@/lib/accounts/roles";
import { changedFields } from "@/lib/audit/changes";
import { NothingChanged } from "@/lib/config/change";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_ACTIONS = ["create", "update", "delete"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_RESOURCES = ["api", "scope", "client", "settings", "user", "session"] as const;
export type AuditResource = (typeof AUDIT_RESOURCES)[number];

export interface AuditChange {
  action: AuditAction;
  resourceType: AuditResource;
  resourceId: string;
  /** What people call it (a name or an email), kept even after it is deleted. */
  resourceName: string;
  /** The resource as the API shows it, before and after; never a secret or a password hash. */
  before?: object | null;
  after?: object | null;
}

/** Who makes changes: a console user, a client with a bearer token, or the server itself. */
export const AUDIT_ACTOR_TYPES = ["user", "client", "system"] as const;

/** Who made a change (actorId null for the server itself). */
export type AuditActor = Pick<Actor, "email"> & { id: string | null; kind: (typeof AUDIT_ACTOR_TYPES)[number] };

/** The author of changes the server makes by itself, such as retiring scopes at their sunset. */
export const SYSTEM_ACTOR: AuditActor = { kind: "system", id: null, email: "system" };

const asJson = (value: object | null | undefined) =>
  value == null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/**
 * Writes the audit entry of a change. An update whose before and after differ in no field (only
 * in its version and updatedAt) is no change: it throws NothingChanged, so that the change's
 * transaction (commitChange) rolls back and answers `before`, writing neither a version nor an entry.
 */
export async function recordAudit(tx: Prisma.TransactionClient, actor: AuditActor, change: AuditChange): Promise<void> {
  if (
    change.action === "update" &&
    changedFields(
      (change.before ?? null) as Record<string, unknown> | null,
      (change.after ?? null) as Record<string, unknown> | null,
    ).length === 0
  ) {
    throw new NothingChanged(change.before);
  }
  await tx.auditEvent.create({
    data: {
      actorId: actor.id,
      actorType: actor.kind,
      actorEmail: actor.email,
      action: change.action,
      resourceType: change.resourceType,
      resourceId: change.resourceId,
      resourceName: change.resourceName,
      before: asJson(change.before),
      after: asJson(change.after),
    },
  });
}
