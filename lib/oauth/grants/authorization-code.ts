// grant_type=authorization_code (RFC 6749 4.1.3, RFC 7636): a code is redeemed once, by the
// client it was issued to, with the redirect URI and PKCE verifier of its request, while its user
// may still sign in. A second use revokes what the first one issued (RFC 9700 4.5.3.1).
import { createHash } from "node:crypto";
import { decideToken } from "@/lib/issuing";
import { OAuthError } from "@/lib/oauth/errors";
import { createGrant, newGrantId, revokeGrant, storeRefreshToken } from "@/lib/oauth/grant-store";
import {
  decided,
  type GrantHandler,
  grantTokensExpireAt,
  rememberRefreshToken,
  required,
  tokenResponse,
} from "@/lib/oauth/grants/grant";
import { hashOpaqueToken } from "@/lib/secrets/random";
import { dateOf, secondsOf } from "@/lib/time/epoch";

/** A code verifier: 43 to 128 unreserved characters (RFC 7636 4.1). */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** RFC 7636 4.6, and no downgrade: a verifier for a code issued without a challenge is refused. */
function checkPkce(challenge: string | null, verifier: string | undefined) {
  if (!challenge) {
    if (verifier !== undefined) {
      throw new OAuthError(
        "invalid_grant",
        "The authorization request had no code_challenge; code_verifier is refused.",
      );
    }
    return;
  }
  if (!verifier) throw new OAuthError("invalid_grant", "code_verifier is required for this code.");
  if (!CODE_VERIFIER.test(verifier)) throw new OAuthError("invalid_grant", "code_verifier is malformed.");
  if (createHash("sha256").update(verifier).digest("base64url") !== challenge) {
    throw new OAuthError("invalid_grant", "code_verifier does not match the code_challenge.");
  }
}

export const authorizationCode: GrantHandler = async (request) => {
  const { context, config, client, form, resources } = request;
  const { prisma } = context;
  const code = required(form, "code");
  const now = context.now();
  const row = await prisma.authorizationCode.findUnique({ where: { id: hashOpaqueToken(code) } });
  if (!row || row.clientId !== client.info.clientId) throw new OAuthError("invalid_grant", "The code is invalid.");
  const reused = async () => {
    const { grantId } = (await prisma.authorizationCode.findUnique({ where: { id: row.id } })) ?? row;
    if (grantId) await revokeGrant(prisma, grantId, now);
    return new OAuthError("invalid_grant", "The code was already used; the tokens issued for it are revoked.");
  };
  if (row.consumedAt) throw await reused();
  if (secondsOf(row.expiresAt) <= now) throw new OAuthError("invalid_grant", "The code has expired.");
  if (form.get("redirect_uri") !== row.redirectUri) {
    throw new OAuthError("invalid_grant", "redirect_uri differs from the one of the authorization request.");
  }
  checkPkce(row.codeChallenge, form.get("code_verifier"));
  const decision = decided(
    decideToken({
      settings: config.settings,
      scopes: config.catalogue,
      client: client.info,
      grantType: "authorization_code",
      requestedScopes: row.scopes,
      now,
      resources,
      authorizedResources: row.resources,
    }),
  );
  const user = await prisma.user.findUnique({
    where: { id: row.userId },
    select: { id: true, email: true, name: true, disabledAt: true },
  });
  // Disabling the account (or resetting its password) deletes its codes; this covers a code read just before.
  if (!user || user.disabledAt) throw new OAuthError("invalid_grant", "The user of this code can no longer sign in.");
  const grantId = newGrantId();
  const authTime = secondsOf(row.authTime);
  const grant = {
    id: grantId,
    clientId: client.info.clientId,
    userId: user.id,
    scopes: decision.grantedScopes,
    resources: row.resources,
    issuedAt: now,
    authTime,
    tokensExpireAt: grantTokensExpireAt(decision, now),
    sid: row.sid,
  };
  const issued = await prisma.$transaction(async (tx) => {
    // The code row is gone once its user was disabled or their password reset: nothing is issued.
    const consumed = await tx.authorizationCode.updateMany({
      where: { id: row.id, consumedAt: null },
      data: { consumedAt: dateOf(now), grantId },
    });
    if (consumed.count === 0) return null;
    await createGrant(tx, grant);
    return {
      refreshToken: decision.refreshToken
        ? await storeRefreshToken(tx, grantId, decision.refreshToken.expiresAt)
        : null,
    };
  });
  if (!issued) {
    const stillThere = await prisma.authorizationCode.findUnique({ where: { id: row.id }, select: { id: true } });
    if (!stillThere) throw new OAuthError("invalid_grant", "The code is no longer valid.");
    throw await reused();
  }
  rememberRefreshToken(request, decision, issued.refreshToken, grant);
  return tokenResponse(request, decision, now, {
    id: grantId,
    userId: user.id,
    authTime,
    refreshToken: issued.refreshToken,
    idToken: { user, nonce: row.nonce, sid: row.sid },
  });
};
