// Scopes belong to clients by identity, and a scope's references go with it: deleting a scope (or
// its API) removes it from every client, consent, live grant and code in one audited transaction,
// and refuses with 409 and the impact unless the request names it again. A scope created again
// under the name inherits nothing.
import { beforeAll, describe, expect, it } from "vitest";
import * as apiImpactRoute from "@/app/api/apis/[id]/impact/route";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as scopeImpactRoute from "@/app/api/apis/[id]/scopes/[scopeId]/impact/route";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as clientRoute from "@/app/api/clients/[id]/route";
import * as clientsRoute from "@/app/api/clients/route";
import { db } from "@/lib/db/client";
import type { ScopeDto } from "@/lib/scopes/schemas";
import { call, unique } from "./call";
import { createApi, createClient, createScope, createUser } from "./factories";
import { signedIn } from "./sessions";

const HOUR_MS = 3_600_000;

const deleteScope = (scope: ScopeDto, query = "") =>
  call(scopeRoute.DELETE, "DELETE", `/api/apis/${scope.apiId}/scopes/${scope.id}${query}`, {
    params: { id: scope.apiId, scopeId: scope.id },
  });

const impactOf = (scope: ScopeDto) =>
  call(scopeImpactRoute.GET, "GET", `/api/apis/${scope.apiId}/scopes/${scope.id}/impact`, {
    params: { id: scope.apiId, scopeId: scope.id },
  });

const getClient = (id: string) => call(clientRoute.GET, "GET", `/api/clients/${id}`, { params: { id } });

/** What a user granted a client, stored as the authorization flow stores it. */
async function grantedTo(clientId: string, scopes: string[]) {
  const user = await createUser();
  const now = Date.now();
  await db().consent.create({ data: { userId: user.id, clientId, scopes } });
  const grant = await db().grant.create({
    data: {
      id: unique("grant"),
      clientId,
      userId: user.id,
      scopes,
      issuedAt: new Date(now),
      authTime: new Date(now),
      tokensExpireAt: new Date(now + HOUR_MS),
    },
  });
  const code = await db().authorizationCode.create({
    data: {
      id: unique("code"),
      clientId,
      userId: user.id,
      redirectUri: "https://app.example.com/callback",
      scopes,
      authTime: new Date(now),
      expiresAt: new Date(now + 60_000),
    },
  });
  return { user, grantId: grant.id, codeId: code.id };
}

describe("a scope in use", () => {
  let scope: ScopeDto;
  let kept: ScopeDto;
  let client: Awaited<ReturnType<typeof createClient>>;
  let granted: Awaited<ReturnType<typeof grantedTo>>;

  beforeAll(async () => {
    const api = await createApi();
    scope = await createScope(api.id);
    kept = await createScope(api.id);
    client = await createClient({ allowedScopes: [scope.name, kept.name] });
    granted = await grantedTo(client.clientId, [kept.name, scope.name]);
  });

  it("shows its impact: the clients allowed it, the consents and the live grants that hold it", async () => {
    const { status, json } = await impactOf(scope);
    expect(status).toBe(200);
    expect(json).toEqual({ allowedClients: 1, consents: 1, liveGrants: 1 });
  });

  it("is not deleted without confirmation: 409 with the impact, and nothing changes", async () => {
    const { status, json } = await deleteScope(scope);
    expect(status).toBe(409);
    expect(json.impact).toEqual({ allowedClients: 1, consents: 1, liveGrants: 1 });
    expect(json.detail).toContain(`confirm=${scope.name}`);
    expect((await deleteScope(scope, "?confirm=someone_else")).status).toBe(409);
    expect((await getClient(client.id)).json.allowedScopes).toEqual([scope.name, kept.name].sort());
  });

  it("is deleted when confirmed, and leaves no reference behind, each change audited", async () => {
    const before = (await getClient(client.id)).json;
    expect((await deleteScope(scope, `?confirm=${scope.name}`)).status).toBe(204);

    const after = (await getClient(client.id)).json;
    expect(after.allowedScopes).toEqual([kept.name]);
    expect(after.version).toBe(before.version + 1);
    const consent = await db().consent.findUniqueOrThrow({
      where: { userId_clientId: { userId: granted.user.id, clientId: client.clientId } },
    });
    expect(consent.scopes).toEqual([kept.name]);
    expect((await db().grant.findUniqueOrThrow({ where: { id: granted.grantId } })).scopes).toEqual([kept.name]);
    expect((await db().authorizationCode.findUniqueOrThrow({ where: { id: granted.codeId } })).scopes).toEqual([
      kept.name,
    ]);

    const events = await db().auditEvent.findMany({ where: { resourceId: { in: [scope.id, client.id] } } });
    expect(events.find((event) => event.resourceId === scope.id && event.action === "delete")?.before).toMatchObject({
      name: scope.name,
      impact: { allowedClients: 1, consents: 1, liveGrants: 1 },
    });
    expect(events.find((event) => event.resourceId === client.id && event.action === "update")).toMatchObject({
      before: { allowedScopes: [scope.name, kept.name].sort() },
      after: { allowedScopes: [kept.name] },
    });
  });

  it("an unused scope is deleted without confirmation", async () => {
    const unused = await createScope();
    expect((await impactOf(unused)).json).toEqual({ allowedClients: 0, consents: 0, liveGrants: 0 });
    expect((await deleteScope(unused)).status).toBe(204);
  });

  it("a revoked or expired grant is not live", async () => {
    const other = await createScope();
    const { grantId } = await grantedTo(unique("gone_client"), [other.name]);
    await db().grant.update({ where: { id: grantId }, data: { revokedAt: new Date() } });
    const expired = await grantedTo(unique("old_client"), [other.name]);
    await db().grant.update({ where: { id: expired.grantId }, data: { tokensExpireAt: new Date(Date.now() - 1) } });
    expect((await impactOf(other)).json).toEqual({ allowedClients: 0, consents: 2, liveGrants: 0 });
  });
});

