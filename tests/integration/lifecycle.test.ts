// Issue 12, deprecation: a scope's lifecycle through the console's routes (deprecate, move the
// sunset, undo, retire), the sunset sweep that runs at start, and what the protocol endpoints do
// with deprecated and retired scopes. The protocol's clock is the real one (a sunset must be in
// the future for the console, which reads the system clock), moved forward where a test needs it.
import { beforeAll, describe, expect, it } from "vitest";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as scopesRoute from "@/app/api/apis/[id]/scopes/route";
import { VERSION_ROWS } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { authorizeHandlers } from "@/lib/oauth/authorize";
import type { OAuthContext } from "@/lib/oauth/context";
import { discoveryHandler } from "@/lib/oauth/discovery";
import { CONSENT_PATH, SIGN_IN_PATH } from "@/lib/oauth/pages";
import { tokenHandler } from "@/lib/oauth/token";
import { startSunsetSweep } from "@/lib/scopes/retire";
import type { ScopeDto } from "@/lib/scopes/schemas";
import { dateOf, systemClock } from "@/lib/time/epoch";
import { call, unique } from "./call";
import { createApi, createClient, createScope, createUser } from "./factories";
import { testOAuthContext } from "./oauth-context";
import { decodeEntities, hidden, pkce } from "./oauth-pages";

const ISSUER = "https://issuer.test";
const REDIRECT = "https://app.example/callback";
const PASSWORD = "correct horse battery staple";
const DAY = 86_400;

let clock = systemClock();
let context: OAuthContext;
let token: ReturnType<typeof tokenHandler>;
let pages: ReturnType<typeof authorizeHandlers>;
let apiId: string;
let email: string;

/** An ISO date-time `days` from the real now (what the console compares a sunset with). */
const inDays = (days: number) => dateOf(systemClock() + days * DAY).toISOString();

const getScope = async (scope: ScopeDto) =>
  (
    await call(scopeRoute.GET, "GET", `/api/apis/${apiId}/scopes/${scope.id}`, {
      params: { id: apiId, scopeId: scope.id },
    })
  ).json as ScopeDto;

/** PATCH with the scope's current version (unless the body names one). */
async function patch(scope: ScopeDto, body: Record<string, unknown>) {
  const { version } = await getScope(scope);
  return call(scopeRoute.PATCH, "PATCH", `/api/apis/${apiId}/scopes/${scope.id}`, {
    params: { id: apiId, scopeId: scope.id },
    body: { version, ...body },
  });
}

async function deprecated(fields: Record<string, unknown> = {}, days = 30) {
  const scope = await createScope(apiId);
  const { status, json } = await patch(scope, { lifecycle: "deprecated", sunsetAt: inDays(days), ...fields });
  expect(status, JSON.stringify(json)).toBe(200);
  return json as ScopeDto;
}

const configVersion = async () =>
  (await db().configVersion.findUnique({ where: { id: VERSION_ROWS.config } }))?.version ?? 0;

const auditOf = (scope: ScopeDto) =>
  db().auditEvent.findMany({ where: { resourceType: "scope", resourceId: scope.id }, orderBy: { at: "asc" } });

function tokenRequest(client: { clientId: string; secret?: string }, params: Record<string, string>) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (client.secret)
    headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}`;
  return new Request(`${ISSUER}/oauth/token`, {
    method: "POST",
    headers,
    body: new URLSearchParams(params).toString(),
  });
}

async function exchange(client: { clientId: string; secret?: string }, params: Record<string, string>) {
  const response = await token(tokenRequest(client, params));
  // biome-ignore lint/suspicious/noExplicitAny: token responses are inspected field by field
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

/** A browser signing in and consenting, as authorization.test.ts drives it. */
class Browser {
  cookie = "";

  get(params: Record<string, string>) {
    const query = new URLSearchParams({ response_type: "code", redirect_uri: REDIRECT, state: "s", ...params });
    return pages.authorize(new Request(`${ISSUER}/oauth/authorize?${query}`, { headers: { cookie: this.cookie } }));
  }

  async post(path: string, fields: [string, string][]) {
    const handler = path === SIGN_IN_PATH ? pages.signIn : pages.consent;
    const response = await handler(
      new Request(`${ISSUER}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookie, origin: ISSUER },
        body: new URLSearchParams(fields).toString(),
      }),
    );
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    return response;
  }

  /** Signs in from the sign-in page; returns the consent page's HTML. */
  async consentPage(params: Record<string, string>) {
    const signInPage = await (await this.get(params)).text();
    const response = await this.post(SIGN_IN_PATH, [
      ["request", hidden(signInPage, "request")],
      ["email", email],
      ["password", PASSWORD],
    ]);
    expect(response.status).toBe(200);
    return response.text();
  }

  /** Allows everything the consent page offers; returns the code. */
  async allow(page: string) {
    const offered = [...page.matchAll(/<input type="checkbox"[^>]*value="([^"]+)"/g)].map((match) => match[1]);
    const response = await this.post(CONSENT_PATH, [
      ["request", hidden(page, "request")],
      ["csrf", hidden(page, "csrf")],
      ["decision", "allow"],
      ...offered.map((name): [string, string] => ["scope", name]),
    ]);
    expect(response.status).toBe(303);
    return new URL(response.headers.get("location") ?? "").searchParams.get("code") ?? "";
  }
}

