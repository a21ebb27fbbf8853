import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireClientScopes } from "@/lib/auth/permissions";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import { generateClientSecret } from "@/lib/clients/credentials";
import type { ClientWithSecret } from "@/lib/clients/schemas";
import { changeConfig } from "@/lib/config/change";
import { allowedScopeNames } from "@/lib/config/load";
import { db } from "@/lib/db/client";
import { nextVersion } from "@/lib/db/versioned";
import { AppError, notFound } from "@/lib/errors";
import { hashSecret } from "@/lib/secrets/hash";

/** Replaces a confidential client's secret: the old one stops working at once. */
export async function regenerateClientSecret(actor: Actor, id: string): Promise<ClientWithSecret> {
  const clientSecret = generateClientSecret();
  const client = await changeConfig(db(), async (tx) => {
    const row = await tx.oAuthClient.findUnique({ where: { id }, select: clientSelect });
    if (!row) throw notFound("The client");
    await requireClientScopes(tx, actor, allowedScopeNames(row.scopes));
    if (row.type !== "confidential") throw new AppError("BAD_REQUEST", "A public client has no secret.");
    const after = toClientDto(
      await tx.oAuthClient.update({
        where: { id },
        data: { secretHash: hashSecret(clientSecret), ...nextVersion },
        select: clientSelect,
      }),
    );
    // The audit says that the secret changed, never what it is.
    await recordAudit(tx, actor, {
      action: "update",
      resourceType: "client",
      resourceId: id,
      resourceName: row.name,
      before: { ...toClientDto(row), secret: "previous" },
      after: { ...after, secret: "regenerated" },
    });
    return after;
  });
  return { ...client, clientSecret };
}
