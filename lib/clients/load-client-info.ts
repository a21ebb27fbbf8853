import { db } from "@/lib/db/client";
import type { ClientInfo, GrantType } from "@/lib/issuing";

/** What the issuing module needs of a client, by its client_id; null when there is none. */
export async function loadClientInfo(clientId: string): Promise<ClientInfo | null> {
  const row = await db().oAuthClient.findUnique({
    where: { clientId },
    select: {
      clientId: true,
      name: true,
      allowedScopes: true,
      allowedGrantTypes: true,
      accessTokenLifetime: true,
      refreshTokenLifetime: true,
    },
  });
  return row && { ...row, allowedGrantTypes: row.allowedGrantTypes as GrantType[] };
}
