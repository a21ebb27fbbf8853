// POST /oauth/token. Every decision (scopes, lifetimes, refusals) comes from lib/issuing.
// client_credentials writes nothing to the database; the user grants store codes, grants and
// refresh tokens (lib/oauth/grants.ts). Every request counts against the limit of the client it
// names, in memory (lib/oauth/client-limit.ts).
import { createHash } from "node:crypto";
import { decideToken, type GrantType, type TokenDecision } from "@/lib/issuing";
import { signAccessToken } from "@/lib/oauth/access-token";
import { authenticateClient } from "@/lib/oauth/client-auth";
import { refuseOverLimit } from "@/lib/oauth/client-limit";
import type { ClientRecord, ConfigSnapshot } from "@/lib/oauth/config-cache";
import type { OAuthContext } from "@/lib/oauth/context";
import {
  createGrant,
  extendGrantTokens,
  newGrantId,
  revokeGrant,
  rotateRefreshToken,
  storeRefreshToken,
  toSeconds,
} from "@/lib/oauth/grants";
import { echo, OAuthError, oauthEndpoint, oauthJson, readForm } from "@/lib/oauth/http";
import { signIdToken, type UserProfile } from "@/lib/oauth/id-token";
import { hashOpaqueToken } from "@/lib/oauth/opaque-tokens";
import { lookupRefreshToken } from "@/lib/oauth/refresh-tokens";
import { parseScopeParameter } from "@/lib/oauth/scope-parameter";

export const SUPPORTED_GRANT_TYPES: GrantType[] = ["authorization_code", "refresh_token", "client_credentials"];
/** Grants a public client may use: PKCE binds its codes, rotation its refresh tokens. */
const PUBLIC_CLIENT_GRANTS = new Set<string>(["authorization_code", "refresh_token"]);

/** A code verifier: 43 to 128 unreserved characters (RFC 7636 4.1). */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

type Decided = Extract<TokenDecision, { ok: true }>;
type Form = Map<string, string>;

/** What a user granted: the tokens carry its id; the code exchange also signs an ID token. */
interface UserGrant {
  id: string;
  userId: string;
  authTime: number;
  refreshToken: string | null;
  idToken?: { user: UserProfile; nonce: string | null };
}

function required(form: Form, name: string): string {
  const value = form.get(name);
  if (!value) throw new OAuthError("invalid_request", `${name} is required.`);
  return value;
}

function decided(decision: TokenDecision): Decided {
  if (!decision.ok) throw new OAuthError(decision.error, decision.description);
  return decision;
}

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

/**
 * Until when a new grant's tokens may live: its refresh tokens end by the absolute expiry, and an
 * access token issued then lives one access lifetime more. A refresh extends it only when an
 * access token would outlive it (after an admin lengthened a lifetime).
 */
function grantTokensExpireAt(decision: Decided, grantIssuedAt: number): number {
  const { accessToken, refreshToken } = decision;
  if (!refreshToken) return accessToken.expiresAt;
  return Math.max(accessToken.expiresAt, grantIssuedAt + refreshToken.absoluteLifetime + accessToken.lifetime);
}

