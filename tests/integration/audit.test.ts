// The audit log and edit versions: every change is recorded with who, when, what, before and after;
// an edit made from an older version is refused with 409 and writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as auditRoute from "@/app/api/audit/route";
import * as clientRoute from "@/app/api/clients/[id]/route";
import * as secretRoute from "@/app/api/clients/[id]/secret/route";
import * as settingsRoute from "@/app/api/settings/route";
import * as usersRoute from "@/app/api/users/route";
import { call, unique } from "./call";
import { createApi, createClient, createScope } from "./factories";
import { signedIn, type TestUser } from "./sessions";

let admin: TestUser;
beforeAll(async () => {
  admin = await signedIn("admin");
});

const auditOf = (resourceId: string) =>
  call(auditRoute.GET, "GET", `/api/audit?resourceId=${encodeURIComponent(resourceId)}&pageSize=100`, { as: admin });

describe("the audit log", () => {
  it("records every create, update and delete of an API and its scopes with who, what, before and after", async () => {
    const name = unique("audited");
    const api = await createApi({ name }, { as: admin });
    const params = { id: api.id };
    await call(apiRoute.PATCH, "PATCH", `/api/apis/${api.id}`, {
      params,
      body: { displayName: "<script>alert(1)</script>", version: api.version },
      as: admin,
    });
    const scope = await createScope(api.id, { name: unique("s") }, { as: admin });
    await call(scopeRoute.DELETE, "DELETE", `/api/apis/${api.id}/scopes/${scope.id}`, {
      params: { id: api.id, scopeId: scope.id },
      as: admin,
    });
    await call(apiRoute.DELETE, "DELETE", `/api/apis/${api.id}`, { params, as: admin });

    const events = (await auditOf(api.id)).json.items;
    expect(events.map((event: { action: string }) => event.action)).toEqual(["delete", "update", "create"]);
    for (const event of events) {
      expect(event).toMatchObject({
        actorEmail: admin.email,
        resourceType: "api",
        resourceId: api.id,
        resourceName: name,
      });
      expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 60_000);
    }
    const [deleted, updated, created] = events;
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ name, displayName: "" });
    expect(updated.before).toMatchObject({ displayName: "", version: 1 });
    expect(updated.after).toMatchObject({ displayName: "<script>alert(1)</script>", version: 2 });
    expect(deleted.after).toBeNull();
    expect(deleted.before).toMatchObject({ name });

    const scopeEvents = (await auditOf(scope.id)).json.items;
    expect(
      scopeEvents.map((event: { action: string; resourceType: string }) => `${event.resourceType} ${event.action}`),
    ).toEqual(["scope delete", "scope create"]);
  });

  it("records clients without their secret, settings and users without their password", async () => {
    const scope = await createScope();
    const client = await createClient(
      { name: "Audited", type: "confidential", allowedScopes: [scope.name], allowedGrantTypes: ["client_credentials"] },
      { as: admin },
    );
    const regenerated = await call(secretRoute.POST, "POST", `/api/clients/${client.id}/secret`, {
      params: { id: client.id },
      as: admin,
    });
    const clientEvents = (await auditOf(client.id)).json.items;
    expect(clientEvents.map((event: { action: string }) => event.action)).toEqual(["update", "create"]);
    expect(clientEvents[0].after.secret).toBe("regenerated");
    const text = JSON.stringify(clientEvents);
    expect(text).not.toContain(client.secret);
    expect(text).not.toContain(regenerated.json.clientSecret);
    expect(text).not.toMatch(/secretHash/);

    const password = "the new user's password";
    const user = (
      await call(usersRoute.POST, "POST", "/api/users", {
        body: { email: `${unique("audited")}@example.com`, password, role: "user" },
        as: admin,
      })
    ).json;
    const userEvents = JSON.stringify((await auditOf(user.id)).json.items);
    expect(userEvents).toContain(user.email);
    expect(userEvents).not.toContain(password);
    expect(userEvents).not.toMatch(/argon2|passwordHash/);
  });

  it("filters by resource, actor and time; only admins read it", async () => {
    const other = await signedIn("admin");
    const before = new Date().toISOString();
    await createApi({ name: unique("by_other") }, { as: other });
    const byOther = (
      await call(auditRoute.GET, "GET", `/api/audit?actor=${encodeURIComponent(other.email)}`, { as: admin })
    ).json;
    expect(byOther.total).toBe(1);
    expect(byOther.items[0]).toMatchObject({ actorEmail: other.email, resourceType: "api", action: "create" });

    const since = (
      await call(auditRoute.GET, "GET", `/api/audit?resourceType=api&from=${encodeURIComponent(before)}&pageSize=100`, {
        as: admin,
      })
    ).json.items;
    expect(since.some((event: { actorEmail: string }) => event.actorEmail === other.email)).toBe(true);
    const until = (
      await call(
        auditRoute.GET,
        "GET",
        `/api/audit?actor=${encodeURIComponent(other.email)}&to=${encodeURIComponent(before)}`,
        {
          as: admin,
        },
      )
    ).json;
    expect(until.total).toBe(0);
    const onlyUsers = (await call(auditRoute.GET, "GET", "/api/audit?resourceType=user&pageSize=100", { as: admin }))
      .json;
    expect(onlyUsers.items.every((event: { resourceType: string }) => event.resourceType === "user")).toBe(true);

    expect((await call(auditRoute.GET, "GET", "/api/audit?resourceType=planet", { as: admin })).status).toBe(400);
    expect((await call(auditRoute.GET, "GET", "/api/audit?from=yesterday", { as: admin })).status).toBe(400);
    expect((await call(auditRoute.GET, "GET", "/api/audit", { as: await signedIn("owner") })).status).toBe(403);
  });
});

