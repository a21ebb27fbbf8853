import { z } from "zod";
import { MAX_EMAIL_LENGTH } from "@/lib/accounts/email";
import { AUDIT_ACTOR_TYPES, AUDIT_RESOURCES } from "@/lib/audit/record";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ZDateTime, ZInstant } from "@/lib/validation";

const ZTime = ZDateTime({ local: true, error: "Give a date and time (ISO 8601)." }).optional();

/** GET /api/audit: newest first, filtered by resource type, actor (an email or a client_id) and time. */
export const ZListAuditQuery = z
  .object({
    resourceType: z
      .enum(AUDIT_RESOURCES, { error: `The resource is one of: ${AUDIT_RESOURCES.join(", ")}.` })
      .optional(),
    resourceId: z.string().trim().min(1).max(100).optional(),
    actor: z.string().trim().min(1).max(MAX_EMAIL_LENGTH).optional(),
    from: ZTime,
    to: ZTime,
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  })
  .strict();
export type TListAuditQuery = z.infer<typeof ZListAuditQuery>;

/** A record of what the resource was before the change and after it (null for a create or a delete). */
const ZAuditState = z.record(z.string(), z.unknown()).nullable();

export const ZAuditEventDto = z.object({
  id: z.string(),
  at: ZInstant,
  /** user, client (a machine with a bearer token; actorEmail is its client_id) or system. */
  actorType: z.enum(AUDIT_ACTOR_TYPES),
  actorEmail: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  before: ZAuditState,
  after: ZAuditState,
});
export type AuditEventDto = z.infer<typeof ZAuditEventDto>;
