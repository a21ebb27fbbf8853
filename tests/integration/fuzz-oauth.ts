// Malformed requests to the token, revocation and introspection endpoints, by construction: each
// one starts as a request that would succeed and takes at least one change that must make it fail
// (a body that is no form, repeated or missing parameters, a broken client authentication, an
// unknown grant, code, refresh token or scope), or asks about a token that is not valid.
import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import type { Random } from "@/lib/testing/prng";
import { headerSafe, hostileString, INJECTIONS, UNICODE } from "./fuzz-inputs";

export const OAUTH_ORIGIN = "https://issuer.test";
export const ENDPOINTS = ["/oauth/token", "/oauth/revoke", "/oauth/introspect"] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export interface OAuthFixture {
  /** Allowed client_credentials and `scope`. */
  confidential: { id: string; secret: string };
  /** Another confidential client: it may not learn about or revoke the first one's tokens. */
  other: { id: string; secret: string };
  /** A public client (authorization_code, refresh_token). */
  publicClientId: string;
  scope: string;
  /** A scope the confidential client may not request. */
  foreignScope: string;
  /** An access token of the confidential client. */
  accessToken: string;
  /** A refresh token of the public client. */
  refreshToken: string;
  /** The active signing key's public JWK (for algorithm confusion). */
  publicJwk: Record<string, unknown>;
}

/**
 * error: an RFC 6749 error. inactive: introspection answers {"active": false}. ignored: revocation
 * answers 200 and revokes nothing (RFC 7009 2.2). notFound: no such endpoint for the method.
 */
export type OAuthOutcome = "error" | "inactive" | "ignored" | "notFound";

export interface OAuthCase {
  label: string;
  endpoint: Endpoint;
  outcome: OAuthOutcome;
  request: () => Request;
}

type Params = [string, string][];

