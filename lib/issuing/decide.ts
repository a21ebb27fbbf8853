// The one place that decides what a token request gets: granted scopes, lifetimes, whether a
// refresh token is issued and until when, the consent screen, and why. Every part of the
// product (token preview, token endpoint, consent page, discovery) calls this module.
import { formatDuration } from "@/lib/duration";
import { humanInstant } from "@/lib/time/epoch";
import { buildCatalogue, isCatalogue, type ScopeCatalogue } from "./catalogue";
import { type ConsentScreen, consentScreen } from "./consent";
import type { Candidate, ExplanationLine } from "./explanation";
import { type DeprecatedScope, deprecationOf, isRetiredAt } from "./lifecycle";
import { explainChoice, lifetimeCandidates, mostRestrictive } from "./lifetimes";
import { checkResources, type ResourceRefusal, targetOf } from "./resources";
import {
  addedWhenRequired,
  type ClientInfo,
  type GrantType,
  OFFLINE_ACCESS,
  type ScopeInfo,
  type ServiceSettings,
  USER_SCOPES,
} from "./types";

export interface TokenRequest {
  settings: ServiceSettings;
  /** The service's scopes (at least the requested ones and every required one), or their catalogue. */
  scopes: readonly ScopeInfo[] | ScopeCatalogue;
  /** Null in a preview without a client: it behaves as a client allowed every scope and grant. */
  client: ClientInfo | null;
  grantType: GrantType;
  requestedScopes: string[];
  /** Epoch seconds. */
  now: number;
  /** For refresh_token: when the user consented (the grant's first issue) and what was granted. */
  grant?: { issuedAt: number; scopes: string[] };
  /** The request's `resource` values (RFC 8707), as sent. */
  resources?: string[];
  /**
   * For a code or a refresh: the resources of its authorization request, which bound what a token
   * may be for; empty when it named none.
   */
  authorizedResources?: string[];
}

export type TokenError = "invalid_scope" | "unauthorized_client" | "invalid_grant" | "invalid_target";

export interface RefreshTokenDecision {
  /** Seconds from now until it expires: what `refresh_expires_in` says. */
  lifetime: number;
  /** The grant's absolute lifetime, from the user's consent. */
  absoluteLifetime: number;
  /** Epoch seconds. */
  expiresAt: number;
  offline: boolean;
}

export type TokenDecision =
  | {
      ok: true;
      /** What the user (or the client, for itself) is granted: a grant stores these. */
      grantedScopes: string[];
      accessToken: {
        lifetime: number;
        expiresAt: number;
        /** The token's scopes: the granted ones, less those of other APIs than its resources. */
        scopes: string[];
        /** The resources it is for (RFC 8707); none when the request named none. */
        resources: string[];
        /** Its `aud`: the resources, else the names of its scopes' APIs; empty for a token without scopes. */
        audiences: string[];
      };
      refreshToken: RefreshTokenDecision | null;
      /** The granted scopes that are deprecated (not yet past their sunset), in grant order. */
      deprecated: DeprecatedScope[];
      /** Null where no user consents (client_credentials, refresh_token). */
      consent: ConsentScreen | null;
      explanation: ExplanationLine[];
    }
  | { ok: false; error: TokenError; description: string; explanation: ExplanationLine[] };

const refuse = (error: TokenError, description: string, explanation: ExplanationLine[]): TokenDecision => ({
  ok: false,
  error,
  description,
  explanation: [...explanation, { subject: "scopes", source: "request", text: `Refused (${error}): ${description}` }],
});

