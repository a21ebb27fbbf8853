// Lifetimes and flags changed through the JSON API govern the token preview and discovery.
import { describe, expect, it } from "vitest";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as settingsRoute from "@/app/api/settings/route";
import * as previewRoute from "@/app/api/token-preview/route";
import { DEFAULT_SERVICE_SETTINGS } from "@/lib/issuing";
import { discoveryHandler } from "@/lib/oauth/discovery";
import { systemClock } from "@/lib/time/epoch";
import { testOAuthContext } from "@/tests/integration/oauth-context";
import { call, unique } from "./call";
import { createApi, createClient, createScope } from "./factories";

const preview = (body: Record<string, unknown>) => call(previewRoute.POST, "POST", "/api/token-preview", { body });
/** Edits a scope from its current version, as the dialog does. */
async function patchScope(apiId: string, scopeId: string, body: Record<string, unknown>) {
  const params = { id: apiId, scopeId };
  const path = `/api/apis/${apiId}/scopes/${scopeId}`;
  const { version } = (await call(scopeRoute.GET, "GET", path, { params })).json;
  return call(scopeRoute.PATCH, "PATCH", path, { params, body: { ...body, version } });
}

/** Saves the settings from their current version, as the Settings page does. */
async function putSettings(body: object) {
  const { version } = (await call(settingsRoute.GET, "GET", "/api/settings")).json;
  return call(settingsRoute.PUT, "PUT", "/api/settings", { body: { ...body, version } });
}

describe("token preview", () => {
  it("follows a scope's lifetime, then its change, through the JSON API", async () => {
    const api = await createApi();
    const read = await createScope(api.id, { name: unique("read"), accessTokenLifetime: 3_600 });
    const write = await createScope(api.id, { name: unique("write"), accessTokenLifetime: "10 min" });

    const both = await preview({ scopes: [read.name, write.name], grantType: "authorization_code" });
    expect(both.status).toBe(200);
    expect(both.json.accessToken.lifetime).toBe(600);
    expect(both.json.explanation.find((line: { subject: string }) => line.subject === "accessToken").text).toContain(
      `scope ${write.name}`,
    );

    expect((await preview({ scopes: [read.name], grantType: "authorization_code" })).json.accessToken.lifetime).toBe(
      3_600,
    );
    expect((await patchScope(api.id, read.id, { accessTokenLifetime: "5 min" })).status).toBe(200);
    expect((await preview({ scopes: [read.name], grantType: "authorization_code" })).json.accessToken.lifetime).toBe(
      300,
    );
    expect((await patchScope(api.id, read.id, { accessTokenLifetime: null })).status).toBe(200);
    const inherited = await preview({ scopes: [read.name], grantType: "authorization_code" });
    expect(inherited.json.accessToken.lifetime).toBe(DEFAULT_SERVICE_SETTINGS.accessTokenLifetime);
  });

  it("uses the API's default for its scopes", async () => {
    const api = await createApi({ accessTokenLifetime: "2 h", refreshTokenLifetime: "15 min" });
    const scope = await createScope(api.id, { name: unique("data") });
    const result = await preview({ scopes: [scope.name], grantType: "authorization_code" });
    expect(result.json.accessToken.lifetime).toBe(7_200);
    expect(result.json.refreshToken.lifetime).toBe(900);
    await call(apiRoute.PATCH, "PATCH", `/api/apis/${api.id}`, {
      params: { id: api.id },
      body: { accessTokenLifetime: null, version: 1 },
    });
    const after = await preview({ scopes: [scope.name], grantType: "authorization_code" });
    expect(after.json.accessToken.lifetime).not.toBe(7_200);
  });

  it("grants required scopes unrequested and puts emphasized scopes first on consent", async () => {
    const api = await createApi();
    const plain = await createScope(api.id, { name: unique("plain") });
    const important = await createScope(api.id, { name: unique("important"), emphasize: true });
    const result = await preview({ scopes: [plain.name, important.name], grantType: "authorization_code" });
    // Other tests' required scopes may join the list: compare the positions of ours.
    const names = result.json.consent.scopes.map((scope: { name: string }) => scope.name);
    expect(names.indexOf(important.name)).toBeGreaterThanOrEqual(0);
    expect(names.indexOf(important.name)).toBeLessThan(names.indexOf(plain.name));

    await patchScope(api.id, plain.id, { required: true });
    const withRequired = await preview({ scopes: [], grantType: "authorization_code" });
    expect(withRequired.json.grantedScopes).toContain(plain.name);
    await patchScope(api.id, plain.id, { required: false });
  });

  it("answers invalid_scope for an unknown scope and no refresh token for client_credentials", async () => {
    const refused = await preview({ scopes: [unique("nope")], grantType: "authorization_code" });
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({ ok: false, error: "invalid_scope" });
    const machine = await preview({ scopes: [], grantType: "client_credentials" });
    expect(machine.json).toMatchObject({ ok: true, refreshToken: null, consent: null });
  });

  it.each([
    ["a missing grant type", { scopes: [] }],
    ["an unknown grant type", { scopes: [], grantType: "password" }],
    ["scopes as a string", { scopes: "openid", grantType: "authorization_code" }],
    ["an unknown field", { scopes: [], grantType: "authorization_code", extra: 1 }],
  ])("refuses %s with 400", async (_label, body) => {
    const result = await preview(body);
    expect(result.status).toBe(400);
    expect(result.contentType).toBe("application/problem+json");
  });

  it("applies a client's lifetime and allowed scopes when a client_id is given", async () => {
    const api = await createApi();
    const scope = await createScope(api.id, { name: unique("client_read"), accessTokenLifetime: 3_600 });
    const other = await createScope(api.id, { name: unique("client_other") });
    const { clientId } = await createClient({
      name: "Preview client",
      type: "confidential",
      allowedScopes: [scope.name],
      allowedGrantTypes: ["client_credentials"],
      accessTokenLifetime: "5 min",
    });
    const allowed = await preview({ clientId, scopes: [scope.name], grantType: "client_credentials" });
    expect(allowed.json).toMatchObject({ ok: true, accessToken: { lifetime: 300 } });
    const refused = await preview({ clientId, scopes: [other.name], grantType: "client_credentials" });
    expect(refused.json).toMatchObject({ ok: false, error: "invalid_scope" });
    const wrongGrant = await preview({ clientId, scopes: [], grantType: "authorization_code" });
    expect(wrongGrant.json).toMatchObject({ ok: false, error: "unauthorized_client" });
  });

  it("answers 404 for an unknown client", async () => {
    expect((await preview({ clientId: "nobody", scopes: [], grantType: "authorization_code" })).status).toBe(404);
  });
});