describe("a scope created again under a deleted one's name", () => {
  it("inherits no client, consent or grant, and gives its owner no one else's client", async () => {
    const api = await createApi();
    const original = await createScope(api.id);
    const other = await createScope(api.id);
    const client = await createClient({ allowedScopes: [original.name, other.name] });
    const granted = await grantedTo(client.clientId, [original.name]);
    expect((await deleteScope(original, `?confirm=${original.name}`)).status).toBe(204);

    // Another API's owner takes the name.
    const theirApi = await createApi();
    const owner = await signedIn("owner", [theirApi.id]);
    const again = await createScope(theirApi.id, { name: original.name }, { as: owner });
    expect(again.id).not.toBe(original.id);

    expect((await impactOf(again)).json).toEqual({ allowedClients: 0, consents: 0, liveGrants: 0 });
    expect((await getClient(client.id)).json.allowedScopes).toEqual([other.name]);
    expect(await db().consent.count({ where: { userId: granted.user.id } })).toBe(0);
    expect((await db().grant.findUniqueOrThrow({ where: { id: granted.grantId } })).scopes).toEqual([]);
    // The owner manages no client through the name: not in the list, 403 on the client.
    const list = await call(clientsRoute.GET, "GET", "/api/clients?pageSize=100", { as: owner });
    expect(list.json.items.map((item: { id: string }) => item.id)).not.toContain(client.id);
    expect(
      (await call(clientRoute.GET, "GET", `/api/clients/${client.id}`, { params: { id: client.id }, as: owner }))
        .status,
    ).toBe(403);
  });

  it("a name left in a grant by a race is forgotten when the name is created again", async () => {
    const name = unique("raced");
    const { grantId } = await grantedTo(unique("client"), [name]);
    await createScope(undefined, { name });
    expect((await db().grant.findUniqueOrThrow({ where: { id: grantId } })).scopes).toEqual([]);
  });
});

describe("deleting an API whose scopes are in use", () => {
  it("shows the impact of its scopes together, refuses without confirmation, and removes them everywhere", async () => {
    const api = await createApi();
    const [a, b] = [await createScope(api.id), await createScope(api.id)];
    const client = await createClient({ allowedScopes: [a.name, b.name] });
    await grantedTo(client.clientId, [a.name, b.name]);
    const params = { id: api.id };

    const impact = await call(apiImpactRoute.GET, "GET", `/api/apis/${api.id}/impact`, { params });
    // One client, one consent and one grant, though each holds both scopes.
    expect(impact.json).toEqual({ allowedClients: 1, consents: 1, liveGrants: 1 });
    const refused = await call(apiRoute.DELETE, "DELETE", `/api/apis/${api.id}`, { params });
    expect(refused.status).toBe(409);
    expect(refused.json.impact).toEqual(impact.json);
    expect((await call(apiRoute.GET, "GET", `/api/apis/${api.id}`, { params })).status).toBe(200);

    const done = await call(apiRoute.DELETE, "DELETE", `/api/apis/${api.id}?confirm=${api.name}`, { params });
    expect(done.status).toBe(204);
    expect((await getClient(client.id)).json.allowedScopes).toEqual([]);
    expect(await db().consent.count({ where: { clientId: client.clientId } })).toBe(0);
  });
});