describe("edit versions", () => {
  it("saving over someone else's newer change is 409, and writes neither the change nor an audit event", async () => {
    const api = await createApi({ name: unique("versioned") }, { as: admin });
    const params = { id: api.id };
    const path = `/api/apis/${api.id}`;
    const first = await call(apiRoute.PATCH, "PATCH", path, {
      params,
      body: { displayName: "First", version: api.version },
      as: admin,
    });
    expect(first.status).toBe(200);
    const stale = await call(apiRoute.PATCH, "PATCH", path, {
      params,
      body: { displayName: "Second", version: api.version },
      as: admin,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.detail).toMatch(/changed by someone else since you opened it/);
    expect((await call(apiRoute.GET, "GET", path, { params, as: admin })).json).toMatchObject({
      displayName: "First",
      version: 2,
    });
    expect((await auditOf(api.id)).json.total).toBe(2);
  });

  it("of two parallel saves from the same version, exactly one wins", async () => {
    const client = await createClient(
      {
        name: "Raced",
        type: "public",
        redirectUris: ["https://app.example/cb"],
        allowedGrantTypes: ["authorization_code"],
      },
      { as: admin },
    );
    const params = { id: client.id };
    const results = await Promise.all(
      ["A", "B", "C", "D"].map((name) =>
        call(clientRoute.PATCH, "PATCH", `/api/clients/${client.id}`, {
          params,
          body: { name, version: client.dto.version },
          as: admin,
        }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await auditOf(client.id)).json.total).toBe(2);
  });

  it("settings carry a version too", async () => {
    const current = (await call(settingsRoute.GET, "GET", "/api/settings", { as: admin })).json;
    const { updatedAt: _updatedAt, ...settings } = current;
    const stale = await call(settingsRoute.PUT, "PUT", "/api/settings", {
      body: { ...settings, version: current.version + 5 },
      as: admin,
    });
    expect(stale.status).toBe(409);
    const missing = await call(settingsRoute.PUT, "PUT", "/api/settings", {
      body: { ...settings, version: undefined },
      as: admin,
    });
    expect(missing.status).toBe(400);
    expect(missing.json.errors.version).toBeDefined();
  });
});