/** A web app allowed these scopes, with the authorization code and refresh grants. */
const webApp = (allowedScopes: string[]) =>
  createClient({
    name: unique("web"),
    redirectUris: [REDIRECT],
    allowedScopes,
    allowedGrantTypes: ["authorization_code", "refresh_token"],
  });

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => clock);
  token = tokenHandler(context);
  pages = authorizeHandlers(context);
  apiId = (await createApi({ name: unique("lifecycle") })).id;
  email = (await createUser({ email: `${unique("grace")}@example.com`, password: PASSWORD })).email;
});

describe("PATCH /api/apis/{id}/scopes/{scopeId} - deprecate", () => {
  it("needs a sunset in the future, and a replacement that exists, is not itself and is not retired", async () => {
    const scope = await createScope(apiId);
    const retired = await createScope(apiId);
    expect((await patch(retired, { lifecycle: "retired" })).status).toBe(200);
    const cases: [Record<string, unknown>, string][] = [
      [{}, "sunsetAt"],
      [{ sunsetAt: null }, "sunsetAt"],
      [{ sunsetAt: "" }, "sunsetAt"],
      [{ sunsetAt: inDays(-1) }, "sunsetAt"],
      [{ sunsetAt: "next tuesday" }, "sunsetAt"],
      [{ sunsetAt: inDays(5), replacedBy: unique("missing") }, "replacedBy"],
      [{ sunsetAt: inDays(5), replacedBy: scope.name }, "replacedBy"],
      [{ sunsetAt: inDays(5), replacedBy: retired.name }, "replacedBy"],
      [{ sunsetAt: inDays(5), deprecationNote: "n".repeat(1001) }, "deprecationNote"],
      [{ lifecycle: "sunset", sunsetAt: inDays(5) }, "lifecycle"],
    ];
    for (const [fields, field] of cases) {
      const { status, json } = await patch(scope, { lifecycle: "deprecated", ...fields });
      expect(status, JSON.stringify(fields)).toBe(400);
      expect(Object.keys(json.errors), JSON.stringify(fields)).toContain(field);
    }
    expect((await getScope(scope)).lifecycle).toBe("active");
  });

  it("deprecates: deprecatedAt set by the server, version bumped, audited, configuration reloaded", async () => {
    const replacement = await createScope(apiId, { documentationUrl: "https://docs.example/v2" });
    const scope = await createScope(apiId);
    const versionBefore = await configVersion();
    const sunsetAt = inDays(30);
    const { status, json } = await patch(scope, {
      lifecycle: "deprecated",
      sunsetAt,
      replacedBy: replacement.name,
      deprecationNote: "  Use v2.  ",
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      lifecycle: "deprecated",
      sunsetAt,
      replacedBy: replacement.name,
      deprecationNote: "Use v2.",
      version: scope.version + 1,
    });
    expect(Math.abs(Date.parse(json.deprecatedAt) / 1000 - systemClock())).toBeLessThan(60);
    expect(await configVersion()).toBeGreaterThan(versionBefore);
    const events = await auditOf(scope);
    expect(events.at(-1)).toMatchObject({ action: "update", after: { lifecycle: "deprecated", sunsetAt } });
  });

  it("moves the sunset (still in the future), keeping when it was deprecated", async () => {
    const scope = await deprecated();
    const later = inDays(60);
    const moved = await patch(scope, { sunsetAt: later });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ lifecycle: "deprecated", sunsetAt: later, deprecatedAt: scope.deprecatedAt });
    const past = await patch(scope, { sunsetAt: inDays(-1) });
    expect(past.status).toBe(400);
    expect(past.json.errors.sunsetAt).toEqual(["The sunset must be in the future."]);
  });

  it("undo: an active scope has no sunset or replacement; undoing clears them and the note", async () => {
    const replacement = await createScope(apiId);
    const scope = await deprecated({ replacedBy: replacement.name, deprecationNote: "Soon gone." });
    // The GET body with only the lifecycle changed still names the sunset and replacement.
    const kept = await patch(scope, { ...(await getScope(scope)), lifecycle: "active" });
    expect(kept.status).toBe(400);
    expect(Object.keys(kept.json.errors).sort()).toEqual(["deprecationNote", "replacedBy", "sunsetAt"]);
    const undone = await patch(scope, { lifecycle: "active", sunsetAt: null, replacedBy: null, deprecationNote: "" });
    const alone = await deprecated();
    expect((await patch(alone, { lifecycle: "active" })).json).toMatchObject({ lifecycle: "active", sunsetAt: null });
    expect(undone.status).toBe(200);
    expect(undone.json).toMatchObject({
      lifecycle: "active",
      deprecatedAt: null,
      sunsetAt: null,
      replacedBy: null,
      deprecationNote: "",
    });
    const active = await createScope(apiId);
    expect((await patch(active, { sunsetAt: inDays(3) })).json.errors.sunsetAt).toBeDefined();
  });

  it("retire is one way: a retired scope refuses every change but takes its GET body back", async () => {
    const scope = await deprecated();
    const retired = await patch(scope, { lifecycle: "retired" });
    expect(retired.status).toBe(200);
    expect(retired.json.lifecycle).toBe("retired");
    for (const change of [
      { lifecycle: "active" },
      { lifecycle: "deprecated", sunsetAt: inDays(9) },
      { displayName: "New" },
    ]) {
      const { status, json } = await patch(scope, change);
      expect(status, JSON.stringify(change)).toBe(409);
      expect(json.detail).toMatch(/retired/);
    }
    const body = await getScope(scope);
    const back = await patch(scope, { ...body });
    expect(back.status).toBe(200);
    expect(back.json).toEqual(body);
  });

  it("a deprecated scope's GET body goes back through PATCH unchanged", async () => {
    const replacement = await createScope(apiId);
    const scope = await deprecated({
      replacedBy: replacement.name,
      deprecationNote: "Note",
      documentationUrl: "https://docs.example/x",
    });
    const body = await getScope(scope);
    const { status, json } = await patch(scope, { ...body });
    expect(status, JSON.stringify(json)).toBe(200);
    const { version, updatedAt, ...same } = body;
    expect(json).toMatchObject(same);
    // Nothing changed: no new version (and no audit entry).
    expect(json.version).toBe(version);
    expect((await patch(scope, { ...body, version: json.version, deprecatedAt: inDays(-3) })).status).toBe(400);
  });

  it("documentationUrl: https only, blank is null", async () => {
    const scope = await createScope(apiId);
    expect(
      (await patch(scope, { documentationUrl: "http://docs.example" })).json.errors.documentationUrl,
    ).toBeDefined();
    expect((await patch(scope, { documentationUrl: "https://docs.example" })).json.documentationUrl).toBe(
      "https://docs.example/",
    );
    expect((await patch(scope, { documentationUrl: "  " })).json.documentationUrl).toBeNull();
  });
});