describe("/api/settings", () => {
  it("GET answers the defaults of the issuing module; PUT validates and changes the preview", async () => {
    const before = (await call(settingsRoute.GET, "GET", "/api/settings")).json;
    expect(Object.keys(before).sort()).toEqual(
      [...Object.keys(DEFAULT_SERVICE_SETTINGS), "updatedAt", "version"].sort(),
    );

    const invalid = await putSettings({
      ...DEFAULT_SERVICE_SETTINGS,
      authorizationCodeLifetime: "1 h",
      accessTokenLifetime: "soon",
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.json.errors).sort()).toEqual(["accessTokenLifetime", "authorizationCodeLifetime"]);
    expect((await call(settingsRoute.GET, "GET", "/api/settings")).json).toEqual(before);

    const api = await createApi();
    const scope = await createScope(api.id, { name: unique("svc") });
    const updated = await putSettings({ ...DEFAULT_SERVICE_SETTINGS, accessTokenLifetime: "12 h" });
    expect(updated.status).toBe(200);
    expect((await preview({ scopes: [scope.name], grantType: "authorization_code" })).json.accessToken.lifetime).toBe(
      43_200,
    );
    // Leave the defaults for the other tests of this database.
    await putSettings(DEFAULT_SERVICE_SETTINGS);
  });
});

describe("discovery", () => {
  const context = testOAuthContext("https://issuer.example", systemClock);
  const fetchDocument = async () =>
    (
      await discoveryHandler(await context)(new Request("https://issuer.example/.well-known/openid-configuration"))
    ).json();

  it("publishes the issuer and only the scopes shown in the discovery document", async () => {
    const api = await createApi();
    const shown = await createScope(api.id, { name: unique("shown") });
    const hidden = await createScope(api.id, { name: unique("hidden"), showInDiscoveryDocument: false });
    const document = await fetchDocument();
    expect(document.issuer).toBe("https://issuer.example");
    expect(document.scopes_supported).toContain(shown.name);
    expect(document.scopes_supported).not.toContain(hidden.name);

    await patchScope(api.id, hidden.id, { showInDiscoveryDocument: true });
    await patchScope(api.id, shown.id, { showInDiscoveryDocument: false });
    const changed = await fetchDocument();
    expect(changed.scopes_supported).toContain(hidden.name);
    expect(changed.scopes_supported).not.toContain(shown.name);
  });
});
