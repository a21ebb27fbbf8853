// Configuration as code (GET /api/config, POST /api/config/plan, POST /api/config/apply) on a
// database of this file's own: an export is the whole configuration, which the other test files
// would change under it.

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import * as applyRoute from "@/app/api/config/apply/route";
import * as planRoute from "@/app/api/config/plan/route";
import * as exportRoute from "@/app/api/config/route";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { call } from "./call";
import { createApi, createClient, createScope } from "./factories";
import { signedIn } from "./sessions";

type Registry = { __scopeConsoleSingletons: Map<string, unknown> };
const registry = () => (globalThis as unknown as Registry).__scopeConsoleSingletons;

let database: TestDatabase;
let shared: { url: string | undefined; client: unknown };
beforeAll(async () => {
  database = await createTestDatabase(inject("databaseUrl"));
  shared = { url: process.env.DATABASE_URL, client: registry()?.get("prisma") };
  registry()?.delete("prisma");
  process.env.DATABASE_URL = database.url;
});
afterAll(async () => {
  await (registry().get("prisma") as PrismaClient | undefined)?.$disconnect();
  registry().delete("prisma");
  if (shared.client) registry().set("prisma", shared.client);
  process.env.DATABASE_URL = shared.url;
  await database.drop();
});

type As = Awaited<ReturnType<typeof signedIn>>;

const send = (route: typeof planRoute.POST, path: string, document: unknown, as?: As) =>
  call(route, "POST", path, {
    raw: typeof document === "string" ? document : JSON.stringify(document),
    contentType: "application/yaml",
    ...(as ? { as } : {}),
  });

async function planAndApply(document: unknown, as?: As) {
  const plan = await send(planRoute.POST, "/api/config/plan", document, as);
  expect(plan.status, JSON.stringify(plan.json)).toBe(200);
  const applied = await send(applyRoute.POST, `/api/config/apply?fingerprint=${plan.json.fingerprint}`, document, as);
  return { plan: plan.json, applied };
}

async function exportText(as?: As): Promise<string> {
  const { status, json } = await call(exportRoute.GET, "GET", "/api/config", {
    headers: { accept: "application/json" },
    ...(as ? { as } : {}),
  });
  expect(status).toBe(200);
  return JSON.stringify(json);
}