describe("GET /api/apis/{id}/scopes?lifecycle=", () => {
  it("filters the list by lifecycle", async () => {
    const own = (await createApi()).id;
    const list = async (query: string) =>
      (await call(scopesRoute.GET, "GET", `/api/apis/${own}/scopes?${query}`, { params: { id: own } })).json;
    const active = await createScope(own);
    const old = await createScope(own, { lifecycle: "deprecated", sunsetAt: inDays(10) });
    expect(old.lifecycle).toBe("deprecated");
    expect((await list("lifecycle=deprecated")).items.map((s: ScopeDto) => s.name)).toEqual([old.name]);
    expect((await list("lifecycle=active")).items.map((s: ScopeDto) => s.name)).toEqual([active.name]);
    expect((await list("")).total).toBe(2);
    expect((await list(`lifecycle=deprecated&q=${old.name}`)).total).toBe(1);
    expect((await list(`lifecycle=deprecated&q=${active.name}`)).total).toBe(0);
    const bad = await call(scopesRoute.GET, "GET", `/api/apis/${own}/scopes?lifecycle=gone`, { params: { id: own } });
    expect(bad.status).toBe(400);
  });
});

describe("the protocol endpoints", () => {
  it("discovery leaves a deprecated scope out of scopes_supported", async () => {
    const scope = await deprecated();
    const document = await (
      await discoveryHandler(context)(new Request(`${ISSUER}/.well-known/openid-configuration`))
    ).json();
    expect(document.scopes_supported).not.toContain(scope.name);
  });

  it("client_credentials granting a deprecated scope: Deprecation, Sunset and Link", async () => {
    const replacement = await createScope(apiId, { documentationUrl: "https://docs.example/reports-v2" });
    const scope = await deprecated({ replacedBy: replacement.name });
    const client = await createClient({ allowedScopes: [scope.name, replacement.name] });
    const { status, headers, json } = await exchange(client, { grant_type: "client_credentials", scope: scope.name });
    expect(status).toBe(200);
    expect(json.scope).toBe(scope.name);
    expect(headers.get("deprecation")).toBe(`@${Math.floor(Date.parse(scope.deprecatedAt ?? "") / 1000)}`);
    expect(headers.get("sunset")).toBe(new Date(scope.sunsetAt ?? "").toUTCString());
    expect(headers.get("link")).toBe('<https://docs.example/reports-v2>; rel="deprecation"; type="text/html"');

    const plain = await exchange(client, { grant_type: "client_credentials", scope: replacement.name });
    expect(plain.headers.get("deprecation")).toBeNull();
    expect(plain.headers.get("sunset")).toBeNull();
  });

  it("a retired scope is invalid_scope at the token endpoint and at the authorization endpoint", async () => {
    const scope = await createScope(apiId);
    expect((await patch(scope, { lifecycle: "retired" })).status).toBe(200);
    const machine = await createClient({ allowedScopes: [scope.name] });
    const refused = await exchange(machine, { grant_type: "client_credentials", scope: scope.name });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe("invalid_scope");
    expect(refused.json.error_description).toContain(scope.name);

    const web = await webApp([scope.name]);
    const response = await new Browser().get({ client_id: web.clientId, scope: scope.name, ...challenge() });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("invalid_scope");
    expect(location.searchParams.get("error_description")).toContain(scope.name);
  });

  it("past its sunset (before any sweep) a deprecated scope is already refused", async () => {
    const scope = await deprecated({}, 1);
    const machine = await createClient({ allowedScopes: [scope.name] });
    clock = systemClock() + 2 * DAY;
    try {
      const refused = await exchange(machine, { grant_type: "client_credentials", scope: scope.name });
      expect(refused.json.error).toBe("invalid_scope");
    } finally {
      clock = systemClock();
    }
  });

  it("a refresh of a grant holding a retired scope issues tokens without it, and scope says so", async () => {
    const kept = await createScope(apiId);
    const dropped = await createScope(apiId);
    const web = await webApp([kept.name, dropped.name]);
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const page = await browser.consentPage({
      client_id: web.clientId,
      scope: `${kept.name} ${dropped.name}`,
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const code = await browser.allow(page);
    const first = await exchange(web, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json.scope.split(" ").sort()).toEqual([kept.name, dropped.name].sort());

    expect((await patch(dropped, { lifecycle: "retired" })).status).toBe(200);
    const refreshed = await exchange(web, { grant_type: "refresh_token", refresh_token: first.json.refresh_token });
    expect(refreshed.status, JSON.stringify(refreshed.json)).toBe(200);
    expect(refreshed.json.scope).toBe(kept.name);
    const explicit = await exchange(web, {
      grant_type: "refresh_token",
      refresh_token: refreshed.json.refresh_token,
      scope: dropped.name,
    });
    expect(explicit.json.error).toBe("invalid_scope");
  });

  it("the consent page says the scope is deprecated, when it stops working, its note and its replacement", async () => {
    const replacement = await createScope(apiId, { displayName: "Reports, version 2" });
    const scope = await deprecated({ replacedBy: replacement.name, deprecationNote: "Version 1 reads stale data." });
    const web = await webApp([scope.name]);
    const page = decodeEntities(
      await new Browser().consentPage({ client_id: web.clientId, scope: scope.name, ...challenge() }),
    );
    expect(page).toContain("This permission is deprecated.");
    expect(page).toContain("It stops working on");
    expect(page).toContain("It is replaced by Reports, version 2.");
    expect(page).toContain("Version 1 reads stale data.");
  });
});

describe("the sunset sweep at start", () => {
  it("retires a scope whose sunset passed while the server was down: audited as the system, version bumped", async () => {
    const scope = await deprecated();
    const past = dateOf(systemClock() - DAY);
    await db().apiScope.update({ where: { id: scope.id }, data: { sunsetAt: past } });
    const versionBefore = await configVersion();
    const stop = await startSunsetSweep(db(), systemClock);
    stop();
    const after = await getScope(scope);
    expect(after).toMatchObject({ lifecycle: "retired", version: scope.version + 1, sunsetAt: past.toISOString() });
    expect(await configVersion()).toBeGreaterThan(versionBefore);
    const event = (await auditOf(scope)).at(-1);
    expect(event).toMatchObject({
      actorId: null,
      actorEmail: "system",
      action: "update",
      after: { lifecycle: "retired" },
    });
    // Once is enough: a second sweep finds nothing.
    const again = await startSunsetSweep(db(), systemClock);
    again();
    expect((await getScope(scope)).version).toBe(after.version);
  });
});

function challenge() {
  return { code_challenge: pkce().challenge, code_challenge_method: "S256" };
}
