import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { apiSelect, toApiDto } from "@/lib/apis/api-dto";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** Deletes the API and, by cascade, its scopes. */
export async function deleteApi(actor: Actor, id: string): Promise<void> {
  requireAdmin(actor, "delete APIs");
  await changeConfig(db(), async (tx) => {
    const row = await tx.api.findUnique({ where: { id }, select: apiSelect });
    if (!row) throw notFound("The API");
    const { count } = await tx.api.deleteMany({ where: { id } });
    if (count === 0) throw notFound("The API");
    await recordAudit(tx, actor, {
      action: "delete",
      resourceType: "api",
      resourceId: id,
      resourceName: row.name,
      before: toApiDto(row),
    });
  });
}
