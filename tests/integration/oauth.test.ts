import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as previewRoute from "@/app/api/token-preview/route";
import { ChangeSignal, changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { OAuthContext } from "@/lib/oauth/context";
import { introspectionHandler } from "@/lib/oauth/introspect";
import { jwksHandler } from "@/lib/oauth/jwks";
import { revocationHandler } from "@/lib/oauth/revoke";
import { rotateSigningKey } from "@/lib/oauth/signing-keys";
import { tokenHandler } from "@/lib/oauth/token";
import { dateOf } from "@/lib/time/epoch";
import { call, unique } from "./call";
import { createApi, createClient, createScope } from "./factories";
import { TEST_KEK, testOAuthContext } from "./oauth-context";

const ISSUER = "https://issuer.test";
const WRITE_METHODS = new Set(["create", "createMany", "update", "updateMany", "upsert", "delete", "deleteMany"]);

/** The database, recording every write any handler makes through it (or every call, given no methods). */
function recordingPrisma(writes: string[], methods: ReadonlySet<string> | null = WRITE_METHODS): PrismaClient {
  return new Proxy(db(), {
    get(target, model, receiver) {
      const value = Reflect.get(target, model, receiver);
      if (typeof model !== "string" || model.startsWith("$") || typeof value !== "object" || value === null) {
        return typeof value === "function" ? value.bind(target) : value;
      }
      return new Proxy(value, {
        get(delegate, method, delegateReceiver) {
          if (typeof method === "string" && (methods === null || methods.has(method)))
            writes.push(`${model}.${method}`);
          return Reflect.get(delegate, method, delegateReceiver);
        },
      });
    },
  });
}

let clock = 1_900_000_000;
const writes: string[] = [];
const kek = TEST_KEK;
let context: OAuthContext;
let token: ReturnType<typeof tokenHandler>;
let introspect: ReturnType<typeof introspectionHandler>;
let revoke: ReturnType<typeof revocationHandler>;
let api: { id: string; name: string };
let readScope: { id: string; name: string };
/** The client of most tests (set up once its scope exists): a confidential machine client. */
let machine: { name: string; type: "confidential"; allowedScopes: string[]; allowedGrantTypes: string[] };

function form(path: string, params: Record<string, string>, init: { basic?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {
    "content-type": init.contentType ?? "application/x-www-form-urlencoded",
  };
  if (init.basic) headers.authorization = `Basic ${Buffer.from(init.basic).toString("base64")}`;
  return new Request(`${ISSUER}${path}`, { method: "POST", headers, body: new URLSearchParams(params).toString() });
}

async function issue(client: { clientId: string; secret: string }, scope?: string) {
  const params: Record<string, string> = { grant_type: "client_credentials" };
  if (scope !== undefined) params.scope = scope;
  const response = await token(form("/oauth/token", params, { basic: `${client.clientId}:${client.secret}` }));
  return { status: response.status, headers: response.headers, json: await response.json() };
}

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => clock, { prisma: recordingPrisma(writes) });
  token = tokenHandler(context);
  introspect = introspectionHandler(context);
  revoke = revocationHandler(context);
  api = await createApi({ name: unique("billing") });
  readScope = await createScope(api.id, { name: unique("read_billing"), accessTokenLifetime: 3_600 });
  machine = {
    name: "Machine",
    type: "confidential",
    allowedScopes: [readScope.name],
    allowedGrantTypes: ["client_credentials"],
  };
});