interface Draft {
  method: string;
  params: Params;
  /** The Authorization header, or none. */
  authorization: string | null;
  contentType: string | null;
  /** Replaces the form when set. */
  rawBody: string | null;
  changes: string[];
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const without = (params: Params, name: string) => params.filter(([key]) => key !== name);
const set = (params: Params, name: string, value: string): Params => [...without(params, name), [name, value]];

/** A scope parameter no client may use: malformed, or naming scopes it may not have. */
function badScope(r: Random, fixture: OAuthFixture): string {
  return r.pick([
    `${fixture.scope}  ${fixture.scope}`,
    ` ${fixture.scope}`,
    `${fixture.scope} `,
    " ",
    `${fixture.scope}\t`,
    `${fixture.scope} "quoted"`,
    `${fixture.scope} back\\slash`,
    `${fixture.scope} ${r.pick(UNICODE)}`,
    `no_such_scope_${r.int(0, 1e9)}`,
    fixture.foreignScope,
    `${fixture.scope} ${fixture.foreignScope}`,
    `${r.pick(INJECTIONS)} ${fixture.scope}`,
    `${hostileString(r)} ${"'"}`,
  ]);
}

/** An Authorization header or form credentials that authenticate no client. */
function brokenAuthentication(r: Random, fixture: OAuthFixture, draft: Draft, publicAllowed: boolean): void {
  const { id, secret } = fixture.confidential;
  const formless = without(without(draft.params, "client_id"), "client_secret");
  const choice = r.int(0, 13);
  draft.authorization = null;
  draft.params = formless;
  switch (choice) {
    case 0:
      draft.authorization = r.pick(["Basic", "Basic ", "Basic !!!", "Basic ====", "basic  Og==", "Basic %%%"]);
      break;
    case 1:
      draft.authorization = `Basic ${Buffer.from(r.pick(["no-colon", ":", "", `${id}`, `:${secret}`])).toString("base64")}`;
      break;
    case 2:
      draft.authorization = basic(id, `${secret}x`);
      break;
    case 3:
      draft.authorization = basic(`unknown-${r.int(0, 1e9)}`, secret);
      break;
    case 4:
      draft.authorization = basic(id, secret.slice(0, -1));
      break;
    case 5:
      // Percent-encoding that does not decode.
      draft.authorization = `Basic ${Buffer.from(r.pick([`%E0%A4%A:${secret}`, `${id}:%`, `%ZZ:%zz`])).toString("base64")}`;
      break;
    case 6:
      draft.authorization = `Basic ${Buffer.from(`${hostileString(r)}:${hostileString(r)}`).toString("base64")}`;
      break;
    case 7:
      draft.authorization = headerSafe(`Basic ${hostileString(r)}`);
      break;
    case 8:
      // Both methods at once (RFC 6749 2.3).
      draft.authorization = basic(id, secret);
      draft.params = [...formless, ["client_id", id], ["client_secret", secret]];
      break;
    case 9:
      // Basic for one client, client_id for another.
      draft.authorization = basic(id, secret);
      draft.params = [...formless, ["client_id", fixture.other.id]];
      break;
    case 10:
      draft.params = [...formless, ["client_id", id], ["client_secret", r.pick(["", `${secret}x`, hostileString(r)])]];
      break;
    case 11:
      // A public client has no secret to present.
      draft.params = [...formless, ["client_id", fixture.publicClientId], ["client_secret", secret]];
      break;
    case 12:
      // A confidential client without its secret.
      draft.params = [...formless, ["client_id", id]];
      break;
    default:
      draft.authorization = r.pick(["Bearer abc", "Digest username=x", headerSafe(hostileString(r))]);
      if (publicAllowed) draft.params = [...formless, ["client_id", `unknown-${r.int(0, 1e9)}`]];
      break;
  }
  draft.changes.push(`authentication ${choice}`);
}

/** Changes that fail a request at any of the three endpoints: the form itself. */
function breakForm(r: Random, draft: Draft): void {
  const choice = r.int(0, 4);
  draft.changes.push(`form ${choice}`);
  switch (choice) {
    case 0:
      draft.contentType = r.pick([
        "application/json",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencodedX",
        "",
        null,
      ]);
      if (draft.contentType === "application/json") draft.rawBody = JSON.stringify(Object.fromEntries(draft.params));
      break;
    case 1: {
      // Over the 16 KiB a form may have.
      const padding = r.pick(["x", "é", "😀", "%", r.pick(INJECTIONS)]).repeat(r.int(17_000, 40_000));
      draft.params = [...draft.params, [r.pick(["padding", "scope", "token", "x"]), padding]];
      break;
    }
    case 2: {
      // A repeated parameter (RFC 6749 3.2).
      const [name, value] = draft.params.length > 0 ? r.pick(draft.params) : ["grant_type", "client_credentials"];
      draft.params = [...draft.params, [name, r.chance(0.5) ? value : hostileString(r)]];
      break;
    }
    case 3: {
      // The same, with a name nobody uses.
      const name = hostileString(r);
      draft.params = [...draft.params, [name, "1"], [name, "2"]];
      break;
    }
    default:
      draft.rawBody = r.pick(["%", "=&=&=", "a=%ZZ&a=%zz", "grant_type=%E0%A4%A&grant_type=x", "&&&&"]);
      draft.rawBody += `&grant_type=x&grant_type=y`;
      break;
  }
}

type Asker = "confidential" | "other" | "public";

/** A token that is not a valid one of the asking client. */
function invalidToken(r: Random, fixture: OAuthFixture, endpoint: Endpoint, asker: Asker): string {
  const [header, payload, signature] = fixture.accessToken.split(".");
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  const choice = r.int(0, endpoint === "/oauth/revoke" ? 10 : 9);
  switch (choice) {
    case 0: {
      // One signature character changed (never the last, whose low bits may not count).
      const at = r.int(0, signature.length - 2);
      return `${header}.${payload}.${signature.slice(0, at)}${signature[at] === "A" ? "B" : "A"}${signature.slice(at + 1)}`;
    }
    case 1:
      return `${header}.${encode({ ...claims, scope: "admin", exp: claims.exp + 3_600 })}.${signature}`;
    case 2:
      return `${encode({ alg: "none", typ: "at+jwt" })}.${payload}.`;
    case 3: {
      // Algorithm confusion: HMAC keyed with the public key.
      const input = `${encode({ alg: "HS256", typ: "at+jwt" })}.${payload}`;
      const mac = createHmac("sha256", JSON.stringify(fixture.publicJwk)).update(input).digest("base64url");
      return `${input}.${mac}`;
    }
    case 4: {
      const kid = r.pick([hostileString(r).slice(0, 300), "../../etc/passwd", "' OR '1'='1"]);
      return `${encode({ alg: "ES256", typ: "at+jwt", kid })}.${payload}.${signature}`;
    }
    case 5: {
      // Signed, but by a key this server never had.
      const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const input = `${header}.${payload}`;
      return `${input}.${sign("sha256", Buffer.from(input), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
    }
    case 6:
      return `${header}.${payload}`;
    case 7:
      return `${hostileString(r)}.${hostileString(r)}.${hostileString(r)}`.slice(0, 1_000);
    case 8:
      return r.pick([
        hostileString(r).slice(0, 1_000) || "x",
        "x".repeat(r.int(1_000, 10_000)),
        `${fixture.refreshToken}x`,
      ]);
    case 9:
      return `${encode({ alg: "ES256", typ: "at+jwt", jku: "https://evil.example/jwks" })}.${payload}.${signature}`;
    default:
      // Revocation by another client: the token is valid, but not the asker's.
      return asker === "public" ? fixture.accessToken : r.pick([fixture.accessToken, fixture.refreshToken]);
  }
}

/**
 * The valid authentication of a client that may ask about tokens. Revocation is asked only by
 * clients that do not own the fixture's tokens: the answer must revoke nothing.
 */
function validAuthentication(r: Random, fixture: OAuthFixture, draft: Draft, endpoint: Endpoint): Asker {
  const asker: Asker =
    endpoint === "/oauth/revoke" ? r.pick(["other", "public"] as const) : r.pick(["confidential", "other"] as const);
  if (asker === "public") {
    draft.params.push(["client_id", fixture.publicClientId]);
    return asker;
  }
  const client = fixture[asker];
  if (r.chance(0.5)) draft.authorization = basic(client.id, client.secret);
  else draft.params.push(["client_id", client.id], ["client_secret", client.secret]);
  return asker;
}

function tokenRequest(r: Random, fixture: OAuthFixture, draft: Draft): void {
  const { id, secret } = fixture.confidential;
  if (r.chance(0.5)) draft.authorization = basic(id, secret);
  else draft.params.push(["client_id", id], ["client_secret", secret]);
  draft.params.push(["grant_type", "client_credentials"]);
  if (r.chance(0.5)) draft.params.push(["scope", fixture.scope]);
  const changes = new Set([r.int(0, 6)]);
  while (r.chance(0.3)) changes.add(r.int(0, 6));
  for (const change of changes) {
    switch (change) {
      case 0:
        breakForm(r, draft);
        break;
      case 1:
        brokenAuthentication(r, fixture, draft, false);
        break;
      case 2: {
        const grant = r.pick([
          "",
          "password",
          "implicit",
          "CLIENT_CREDENTIALS",
          "client_credentials ",
          "urn:ietf:params:oauth:grant-type:jwt-bearer",
          "urn:ietf:params:oauth:grant-type:device_code",
          hostileString(r),
        ]);
        draft.params = r.chance(0.2) ? without(draft.params, "grant_type") : set(draft.params, "grant_type", grant);
        draft.changes.push(`grant_type ${JSON.stringify(grant)}`);
        break;
      }
      case 3: {
        draft.params = set(draft.params, "grant_type", "authorization_code");
        if (r.chance(0.8)) draft.params.push(["code", r.pick([hostileString(r), `${fixture.refreshToken}`])]);
        if (r.chance(0.5)) draft.params.push(["redirect_uri", r.pick(["https://app.example/cb", hostileString(r)])]);
        if (r.chance(0.5)) draft.params.push(["code_verifier", r.pick(["a".repeat(43), hostileString(r)])]);
        draft.changes.push("authorization_code with an unknown code");
        break;
      }
      case 4: {
        draft.params = set(draft.params, "grant_type", "refresh_token");
        // The public client's refresh token is not the confidential client's.
        const token = r.pick([hostileString(r), fixture.refreshToken, fixture.accessToken, ""]);
        if (r.chance(0.9)) draft.params.push(["refresh_token", token]);
        draft.changes.push("refresh_token that is not the client's");
        break;
      }
      case 5: {
        const scope = badScope(r, fixture);
        draft.params = set(draft.params, "scope", scope);
        draft.changes.push(`scope ${JSON.stringify(scope)}`);
        break;
      }
      default:
        draft.method = r.pick(["GET", "PUT", "DELETE", "PATCH"]);
        draft.changes.push(`method ${draft.method}`);
        break;
    }
  }
}

/** Introspection or revocation: an error, or an answer about a token that is not valid. */
function tokenQuestion(r: Random, fixture: OAuthFixture, draft: Draft, endpoint: Endpoint): OAuthOutcome {
  const asker = validAuthentication(r, fixture, draft, endpoint);
  if (r.chance(0.4)) {
    const token = invalidToken(r, fixture, endpoint, asker);
    draft.params.push(["token", token]);
    if (r.chance(0.3))
      draft.params.push(["token_type_hint", r.pick(["access_token", "refresh_token", hostileString(r).slice(0, 500)])]);
    draft.changes.push(`token ${JSON.stringify(token.slice(0, 60))}`);
    return endpoint === "/oauth/revoke" ? "ignored" : "inactive";
  }
  draft.params.push(["token", r.chance(0.5) ? fixture.accessToken : invalidToken(r, fixture, endpoint, asker)]);
  const change = r.int(0, 3);
  if (change === 0) breakForm(r, draft);
  else if (change === 1) brokenAuthentication(r, fixture, draft, endpoint === "/oauth/revoke");
  else if (change === 2) {
    draft.params = r.chance(0.5) ? without(draft.params, "token") : set(draft.params, "token", "");
    draft.changes.push("no token");
  } else {
    draft.method = r.pick(["GET", "PUT", "DELETE"]);
    draft.changes.push(`method ${draft.method}`);
  }
  return "error";
}

const formBody = (params: Params) => new URLSearchParams(params.map(([k, v]) => [k.toWellFormed(), v.toWellFormed()]));

/** One malformed request to the endpoint. */
export function oauthCase(r: Random, index: number, endpoint: Endpoint, fixture: OAuthFixture): OAuthCase {
  const draft: Draft = {
    method: "POST",
    params: [],
    authorization: null,
    contentType: "application/x-www-form-urlencoded",
    rawBody: null,
    changes: [],
  };
  let outcome: OAuthOutcome = "error";
  if (endpoint === "/oauth/token") tokenRequest(r, fixture, draft);
  else outcome = tokenQuestion(r, fixture, draft, endpoint);
  if (draft.method !== "POST") outcome = "notFound";
  const { method, authorization, contentType } = draft;
  const body = draft.rawBody ?? formBody(draft.params).toString();
  const headers: Record<string, string> = {};
  if (authorization !== null) headers.authorization = authorization;
  if (contentType !== null) headers["content-type"] = contentType;
  const query = r.chance(0.05)
    ? `?${formBody([
        ["grant_type", "client_credentials"],
        ["scope", fixture.scope],
      ])}`
    : "";
  return {
    label: `#${index} ${method} ${endpoint} ${outcome}: ${draft.changes.join("; ")} body=${JSON.stringify(body.slice(0, 200))}`,
    endpoint,
    outcome,
    request: () =>
      new Request(`${OAUTH_ORIGIN}${endpoint}${query}`, {
        method,
        headers,
        body: method === "GET" ? undefined : body,
      }),
  };
}