export function decideToken(request: TokenRequest): TokenDecision {
  const { settings, client, grantType, now } = request;
  const explanation: ExplanationLine[] = [];
  const indexed = isCatalogue(request.scopes) ? request.scopes : buildCatalogue(request.scopes);
  const { byName: catalogue, required: requiredScopes } = indexed;
  const requested = [...new Set(request.requestedScopes.filter(Boolean))];
  const mayUse = (name: string) => client === null || client.allowedScopes.includes(name);
  const retired = (name: string) => {
    const scope = catalogue.get(name);
    return scope !== undefined && isRetiredAt(scope, now);
  };

  if (client && !client.allowedGrantTypes.includes(grantType)) {
    return refuse("unauthorized_client", `The client may not use the ${grantType} grant.`, explanation);
  }
  const requestedResources = [...new Set(request.resources ?? [])];
  const badTarget = checkResources(requestedResources, indexed, client);
  if (badTarget) return refuse(badTarget.error, badTarget.description, explanation);
  const unknown = requested.filter((name) => !catalogue.has(name));
  if (unknown.length > 0) return refuse("invalid_scope", `Unknown scope: ${unknown.join(", ")}.`, explanation);
  const retiredRequested = requested.filter(retired);
  if (retiredRequested.length > 0) {
    return refuse("invalid_scope", `Retired scope, no longer granted: ${retiredRequested.join(", ")}.`, explanation);
  }
  const notAllowed = requested.filter((name) => !mayUse(name));
  if (notAllowed.length > 0) {
    return refuse("invalid_scope", `The client may not request: ${notAllowed.join(", ")}.`, explanation);
  }

  let granted: string[];
  if (grantType === "refresh_token") {
    if (!request.grant) return refuse("invalid_grant", "A refresh needs the grant it continues.", explanation);
    const original = request.grant.scopes;
    const wider = requested.filter((name) => !original.includes(name));
    if (wider.length > 0) {
      return refuse("invalid_scope", `Not part of the original grant: ${wider.join(", ")}.`, explanation);
    }
    // Scopes since deleted or retired, or no longer allowed to the client, are not granted again.
    granted =
      requested.length > 0
        ? requested
        : original.filter((name) => catalogue.has(name) && !retired(name) && mayUse(name));
    explanation.push({
      subject: "scopes",
      source: "request",
      text:
        requested.length > 0
          ? `Scopes narrowed on refresh to: ${granted.join(" ") || "(none)"}.`
          : `Scopes of the original grant: ${granted.join(" ") || "(none)"}.`,
    });
  } else {
    const userScopes = requested.filter((name) => USER_SCOPES.has(name));
    if (grantType === "client_credentials" && userScopes.length > 0) {
      return refuse(
        "invalid_scope",
        `No user takes part in client_credentials: ${userScopes.join(", ")}.`,
        explanation,
      );
    }
    const unrequested = requiredScopes
      .filter((scope) => mayUse(scope.name) && !retired(scope.name) && !requested.includes(scope.name))
      .map((scope) => scope.name);
    const required = unrequested.filter(addedWhenRequired);
    const onlyWhenAsked = unrequested.filter((name) => !addedWhenRequired(name));
    granted = [...requested, ...required];
    explanation.push({
      subject: "scopes",
      source: "request",
      text: `Requested: ${requested.join(" ") || "(none)"}.`,
    });
    if (required.length > 0) {
      explanation.push({
        subject: "scopes",
        source: "scope",
        text: `Added because they are required: ${required.join(" ")}.`,
      });
    }
    if (onlyWhenAsked.length > 0) {
      explanation.push({
        subject: "scopes",
        source: "scope",
        text: `Required, yet not added: OpenID Connect scopes are granted only when requested: ${onlyWhenAsked.join(" ")}.`,
      });
    }
  }
  const target = targetOf(granted, requestedResources, request.authorizedResources ?? [], indexed);
  if (isRefusal(target)) return refuse(target.error, target.description, explanation);
  if (target.resources.length > 0) {
    explanation.push({
      subject: "scopes",
      source: "request",
      text: `Access token for ${target.resources.join(" ")}${target.leftOut.length > 0 ? `; scopes of other APIs left out of it: ${target.leftOut.join(" ")}` : ""}.`,
    });
  }
  const grantedInfo = granted.map((name) => catalogue.get(name) as ScopeInfo);
  const tokenInfo = target.scopes.map((name) => catalogue.get(name) as ScopeInfo);
  const deprecated = grantedInfo.flatMap((scope) => deprecationOf(scope, catalogue, now) ?? []);
  if (deprecated.length > 0) {
    explanation.push({
      subject: "scopes",
      source: "scope",
      text: `Granted though deprecated: ${deprecated.map((scope) => scope.name).join(" ")}.`,
    });
  }

  const access = mostRestrictive(
    lifetimeCandidates(
      "accessTokenLifetime",
      { source: "service", label: "service default", value: settings.accessTokenLifetime },
      tokenInfo,
      client,
    ),
  );
  explanation.push({
    subject: "accessToken",
    source: access.decidedBy.source,
    text: explainChoice("Access token", access),
    value: access.value,
  });

  const refresh = decideRefresh(request, grantedInfo, explanation);
  if (refresh === "expired") {
    return refuse(
      "invalid_grant",
      "The grant has passed its absolute lifetime; the user must sign in again.",
      explanation,
    );
  }

  const consent = grantType === "authorization_code" ? consentScreen(grantedInfo, catalogue, now) : null;
  if (consent) {
    const emphasized = consent.scopes.filter((scope) => scope.emphasize).map((scope) => scope.name);
    const locked = consent.scopes.filter((scope) => scope.locked).map((scope) => scope.name);
    explanation.push({
      subject: "consent",
      source: "scope",
      text: `Consent lists ${consent.scopes.length} scopes; emphasized first: ${emphasized.join(" ") || "(none)"}; locked as required: ${locked.join(" ") || "(none)"}.`,
    });
  }

  return {
    ok: true,
    grantedScopes: granted,
    accessToken: {
      lifetime: access.value,
      expiresAt: now + access.value,
      scopes: target.scopes,
      resources: target.resources,
      audiences: target.audiences,
    },
    refreshToken: refresh,
    deprecated,
    consent,
    explanation,
  };
}