describe("configuration as code", () => {
  it("exports every API, scope, client and setting in a stable order, as YAML or JSON, with no secret", async () => {
    const api = await createApi({ name: "billing", displayName: "Billing", accessTokenLifetime: 600 });
    await createScope(api.id, { name: "invoices_write", required: true });
    await createScope(api.id, { name: "invoices_read", description: "Reads invoices." });
    const client = await createClient({ name: "Invoicer", allowedScopes: ["invoices_read"] });
    expect(client.secret).toBeTruthy();

    const document = { json: JSON.parse(await exportText()) };
    expect(await exportText()).toBe(JSON.stringify(document.json));
    const billing = document.json.apis.find((entry: { name: string }) => entry.name === "billing");
    expect(billing).toMatchObject({ displayName: "Billing", accessTokenLifetime: 600, owners: [] });
    expect(billing.scopes.map((scope: { name: string }) => scope.name)).toEqual(["invoices_read", "invoices_write"]);
    expect(billing.scopes[1]).toMatchObject({ required: true, lifecycle: "active", sunsetAt: null });
    const exportedClient = document.json.clients.find(
      (entry: { clientId: string }) => entry.clientId === client.clientId,
    );
    expect(exportedClient).toEqual({
      clientId: client.clientId,
      name: "Invoicer",
      type: "confidential",
      redirectUris: client.dto.redirectUris,
      postLogoutRedirectUris: [],
      allowedScopes: ["invoices_read"],
      allowedGrantTypes: client.dto.allowedGrantTypes,
      accessTokenLifetime: null,
      refreshTokenLifetime: null,
    });
    expect(await exportText()).not.toContain(client.secret as string);
    expect(JSON.stringify(document.json)).not.toMatch(/secret|hash/i);
  });

  it("answers YAML by default, which parses to the JSON export", async () => {
    const response = await exportRoute.GET(
      new Request("http://127.0.0.1/api/config", { headers: { cookie: (await signedIn("admin")).cookie } }),
      { params: Promise.resolve({}) },
    );
    expect(response.headers.get("content-type")).toMatch(/^application\/yaml/);
    const text = await response.text();
    expect(parse(text)).toEqual(JSON.parse(await exportText()));
  });

  it("plans exactly the changed fields, applies them once, and a second apply changes nothing", async () => {
    const document = JSON.parse(await exportText());
    const billing = document.apis.find((entry: { name: string }) => entry.name === "billing");
    billing.scopes.find((scope: { name: string }) => scope.name === "invoices_read").accessTokenLifetime = "5 min";
    billing.scopes.push({ name: "invoices_export", displayName: "Export invoices" });
    const accessBefore = document.settings.accessTokenLifetime;
    document.settings.accessTokenLifetime = accessBefore + 60;
    const auditedBefore = await db().auditEvent.count();

    const { plan, applied } = await planAndApply(document);
    expect(plan.changes).toEqual([
      {
        action: "update",
        resourceType: "settings",
        name: "settings",
        fields: { accessTokenLifetime: { before: accessBefore, after: accessBefore + 60 } },
      },
      {
        action: "update",
        resourceType: "scope",
        name: "invoices_read",
        fields: { accessTokenLifetime: { before: null, after: 300 } },
      },
      expect.objectContaining({ action: "create", resourceType: "scope", name: "invoices_export" }),
    ]);
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);
    expect(await db().auditEvent.count()).toBe(auditedBefore + 3);
    expect(await db().apiScope.findUniqueOrThrow({ where: { name: "invoices_read" } })).toMatchObject({
      accessTokenLifetime: 300,
    });

    const second = await planAndApply(document);
    expect(second.plan.changes).toEqual([]);
    expect(second.applied.status).toBe(200);
    expect(await db().auditEvent.count()).toBe(auditedBefore + 3);
  });

  it("exports an API's resourceUri, plans and applies a change of it, and an absent one is the default", async () => {
    const document = JSON.parse(await exportText());
    const billing = document.apis.find((entry: { name: string }) => entry.name === "billing");
    expect(billing.resourceUri).toBe("urn:scope-console:api:billing");
    billing.resourceUri = "https://billing.example/api";
    const { plan, applied } = await planAndApply(document);
    expect(plan.changes).toEqual([
      {
        action: "update",
        resourceType: "api",
        name: "billing",
        fields: { resourceUri: { before: "urn:scope-console:api:billing", after: "https://billing.example/api" } },
      },
    ]);
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);
    expect((await db().api.findUniqueOrThrow({ where: { name: "billing" } })).resourceUri).toBe(
      "https://billing.example/api",
    );

    delete billing.resourceUri;
    const back = await planAndApply(document);
    expect(back.plan.changes[0].fields.resourceUri).toEqual({
      before: "https://billing.example/api",
      after: "urn:scope-console:api:billing",
    });
    expect(back.applied.status).toBe(200);
    billing.resourceUri = "relative/path";
    const refused = await send(planRoute.POST, "/api/config/plan", document);
    expect(refused.status).toBe(400);
  });

  it("refuses a plan that the console has moved past where the document reaches; deletes only with prune", async () => {
    const document = JSON.parse(await exportText());
    const plan = await send(planRoute.POST, "/api/config/plan", document);
    const billing = await db().api.findUniqueOrThrow({ where: { name: "billing" } });
    await createScope(billing.id, { name: "made_meanwhile" });
    const stale = await send(applyRoute.POST, `/api/config/apply?fingerprint=${plan.json.fingerprint}`, document);
    expect(stale.status).toBe(409);
    expect(stale.json.conflict).toBe("stale-plan");

    // A document that lists one API only is not stale for a change elsewhere, and leaves the rest alone.
    const justBilling = { apis: document.apis.filter((api: { name: string }) => api.name === "billing") };
    const planned = await send(planRoute.POST, "/api/config/plan", justBilling);
    await createApi({ name: "elsewhere" });
    const applied = await send(
      applyRoute.POST,
      `/api/config/apply?fingerprint=${planned.json.fingerprint}`,
      justBilling,
    );
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);
    // Without prune, what the document leaves out stays: made_meanwhile is not in it.
    expect(planned.json.changes).toEqual([]);
    expect(await db().apiScope.count({ where: { name: "made_meanwhile" } })).toBe(1);

    const pruning = await planAndApply({ ...document, prune: true });
    expect(pruning.plan.changes).toEqual([
      expect.objectContaining({
        action: "delete",
        resourceType: "scope",
        name: "made_meanwhile",
        impact: { allowedClients: 0, consents: 0, liveGrants: 0 },
      }),
      expect.objectContaining({ action: "delete", resourceType: "api", name: "elsewhere" }),
    ]);
    expect(pruning.applied.status, JSON.stringify(pruning.applied.json)).toBe(200);
    expect(await db().apiScope.count({ where: { name: "made_meanwhile" } })).toBe(0);
    expect(await db().api.count({ where: { name: "elsewhere" } })).toBe(0);
    expect((await planAndApply({ ...document, prune: true })).plan.changes).toEqual([]);
  });

  it("names the path of each bad field, and writes nothing", async () => {
    const document = JSON.parse(await exportText());
    document.apis[0].scopes.push({ name: "has space" });
    document.clients.push({ clientId: "x", name: "", type: "confidential", allowedGrantTypes: [] });
    const before = await exportText();
    const plan = await send(planRoute.POST, "/api/config/plan", document);
    expect(plan.status).toBe(400);
    expect(Object.keys(plan.json.errors)).toEqual(
      expect.arrayContaining([`apis[0].scopes[${document.apis[0].scopes.length - 1}].name`, "clients[1].name"]),
    );
    const garbage = await send(planRoute.POST, "/api/config/plan", "apis: [unclosed");
    expect(garbage.status).toBe(400);
    expect(await exportText()).toBe(before);
  });

  it("round trip: an export applied to an empty console exports the same document", async () => {
    const api = await db().api.findUniqueOrThrow({ where: { name: "billing" } });
    const sunset = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await createScope(api.id, {
      name: "invoices_legacy",
      lifecycle: "deprecated",
      sunsetAt: sunset,
      replacedBy: "invoices_read",
      deprecationNote: "Use invoices_read.",
    });
    await createClient({
      name: "Web app",
      type: "public",
      redirectUris: ["https://app.example/callback"],
      postLogoutRedirectUris: ["https://app.example/signed-out"],
      allowedGrantTypes: ["authorization_code", "refresh_token"],
      allowedScopes: ["invoices_read", "invoices_legacy"],
      accessTokenLifetime: "15 min",
    });
    const source = await exportText();
    const webApp = JSON.parse(source).clients.find((client: { name: string }) => client.name === "Web app");
    expect(webApp.postLogoutRedirectUris).toEqual(["https://app.example/signed-out"]);
    // A change of it is planned as that field alone.
    const changed = JSON.parse(source);
    changed.clients.find((client: { name: string }) => client.name === "Web app").postLogoutRedirectUris = [];
    const planned = await send(planRoute.POST, "/api/config/plan", changed);
    expect(planned.json.changes).toEqual([
      expect.objectContaining({
        resourceType: "client",
        fields: { postLogoutRedirectUris: { before: ["https://app.example/signed-out"], after: [] } },
      }),
    ]);

    const empty = await createTestDatabase(inject("databaseUrl"));
    const sourceClient = registry().get("prisma");
    registry().delete("prisma");
    const sourceUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = empty.url;
    try {
      const document = JSON.parse(source);
      const admin = await signedIn("admin");
      const applied = await planAndApply({ ...document, prune: true }, admin);
      expect(applied.applied.status, JSON.stringify(applied.applied.json)).toBe(200);
      // The confidential clients made there got secrets of their own, shown this once.
      expect(applied.applied.json.secrets.map((entry: { clientId: string }) => entry.clientId)).toEqual(
        document.clients
          .filter((client: { type: string }) => client.type === "confidential")
          .map((client: { clientId: string }) => client.clientId),
      );
      expect(await exportText(admin)).toBe(source);
    } finally {
      await (registry().get("prisma") as PrismaClient | undefined)?.$disconnect();
      registry().set("prisma", sourceClient);
      process.env.DATABASE_URL = sourceUrl;
      await empty.drop();
    }
  });

  it("is an admin's: a service owner gets 403", async () => {
    const owner = await signedIn("owner");
    expect((await call(exportRoute.GET, "GET", "/api/config", { as: owner })).status).toBe(403);
    expect(
      (
        await call(planRoute.POST, "POST", "/api/config/plan", {
          as: owner,
          raw: "{}",
          contentType: "application/yaml",
        })
      ).status,
    ).toBe(403);
  });
});
