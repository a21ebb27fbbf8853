// What every grant type module gets and gives, and the parts they share: reading a parameter,
// turning a refusal of the issuing module into its protocol error, and the token response.
import { GRANT_TYPES, type GrantType, type TokenDecision } from "@/lib/issuing";
import { signAccessToken } from "@/lib/oauth/access-token";
import type { ClientRecord, ConfigSnapshot } from "@/lib/oauth/config-cache";
import type { OAuthContext } from "@/lib/oauth/context";
import { deprecationHeaders } from "@/lib/oauth/deprecation-headers";
import { OAuthError, oauthJson } from "@/lib/oauth/errors";
import { signIdToken, type UserProfile } from "@/lib/oauth/id-token";
import type { KnownRefreshToken } from "@/lib/oauth/refresh-chains";
import { hashOpaqueToken } from "@/lib/secrets/random";

export type Form = Map<string, string>;

/** One token request of an authenticated client, as a grant type module handles it. */
export interface GrantRequest {
  context: OAuthContext;
  config: ConfigSnapshot;
  client: ClientRecord;
  form: Form;
  /** The request's `resource` values (RFC 8707), as sent; the issuing module checks them. */
  resources: string[];
}

export type GrantHandler = (request: GrantRequest) => Promise<Response>;

export type Decided = Extract<TokenDecision, { ok: true }>;

export const isGrantType = (value: string): value is GrantType => (GRANT_TYPES as readonly string[]).includes(value);

export function required(form: Form, name: string): string {
  const value = form.get(name);
  if (!value) throw new OAuthError("invalid_request", `${name} is required.`);
  return value;
}

/** The issuing module's decision, or its refusal as the error RFC 6749 names. */
export function decided(decision: TokenDecision): Decided {
  if (!decision.ok) throw new OAuthError(decision.error, decision.description);
  return decision;
}

/** What a user granted: the tokens carry its id; the code exchange also signs an ID token. */
export interface UserGrant {
  id: string;
  userId: string;
  authTime: number;
  refreshToken: string | null;
  /** `sid` is the public id of the session that authorized the code (OpenID Connect RP-Initiated Logout 1.0 4). */
  idToken?: { user: UserProfile; nonce: string | null; sid: string | null };
}

/** The token response (RFC 6749 5.1): the access token, and the refresh and ID tokens where they belong. */
export async function tokenResponse(
  { context, config, client }: GrantRequest,
  decision: Decided,
  now: number,
  grant: UserGrant | null,
): Promise<Response> {
  const { issuer } = context;
  const { clientId } = client.info;
  const lifetime = decision.accessToken.lifetime;
  // The access token's scopes: with `resource`, those of its resources' APIs only (RFC 8707).
  const { scopes, audiences } = decision.accessToken;
  const body: Record<string, unknown> = {
    access_token: await signAccessToken(config.keys, issuer, now, {
      sub: grant?.userId ?? clientId,
      clientId,
      scopes,
      audiences,
      lifetime,
      grantId: grant?.id,
      authTime: grant?.authTime,
    }),
    token_type: "Bearer",
    expires_in: lifetime,
    scope: scopes.join(" "),
  };
  context.usage.record(client.id, scopes, config.catalogue, now);
  if (grant?.refreshToken && decision.refreshToken) {
    body.refresh_token = grant.refreshToken;
    body.refresh_expires_in = decision.refreshToken.lifetime;
  }
  // The ID token is the grant's: an access token for another API's resource does not take it away.
  if (grant?.idToken && decision.grantedScopes.includes("openid")) {
    body.id_token = await signIdToken(config.keys, issuer, now, {
      user: grant.idToken.user,
      clientId,
      scopes: decision.grantedScopes,
      authTime: grant.authTime,
      nonce: grant.idToken.nonce,
      sid: grant.idToken.sid,
      lifetime,
    });
  }
  // RFC 9745 / RFC 8594: a granted deprecated scope warns its client in headers.
  return oauthJson(body, 200, deprecationHeaders(decision.deprecated));
}

/**
 * Until when a new grant's tokens may live: its refresh tokens end by the absolute expiry, and an
 * access token issued then lives one access lifetime more. A refresh extends it only when an
 * access token would outlive it (after an admin lengthened a lifetime).
 */
export function grantTokensExpireAt(decision: Decided, grantIssuedAt: number): number {
  const { accessToken, refreshToken } = decision;
  if (!refreshToken) return accessToken.expiresAt;
  return Math.max(accessToken.expiresAt, grantIssuedAt + refreshToken.absoluteLifetime + accessToken.lifetime);
}

/** Remembers the refresh token just issued with its grant, so that its refresh is one statement. */
export function rememberRefreshToken(
  { context, config }: GrantRequest,
  decision: Decided,
  refreshToken: string | null,
  grant: KnownRefreshToken["grant"],
): void {
  if (!refreshToken || !decision.refreshToken) return;
  context.refreshChains.remember(config.catalogue, hashOpaqueToken(refreshToken), {
    expiresAt: decision.refreshToken.expiresAt,
    grant,
  });
}