const isRefusal = (target: object): target is ResourceRefusal => "error" in target;

function decideRefresh(
  request: TokenRequest,
  granted: ScopeInfo[],
  explanation: ExplanationLine[],
): RefreshTokenDecision | null | "expired" {
  const { settings, client, grantType, now } = request;
  const grant = grantType === "refresh_token" ? request.grant : undefined;
  if (grantType === "client_credentials") {
    explanation.push({
      subject: "refreshToken",
      source: "request",
      text: "No refresh token: client_credentials has no user.",
    });
    return null;
  }
  if (client && !client.allowedGrantTypes.includes("refresh_token")) {
    explanation.push({
      subject: "refreshToken",
      source: "client",
      text: "No refresh token: the client may not use the refresh_token grant.",
    });
    return null;
  }
  // Offline access belongs to the grant: narrowing a refresh's scopes does not end it.
  const offline = (grant?.scopes ?? granted.map((scope) => scope.name)).includes(OFFLINE_ACCESS);
  const serviceDefault: Candidate = offline
    ? { source: "service", label: "service offline refresh lifetime", value: settings.offlineRefreshTokenLifetime }
    : { source: "service", label: "service refresh lifetime", value: settings.refreshTokenLifetime };
  const choice = mostRestrictive(lifetimeCandidates("refreshTokenLifetime", serviceDefault, granted, client));
  const absoluteLifetime = offline ? settings.offlineAbsoluteLifetime : settings.refreshAbsoluteLifetime;
  const issuedAt = grant?.issuedAt ?? now;
  const absoluteExpiry = issuedAt + absoluteLifetime;
  const absoluteText = `Absolute lifetime ${formatDuration(absoluteLifetime)} ${offline ? "with" : "without"} ${OFFLINE_ACCESS}: refreshing ends ${humanInstant(absoluteExpiry)} (consent ${humanInstant(issuedAt)}).`;
  if (now >= absoluteExpiry) {
    explanation.push({ subject: "refreshToken", source: "absolute", text: absoluteText, value: absoluteLifetime });
    return "expired";
  }
  const expiresAt = Math.min(now + choice.value, absoluteExpiry);
  explanation.push({
    subject: "refreshToken",
    source: choice.decidedBy.source,
    text: explainChoice(`Refresh token${offline ? ` (${OFFLINE_ACCESS})` : ""}`, choice),
    value: choice.value,
  });
  explanation.push({
    subject: "refreshToken",
    source: "absolute",
    text:
      expiresAt < now + choice.value
        ? `${absoluteText} It caps this token: it expires in ${formatDuration(expiresAt - now)}.`
        : absoluteText,
    value: absoluteLifetime,
  });
  return { lifetime: expiresAt - now, absoluteLifetime, expiresAt, offline };
}
