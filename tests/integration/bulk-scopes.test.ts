// POST /api/apis/{id}/scopes/bulk: flags of several scopes, or deleting them, in one transaction;
// every scope checked to be the actor's before the change is, an audit entry per changed scope.
import { beforeAll, describe, expect, it } from "vitest";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as bulkRoute from "@/app/api/apis/[id]/scopes/bulk/route";
import * as auditRoute from "@/app/api/audit/route";
import * as clientRoute from "@/app/api/clients/[id]/route";
import { call } from "./call";
import { createApi, createClient, createScope } from "./factories";
import { signedIn, type TestUser } from "./sessions";

let admin: TestUser;
beforeAll(async () => {
  admin = await signedIn("admin");
});

const bulk = (apiId: string, body: unknown, as: TestUser = admin) =>
  call(bulkRoute.POST, "POST", `/api/apis/${apiId}/scopes/bulk`, { params: { id: apiId }, body, as });
const getScope = (apiId: string, scopeId: string) =>
  call(scopeRoute.GET, "GET", `/api/apis/${apiId}/scopes/${scopeId}`, { params: { id: apiId, scopeId }, as: admin });
const auditOf = async (resourceId: string) =>
  (await call(auditRoute.GET, "GET", `/api/audit?resourceId=${resourceId}`, { as: admin })).json.items as {
    action: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  }[];

describe("POST /api/apis/{id}/scopes/bulk", () => {
  it("sets flags of several scopes, auditing each scope it changed, and skipping those that had them", async () => {
    const api = await createApi();
    const a = await createScope(api.id, { required: false, emphasize: false });
    const b = await createScope(api.id, { required: true, emphasize: false });
    const { status, json } = await bulk(api.id, { action: "update", ids: [a.id, b.id], set: { required: true } });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.changed).toBe(1);
    expect(json.items.map((s: { required: boolean }) => s.required)).toEqual([true, true]);
    expect((await getScope(api.id, a.id)).json).toMatchObject({ required: true, version: a.version + 1 });
    expect((await getScope(api.id, b.id)).json.version).toBe(b.version);
    const events = await auditOf(a.id);
    expect(events[0]).toMatchObject({ action: "update", before: { required: false }, after: { required: true } });
    expect((await auditOf(b.id)).map((event) => event.action)).toEqual(["create"]);

    const again = await bulk(api.id, { action: "update", ids: [a.id, b.id], set: { required: true } });
    expect(again.json.changed).toBe(0);
    expect((await getScope(api.id, a.id)).json.version).toBe(a.version + 1);
  });

  it("changes nothing when one scope is another API's (404) or the actor manages none of them (403)", async () => {
    const api = await createApi();
    const other = await createApi();
    const mine = await createScope(api.id, { emphasize: false });
    const theirs = await createScope(other.id, { emphasize: false });
    const mixed = await bulk(api.id, { action: "update", ids: [mine.id, theirs.id], set: { emphasize: true } });
    expect(mixed.status).toBe(404);
    expect((await getScope(api.id, mine.id)).json.emphasize).toBe(false);

    const owner = await signedIn("owner", [api.id]);
    // An owner of one API cannot reach another's scopes through it, nor that API at all.
    expect((await bulk(api.id, { action: "delete", ids: [theirs.id] }, owner)).status).toBe(404);
    expect((await bulk(other.id, { action: "delete", ids: [theirs.id] }, owner)).status).toBe(403);
    // Authorization comes before validation: a malformed body to an API they do not manage is 403.
    expect((await bulk(other.id, { action: "update", ids: [], set: {} }, owner)).status).toBe(403);
    expect((await getScope(other.id, theirs.id)).status).toBe(200);
    const done = await bulk(api.id, { action: "update", ids: [mine.id], set: { emphasize: true } }, owner);
    expect(done.status).toBe(200);
  });

  it("deletes scopes with every reference; scopes in use need their count as confirm", async () => {
    const api = await createApi();
    const used = await createScope(api.id);
    const unused = await createScope(api.id);
    const client = await createClient({ allowedScopes: [used.name] });
    const refused = await bulk(api.id, { action: "delete", ids: [used.id, unused.id] });
    expect(refused.status).toBe(409);
    expect(refused.json.impact).toMatchObject({ allowedClients: 1 });
    expect((await getScope(api.id, unused.id)).status).toBe(200);

    const deleted = await bulk(api.id, { action: "delete", ids: [used.id, unused.id], confirm: "2" });
    expect(deleted.status, JSON.stringify(deleted.json)).toBe(200);
    expect(deleted.json.changed).toBe(2);
    expect((await getScope(api.id, used.id)).status).toBe(404);
    expect((await getScope(api.id, unused.id)).status).toBe(404);
    expect((await auditOf(used.id)).map((event) => event.action)).toEqual(["delete", "create"]);
    expect((await auditOf(unused.id)).map((event) => event.action)).toEqual(["delete", "create"]);
    const after = await call(clientRoute.GET, "GET", `/api/clients/${client.id}`, { params: { id: client.id } });
    expect(after.json.allowedScopes).toEqual([]);
  });

  it.each([
    ["no action", { ids: ["x"] }],
    ["an unknown action", { action: "rename", ids: ["x"] }],
    ["no ids", { action: "delete", ids: [] }],
    ["an id twice", { action: "delete", ids: ["x", "x"] }],
    ["no flag to set", { action: "update", ids: ["x"], set: {} }],
    ["a field that is not a flag", { action: "update", ids: ["x"], set: { name: "y" } }],
    ["a flag that is not a boolean", { action: "update", ids: ["x"], set: { required: "yes" } }],
    ["too many ids", { action: "delete", ids: Array.from({ length: 101 }, (_, i) => `id${i}`) }],
  ])("%s is 400 problem details", async (_name, body) => {
    const api = await createApi();
    const { status, json } = await bulk(api.id, body);
    expect(status).toBe(400);
    expect(json.title).toBe("Bad Request");
  });
});