describe("POST /oauth/token - client_credentials", () => {
  it("issues an RFC 9068 JWT that verifies against the JWKS, writing nothing", async () => {
    const client = await createClient(machine);
    await context.config.get();
    writes.length = 0;
    const { status, headers, json } = await issue(client, readScope.name);
    expect(writes).toEqual([]);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(json).toMatchObject({ token_type: "Bearer", expires_in: 3_600, scope: readScope.name });
    expect(json.refresh_token).toBeUndefined();

    const jwks = await (await jwksHandler(context)(new Request(`${ISSUER}/oauth/jwks`))).json();
    const { payload, protectedHeader } = await jwtVerify(json.access_token, createLocalJWKSet(jwks), {
      issuer: ISSUER,
      currentDate: dateOf(clock),
    });
    expect(protectedHeader.typ).toBe("at+jwt");
    expect(payload).toMatchObject({
      sub: client.clientId,
      client_id: client.clientId,
      scope: readScope.name,
      aud: [api.name],
    });
    expect(payload.exp).toBe(clock + 3_600);
    expect(payload.iat).toBe(clock);
    expect(payload.jti).toEqual(expect.any(String));
  });

  it("expires_in equals what the token preview says for the same request", async () => {
    const client = await createClient(machine);
    const issued = await issue(client, readScope.name);
    const preview = await call(previewRoute.POST, "POST", "/api/token-preview", {
      body: { scopes: [readScope.name], grantType: "client_credentials" },
    });
    expect(issued.json.expires_in).toBe(preview.json.accessToken.lifetime);
  });

  it("follows a lifetime changed in the console on the next request", async () => {
    const client = await createClient(machine);
    const params = { id: api.id, scopeId: readScope.id };
    const path = `/api/apis/${api.id}/scopes/${readScope.id}`;
    const { version } = (await call(scopeRoute.GET, "GET", path, { params })).json;
    await call(scopeRoute.PATCH, "PATCH", path, { params, body: { accessTokenLifetime: "20 min", version } });
    expect((await issue(client, readScope.name)).json.expires_in).toBe(1_200);
    await call(scopeRoute.PATCH, "PATCH", path, { params, body: { accessTokenLifetime: 3_600, version: version + 1 } });
    expect((await issue(client, readScope.name)).json.expires_in).toBe(3_600);
  });

  it("client_secret_post authenticates too", async () => {
    const client = await createClient(machine);
    const response = await token(
      form("/oauth/token", {
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_secret: client.secret,
      }),
    );
    expect(response.status).toBe(200);
  });

  it.each([
    [
      "a wrong secret",
      (c: { clientId: string }) =>
        form("/oauth/token", { grant_type: "client_credentials" }, { basic: `${c.clientId}:wrong` }),
      401,
      "invalid_client",
    ],
    [
      "an unknown client",
      () => form("/oauth/token", { grant_type: "client_credentials" }, { basic: "nobody:secret" }),
      401,
      "invalid_client",
    ],
    [
      "no client authentication",
      () => form("/oauth/token", { grant_type: "client_credentials" }),
      401,
      "invalid_client",
    ],
    [
      "two authentication methods",
      (c: { clientId: string; secret: string }) =>
        form(
          "/oauth/token",
          { grant_type: "client_credentials", client_secret: c.secret },
          { basic: `${c.clientId}:${c.secret}` },
        ),
      400,
      "invalid_request",
    ],
    [
      "no grant_type",
      (c: { clientId: string; secret: string }) => form("/oauth/token", {}, { basic: `${c.clientId}:${c.secret}` }),
      400,
      "invalid_request",
    ],
    [
      "an unknown grant type",
      (c: { clientId: string; secret: string }) =>
        form("/oauth/token", { grant_type: "password" }, { basic: `${c.clientId}:${c.secret}` }),
      400,
      "unsupported_grant_type",
    ],
    [
      "an unknown scope",
      (c: { clientId: string; secret: string }) =>
        form(
          "/oauth/token",
          { grant_type: "client_credentials", scope: "no_such_scope" },
          { basic: `${c.clientId}:${c.secret}` },
        ),
      400,
      "invalid_scope",
    ],
    [
      "a malformed scope parameter",
      (c: { clientId: string; secret: string }) =>
        form(
          "/oauth/token",
          { grant_type: "client_credentials", scope: 'a  "b' },
          { basic: `${c.clientId}:${c.secret}` },
        ),
      400,
      "invalid_scope",
    ],
    [
      "a JSON body",
      (c: { clientId: string; secret: string }) =>
        form(
          "/oauth/token",
          { grant_type: "client_credentials" },
          { basic: `${c.clientId}:${c.secret}`, contentType: "application/json" },
        ),
      400,
      "invalid_request",
    ],
  ])("%s is refused as RFC 6749 section 5.2 says", async (_label, build, status, error) => {
    const client = await createClient(machine);
    const response = await token(build(client));
    expect(response.status).toBe(status);
    expect((await response.json()).error).toBe(error);
    if (status === 401) expect(response.headers.get("www-authenticate")).toMatch(/^Basic /);
  });

  it("bad input never answers 5xx", async () => {
    const client = await createClient(machine);
    const bodies = [
      "",
      "%",
      "grant_type=%E0%A4%A",
      `grant_type=client_credentials&scope=${"x".repeat(20_000)}`,
      "grant_type=client_credentials&scope=%00",
      "grant_type[]=client_credentials",
    ];
    const headers: Record<string, string>[] = [
      { authorization: "Basic !!!" },
      { authorization: `Basic ${Buffer.from("no-colon").toString("base64")}` },
      { authorization: `Basic ${Buffer.from("%zz:%zz").toString("base64")}` },
      { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}` },
      {},
    ];
    for (const body of bodies) {
      for (const header of headers) {
        const request = new Request(`${ISSUER}/oauth/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", ...header },
          body,
        });
        const response = await token(request);
        expect(response.status, `${body.slice(0, 40)} ${JSON.stringify(header)}`).toBeLessThan(500);
        expect((await response.json()).error).toEqual(expect.any(String));
      }
    }
  });

  it("a client without the grant type is unauthorized_client", async () => {
    const client = await createClient({
      ...machine,
      allowedGrantTypes: ["authorization_code"],
      redirectUris: ["https://app.example/cb"],
    });
    expect((await issue(client)).json.error).toBe("unauthorized_client");
  });

  it("a repeated parameter is invalid_request", async () => {
    const client = await createClient(machine);
    const request = new Request(`${ISSUER}/oauth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}`,
      },
      body: "grant_type=client_credentials&grant_type=client_credentials",
    });
    expect((await (await token(request)).json()).error).toBe("invalid_request");
  });

  it("echoes what the client sent only in the characters RFC 6749 allows in error_description", async () => {
    const client = await createClient(machine);
    const send = (body: string) =>
      token(
        new Request(`${ISSUER}/oauth/token`, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}`,
          },
          body,
        }),
      );
    const repeated = await (await send(`grant_type=client_credentials&%22%C3%A9%00=1&%22%C3%A9%00=2`)).json();
    expect(repeated).toEqual({ error: "invalid_request", error_description: "The parameter ??? is repeated." });
    const unsupported = await (await send(`grant_type=${encodeURIComponent(`"\\😀${"x".repeat(100)}`)}`)).json();
    expect(unsupported.error).toBe("unsupported_grant_type");
    expect(unsupported.error_description).toBe(`The grant type ????${"x".repeat(36)}... is not supported.`);
  });

  it("sees a change made by another process once ConfigVersion moves", async () => {
    const client = await createClient(machine);
    // Another process: a direct write and a version bump, without this process's epoch.
    await db().$transaction([
      db().apiScope.update({ where: { id: readScope.id }, data: { accessTokenLifetime: 1_500 } }),
      db().configVersion.update({ where: { id: 1 }, data: { version: { increment: 1 } } }),
    ]);
    expect((await issue(client, readScope.name)).json.expires_in).toBe(1_500);
    await changeConfig(db(), (tx) =>
      tx.apiScope.update({ where: { id: readScope.id }, data: { accessTokenLifetime: 3_600 } }),
    );
  });
});

describe("POST /oauth/introspect and /oauth/revoke", () => {
  const introspectAs = async (client: { clientId: string; secret: string }, accessToken: string) =>
    (
      await introspect(
        form("/oauth/introspect", { token: accessToken }, { basic: `${client.clientId}:${client.secret}` }),
      )
    ).json();

  it("an issued token is active until revoked, then only {active: false}", async () => {
    const client = await createClient(machine);
    const { access_token } = (await issue(client, readScope.name)).json;
    expect(await introspectAs(client, access_token)).toMatchObject({
      active: true,
      client_id: client.clientId,
      scope: readScope.name,
      exp: clock + 3_600,
    });

    const other = await createClient(machine);
    await revoke(form("/oauth/revoke", { token: access_token }, { basic: `${other.clientId}:${other.secret}` }));
    expect((await introspectAs(client, access_token)).active).toBe(true);

    const revoked = await revoke(
      form("/oauth/revoke", { token: access_token }, { basic: `${client.clientId}:${client.secret}` }),
    );
    expect(revoked.status).toBe(200);
    expect(await introspectAs(client, access_token)).toEqual({ active: false });
  });

  it("a revocation reloads the revocation list only, in this process and in another", async () => {
    const client = await createClient(machine);
    const { access_token } = (await issue(client, readScope.name)).json;
    // Another process: its own change signal, and every query it makes recorded.
    const queries: string[] = [];
    const elsewhere = await testOAuthContext(ISSUER, () => clock, {
      prisma: recordingPrisma(queries, null),
      signal: new ChangeSignal(),
    });
    const introspectElsewhere = async () =>
      (
        await introspectionHandler(elsewhere)(
          form("/oauth/introspect", { token: access_token }, { basic: `${client.clientId}:${client.secret}` }),
        )
      ).json();
    expect((await introspectElsewhere()).active).toBe(true);
    queries.length = 0;

    await revoke(form("/oauth/revoke", { token: access_token }, { basic: `${client.clientId}:${client.secret}` }));
    expect(await introspectAs(client, access_token)).toEqual({ active: false });
    expect(await introspectElsewhere()).toEqual({ active: false });
    expect(queries).toContain("revokedToken.findMany");
    for (const configuration of ["oAuthClient.findMany", "apiScope.findMany", "signingKey.findMany"]) {
      expect(queries).not.toContain(configuration);
    }
  });

  it("an expired or forged token is inactive; revoking garbage answers 200", async () => {
    const client = await createClient(machine);
    const { access_token } = (await issue(client, readScope.name)).json;
    clock += 3_601;
    expect(await introspectAs(client, access_token)).toEqual({ active: false });
    clock -= 3_601;
    expect(await introspectAs(client, `${access_token.slice(0, -4)}AAAA`)).toEqual({ active: false });
    const garbage = await revoke(
      form("/oauth/revoke", { token: "garbage" }, { basic: `${client.clientId}:${client.secret}` }),
    );
    expect(garbage.status).toBe(200);
  });

  it("introspection requires client authentication", async () => {
    const response = await introspect(form("/oauth/introspect", { token: "x" }));
    expect(response.status).toBe(401);
  });

  it("tokens signed with a rotated key still verify; new tokens use the new key", async () => {
    const client = await createClient(machine);
    const before = (await issue(client, readScope.name)).json.access_token;
    await changeConfig(db(), (tx) => rotateSigningKey(tx, kek));
    const after = (await issue(client, readScope.name)).json.access_token;
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    expect((await introspectAs(client, before)).active).toBe(true);
    const jwks = await (await jwksHandler(context)(new Request(`${ISSUER}/oauth/jwks`))).json();
    const kids = jwks.keys.map((key: { kid: string }) => key.kid);
    expect(kids).toEqual(expect.arrayContaining([decodeProtectedHeader(before).kid, decodeProtectedHeader(after).kid]));
  });
});
