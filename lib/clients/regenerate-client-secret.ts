import "server-only";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import { generateClientSecret, hashSecret } from "@/lib/clients/credentials";
import type { ClientWithSecret } from "@/lib/clients/schemas";
import { changeConfig } from "@/lib/db/config-change";
import { AppError, notFound } from "@/lib/errors";

/** Replaces a confidential client's secret: the old one stops working at once. */
export async function regenerateClientSecret(id: string): Promise<ClientWithSecret> {
  const clientSecret = generateClientSecret();
  const row = await changeConfig(async (tx) => {
    const current = await tx.oAuthClient.findUnique({ where: { id }, select: { type: true } });
    if (!current) throw notFound("The client");
    if (current.type !== "confidential") throw new AppError("BAD_REQUEST", "A public client has no secret.");
    return tx.oAuthClient.update({
      where: { id },
      data: { secretHash: hashSecret(clientSecret) },
      select: clientSelect,
    });
  });
  return { ...toClientDto(row), clientSecret };
}
