// An update that changes nothing (a dialog saved as it was opened, or GET's body sent back) writes
// nothing: no audit entry, no new version; it answers the resource as it is.
import { beforeAll, describe, expect, it } from "vitest";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as auditRoute from "@/app/api/audit/route";
import * as clientRoute from "@/app/api/clients/[id]/route";
import * as settingsRoute from "@/app/api/settings/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as usersRoute from "@/app/api/users/route";
import { call, unique } from "./call";
import { createApi, createClient, createScope } from "./factories";
import { signedIn, type TestUser } from "./sessions";

let admin: TestUser;
beforeAll(async () => {
  admin = await signedIn("admin");
});

const auditCount = async (resourceId: string) =>
  (await call(auditRoute.GET, "GET", `/api/audit?resourceId=${encodeURIComponent(resourceId)}`, { as: admin })).json
    .total as number;

describe("an update that changes nothing", () => {
  it("[SCOPES] PATCH with the scope's own values writes no audit entry and keeps the version", async () => {
    const scope = await createScope(undefined, { displayName: "Same" }, { as: admin });
    const path = `/api/apis/${scope.apiId}/scopes/${scope.id}`;
    const params = { id: scope.apiId, scopeId: scope.id };
    const before = await auditCount(scope.id);
    const { status, json } = await call(scopeRoute.PATCH, "PATCH", path, { params, body: scope, as: admin });
    expect(status).toBe(200);
    expect(json).toMatchObject({ version: scope.version, displayName: "Same", updatedAt: scope.updatedAt });
    expect(await auditCount(scope.id)).toBe(before);
    // A real change still writes one entry and moves the version on.
    const changed = await call(scopeRoute.PATCH, "PATCH", path, {
      params,
      body: { displayName: "Other", version: scope.version },
      as: admin,
    });
    expect(changed.json.version).toBe(scope.version + 1);
    expect(await auditCount(scope.id)).toBe(before + 1);
    // An unchanged save from an older version is still a conflict.
    const stale = await call(scopeRoute.PATCH, "PATCH", path, {
      params,
      body: { displayName: "Other", version: scope.version },
      as: admin,
    });
    expect(stale.status).toBe(409);
  });

  it("[APIS] PATCH with the API's own values writes no audit entry and keeps the version", async () => {
    const api = await createApi({ displayName: "Same" }, { as: admin });
    const before = await auditCount(api.id);
    const { status, json } = await call(apiRoute.PATCH, "PATCH", `/api/apis/${api.id}`, {
      params: { id: api.id },
      body: { displayName: "Same", description: api.description, version: api.version },
      as: admin,
    });
    expect(status).toBe(200);
    expect(json.version).toBe(api.version);
    expect(await auditCount(api.id)).toBe(before);
  });

  it("[CLIENTS] PATCH with the client's own values writes no audit entry and keeps the version", async () => {
    const scope = await createScope(undefined, {}, { as: admin });
    const client = await createClient({ allowedScopes: [scope.name] }, { as: admin });
    const before = await auditCount(client.id);
    const { status, json } = await call(clientRoute.PATCH, "PATCH", `/api/clients/${client.id}`, {
      params: { id: client.id },
      body: {
        name: client.dto.name,
        redirectUris: client.dto.redirectUris,
        allowedScopes: client.dto.allowedScopes,
        allowedGrantTypes: client.dto.allowedGrantTypes,
        version: client.dto.version,
      },
      as: admin,
    });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.version).toBe(client.dto.version);
    expect(json.allowedScopes).toEqual([scope.name]);
    expect(await auditCount(client.id)).toBe(before);
  });

  it("[SETTINGS] PUT with the current settings writes no audit entry and keeps the version", async () => {
    const current = (await call(settingsRoute.GET, "GET", "/api/settings", { as: admin })).json;
    const before = await auditCount("1");
    const { updatedAt: _updatedAt, ...body } = current;
    const { status, json } = await call(settingsRoute.PUT, "PUT", "/api/settings", { body, as: admin });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.version).toBe(current.version);
    expect(await auditCount("1")).toBe(before);
  });

  it("[USERS] PATCH with the user's own role, APIs and status writes no audit entry and keeps the version", async () => {
    const api = await createApi({}, { as: admin });
    const user = (
      await call(usersRoute.POST, "POST", "/api/users", {
        body: {
          email: `${unique("same")}@example.com`,
          password: "a password long enough",
          role: "owner",
          apiIds: [api.id],
        },
        as: admin,
      })
    ).json;
    const before = await auditCount(user.id);
    const { status, json } = await call(userRoute.PATCH, "PATCH", `/api/users/${user.id}`, {
      params: { id: user.id },
      body: { role: "owner", apiIds: [api.id], disabled: false, version: user.version },
      as: admin,
    });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.version).toBe(user.version);
    expect(await auditCount(user.id)).toBe(before);
  });
});
