import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { requireClientScopes } from "@/lib/auth/permissions";
import { loadIssuingInputs } from "@/lib/config/load";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { decideToken } from "@/lib/issuing";
import { isoInstant, systemClock } from "@/lib/time/epoch";
import type { TokenPreview, TTokenPreviewRequest } from "@/lib/token-preview/schemas";

/** What a token request would get now, decided by the issuing module from the stored settings. */
export async function previewToken(actor: Actor, input: TTokenPreviewRequest): Promise<TokenPreview> {
  const requestedScopes = input.scopes.filter(Boolean);
  // The same loader as the protocol path's configuration cache: the same rows, mapped the same way.
  const resources = input.resources.filter(Boolean);
  const inputs = await loadIssuingInputs(db(), {
    scopeNames: requestedScopes,
    resourceUris: resources,
    clientId: input.clientId ?? null,
  });
  const { settings, scopes } = inputs;
  const client = inputs.clients[0]?.info ?? null;
  if (input.clientId && !client) throw notFound(`The client "${input.clientId}"`);
  if (client) await requireClientScopes(db(), actor, client.allowedScopes);
  const now = systemClock();
  const decision = decideToken({
    settings,
    scopes,
    client,
    grantType: input.grantType,
    requestedScopes,
    now,
    resources,
    // A refresh right after consent: the grant holds exactly the requested scopes.
    grant: input.grantType === "refresh_token" ? { issuedAt: now, scopes: requestedScopes } : undefined,
  });
  if (!decision.ok) return decision;
  const { grantedScopes, accessToken, refreshToken, consent, explanation } = decision;
  return {
    ok: true,
    client: client && { clientId: client.clientId, name: client.name },
    grantedScopes,
    accessToken: {
      lifetime: accessToken.lifetime,
      expiresAt: isoInstant(accessToken.expiresAt),
      scopes: accessToken.scopes,
      resources: accessToken.resources,
      audiences: accessToken.audiences,
    },
    refreshToken: refreshToken && {
      lifetime: refreshToken.lifetime,
      absoluteLifetime: refreshToken.absoluteLifetime,
      offline: refreshToken.offline,
      expiresAt: isoInstant(refreshToken.expiresAt),
      // The preview is of a grant consented now: refreshing ends an absolute lifetime from now.
      endsAt: isoInstant(now + refreshToken.absoluteLifetime),
    },
    consent,
    explanation,
  };
}
