import "server-only";
import { changeConfig } from "@/lib/db/config-change";
import { notFound } from "@/lib/errors";

/**
 * Deletes a client with what users granted it (grants and their refresh tokens, remembered
 * consent, unused codes). Its access tokens stop introspecting as active with it.
 */
export async function deleteClient(id: string): Promise<void> {
  const count = await changeConfig(async (tx) => {
    const client = await tx.oAuthClient.findUnique({ where: { id }, select: { clientId: true } });
    if (!client) return 0;
    const { clientId } = client;
    await tx.grant.deleteMany({ where: { clientId } });
    await tx.consent.deleteMany({ where: { clientId } });
    await tx.authorizationCode.deleteMany({ where: { clientId } });
    return (await tx.oAuthClient.deleteMany({ where: { id } })).count;
  });
  if (count === 0) throw notFound("The client");
}