export function tokenHandler(context: OAuthContext) {
  const { prisma, issuer } = context;

  async function respond(
    config: ConfigSnapshot,
    client: ClientRecord,
    decision: Decided,
    now: number,
    grant: UserGrant | null,
  ): Promise<Response> {
    const { clientId } = client.info;
    const lifetime = decision.accessToken.lifetime;
    const scopes = decision.grantedScopes;
    const body: Record<string, unknown> = {
      access_token: await signAccessToken(
        config.keys,
        issuer,
        now,
        { sub: grant?.userId ?? clientId, clientId, scopes, lifetime, grantId: grant?.id, authTime: grant?.authTime },
        config.catalogue,
      ),
      token_type: "Bearer",
      expires_in: lifetime,
      scope: scopes.join(" "),
    };
    if (grant?.refreshToken && decision.refreshToken) {
      body.refresh_token = grant.refreshToken;
      body.refresh_expires_in = decision.refreshToken.lifetime;
    }
    if (grant?.idToken && scopes.includes("openid")) {
      body.id_token = await signIdToken(config.keys, issuer, now, {
        user: grant.idToken.user,
        clientId,
        scopes,
        authTime: grant.authTime,
        nonce: grant.idToken.nonce,
        lifetime,
      });
    }
    return oauthJson(body);
  }

  async function clientCredentials(config: ConfigSnapshot, client: ClientRecord, form: Form) {
    const now = context.now();
    const decision = decided(
      decideToken({
        settings: config.settings,
        scopes: config.catalogue,
        client: client.info,
        grantType: "client_credentials",
        requestedScopes: parseScopeParameter(form.get("scope")),
        now,
      }),
    );
    return respond(config, client, decision, now, null);
  }

  async function authorizationCode(config: ConfigSnapshot, client: ClientRecord, form: Form) {
    const code = required(form, "code");
    const now = context.now();
    const row = await prisma.authorizationCode.findUnique({ where: { id: hashOpaqueToken(code) } });
    if (!row || row.clientId !== client.info.clientId) throw new OAuthError("invalid_grant", "The code is invalid.");
    const reused = async () => {
      const { grantId } = (await prisma.authorizationCode.findUnique({ where: { id: row.id } })) ?? row;
      if (grantId) await revokeGrant(grantId, now);
      return new OAuthError("invalid_grant", "The code was already used; the tokens issued for it are revoked.");
    };
    if (row.consumedAt) throw await reused();
    if (toSeconds(row.expiresAt) <= now) throw new OAuthError("invalid_grant", "The code has expired.");
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
      }),
    );
    const user = await prisma.user.findUnique({
      where: { id: row.userId },
      select: { id: true, email: true, name: true },
    });
    if (!user) throw new OAuthError("invalid_grant", "The user of this code no longer exists.");
    const grantId = newGrantId();
    const authTime = toSeconds(row.authTime);
    const issued = await prisma.$transaction(async (tx) => {
      const consumed = await tx.authorizationCode.updateMany({
        where: { id: row.id, consumedAt: null },
        data: { consumedAt: new Date(now * 1000), grantId },
      });
      if (consumed.count === 0) return null;
      await createGrant(tx, {
        id: grantId,
        clientId: client.info.clientId,
        userId: user.id,
        scopes: decision.grantedScopes,
        issuedAt: now,
        authTime,
        tokensExpireAt: grantTokensExpireAt(decision, now),
      });
      return {
        refreshToken: decision.refreshToken
          ? await storeRefreshToken(tx, grantId, decision.refreshToken.expiresAt)
          : null,
      };
    });
    if (!issued) throw await reused();
    return respond(config, client, decision, now, {
      id: grantId,
      userId: user.id,
      authTime,
      refreshToken: issued.refreshToken,
      idToken: { user, nonce: row.nonce },
    });
  }

  async function refreshToken(config: ConfigSnapshot, client: ClientRecord, form: Form) {
    const value = required(form, "refresh_token");
    const now = context.now();
    const row = await lookupRefreshToken(prisma, value);
    if (!row || row.grant.clientId !== client.info.clientId) {
      throw new OAuthError("invalid_grant", "The refresh token is invalid.");
    }
    const { grant } = row;
    if (grant.revokedAt) throw new OAuthError("invalid_grant", "The grant of this refresh token was revoked.");
    const reused = async () => {
      await revokeGrant(grant.id, now);
      return new OAuthError("invalid_grant", "The refresh token was already used; the whole grant is revoked.");
    };
    if (row.rotatedAt) throw await reused();
    if (toSeconds(row.expiresAt) <= now) throw new OAuthError("invalid_grant", "The refresh token has expired.");
    const decision = decided(
      decideToken({
        settings: config.settings,
        scopes: config.catalogue,
        client: client.info,
        grantType: "refresh_token",
        requestedScopes: parseScopeParameter(form.get("scope")),
        now,
        grant: { issuedAt: toSeconds(grant.issuedAt), scopes: grant.scopes },
      }),
    );
    // Only when an admin lengthened the access token lifetime since the grant began; extending
    // first is harmless should the rotation then fail.
    if (decision.accessToken.expiresAt > toSeconds(grant.tokensExpireAt)) {
      await extendGrantTokens(prisma, grant.id, decision.accessToken.expiresAt);
    }
    const rotated = await rotateRefreshToken(prisma, row.id, now, decision.refreshToken);
    if (!rotated) throw await reused();
    return respond(config, client, decision, now, {
      id: grant.id,
      userId: grant.userId,
      authTime: toSeconds(grant.authTime),
      refreshToken: rotated.refreshToken,
    });
  }

  return oauthEndpoint(async (request) => {
    const form = await readForm(request);
    const config = await context.config.get();
    const overLimit = refuseOverLimit(context, request, form, config);
    if (overLimit) return overLimit;
    const grantType = form.get("grant_type");
    const client = authenticateClient(request, form, config, {
      allowPublic: PUBLIC_CLIENT_GRANTS.has(grantType ?? ""),
    });
    if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.");
    if (!SUPPORTED_GRANT_TYPES.includes(grantType as GrantType)) {
      throw new OAuthError("unsupported_grant_type", `The grant type ${echo(grantType)} is not supported.`);
    }
    switch (grantType as GrantType) {
      case "client_credentials":
        return clientCredentials(config, client, form);
      case "authorization_code":
        return authorizationCode(config, client, form);
      case "refresh_token":
        return refreshToken(config, client, form);
    }
  });
}
