import { describe, expect, it } from "vitest";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as scopesRoute from "@/app/api/apis/[id]/scopes/route";
import * as apisRoute from "@/app/api/apis/route";
import { call, unique } from "./call";
import { createApi, createScope } from "./factories";

describe("/api/apis", () => {
  it("POST creates an API and GET finds it by search", async () => {
    const api = await createApi({ displayName: "Test API", description: "For tests" });
    expect(api).toMatchObject({ displayName: "Test API", description: "For tests", scopeCount: 0 });
    const { json } = await call(apisRoute.GET, "GET", `/api/apis?q=${api.name}`);
    expect(json.items.map((item: { id: string }) => item.id)).toEqual([api.id]);
    expect(json.total).toBe(1);
  });

  it("POST refuses a duplicate name with 409 on the name field", async () => {
    const api = await createApi();
    const { status, contentType, json } = await call(apisRoute.POST, "POST", "/api/apis", { body: { name: api.name } });
    expect(status).toBe(409);
    expect(contentType).toBe("application/problem+json");
    expect(json.errors.name[0]).toContain(api.name);
  });

  it.each([
    ["an empty name", { name: "" }],
    ["a missing name", { displayName: "x" }],
    ["a name with a space", { name: "my api" }],
    ["a name of 201 characters", { name: "a".repeat(201) }],
    ["an unknown field", { name: unique("api"), owner: "me" }],
    ["a wrong type", { name: unique("api"), displayName: 42 }],
    ["an array body", [1, 2]],
  ])("POST refuses %s with 400 problem details and writes nothing", async (_label, body) => {
    const before = (await call(apisRoute.GET, "GET", "/api/apis")).json.total;
    const { status, contentType, json } = await call(apisRoute.POST, "POST", "/api/apis", { body });
    expect(status).toBe(400);
    expect(contentType).toBe("application/problem+json");
    expect(json).toMatchObject({ status: 400, title: "Bad Request" });
    expect(Object.keys(json.errors ?? {}).length).toBeGreaterThan(0);
    expect((await call(apisRoute.GET, "GET", "/api/apis")).json.total).toBe(before);
  });

  it("POST refuses malformed JSON and a non-JSON content type with 400", async () => {
    expect((await call(apisRoute.POST, "POST", "/api/apis", { raw: "{name:" })).status).toBe(400);
    const wrongType = await call(apisRoute.POST, "POST", "/api/apis", { raw: "name=x", contentType: "text/plain" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.detail).toMatch(/application\/json/);
  });

  it("refuses text PostgreSQL cannot store (NUL, an unpaired surrogate) with 400, in a body, a query or a path", async () => {
    const api = await createApi();
    const name = unique("unstorable");
    for (const [field, escaped] of [
      ["description", "a\\u0000b"],
      ["displayName", "\\ud800"],
    ]) {
      const created = await call(apisRoute.POST, "POST", "/api/apis", {
        raw: `{"name":"${name}","${field}":"${escaped}"}`,
      });
      expect(created.status, field).toBe(400);
      expect(Object.keys(created.json.errors), field).toEqual([field]);
    }
    expect((await call(apisRoute.GET, "GET", `/api/apis?q=${name}`)).json.total).toBe(0);
    expect((await call(apisRoute.GET, "GET", "/api/apis?q=a%00b")).status).toBe(400);
    const params = { id: `${api.id}\u0000` };
    expect((await call(apiRoute.GET, "GET", "/api/apis/x", { params })).status).toBe(400);
    expect((await call(apiRoute.DELETE, "DELETE", "/api/apis/x", { params })).status).toBe(400);
    expect((await call(apiRoute.GET, "GET", `/api/apis/${api.id}`, { params: { id: api.id } })).status).toBe(200);
  });

  it("GET refuses invalid paging parameters with 400", async () => {
    for (const query of ["page=0", "pageSize=1000", "sort=password", "page=abc"]) {
      expect((await call(apisRoute.GET, "GET", `/api/apis?${query}`)).status, query).toBe(400);
    }
  });

  it("PATCH updates the display name and description but never the name", async () => {
    const api = await createApi();
    const params = { id: api.id };
    const updated = await call(apiRoute.PATCH, "PATCH", `/api/apis/${api.id}`, {
      params,
      body: { name: api.name, displayName: "Renamed", description: "New text", version: api.version },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ name: api.name, displayName: "Renamed", description: "New text" });
    expect(updated.json.version).toBe(api.version + 1);

    const renamed = await call(apiRoute.PATCH, "PATCH", `/api/apis/${api.id}`, {
      params,
      body: { name: "other", version: updated.json.version },
    });
    expect(renamed.status).toBe(400);
    expect(renamed.json.errors.name).toBeDefined();
    expect((await call(apiRoute.GET, "GET", `/api/apis/${api.id}`, { params })).json.name).toBe(api.name);
  });

  it("DELETE removes the API with its scopes; unknown ids are 404", async () => {
    const api = await createApi();
    const params = { id: api.id };
    const scopeName = unique("scope");
    await createScope(api.id, { name: scopeName });

    expect((await call(apiRoute.DELETE, "DELETE", `/api/apis/${api.id}`, { params })).status).toBe(204);
    expect((await call(apiRoute.GET, "GET", `/api/apis/${api.id}`, { params })).status).toBe(404);
    expect((await call(apiRoute.DELETE, "DELETE", `/api/apis/${api.id}`, { params })).status).toBe(404);
    // The cascade freed the scope's name for reuse.
    const other = await createApi();
    const reused = await call(scopesRoute.POST, "POST", `/api/apis/${other.id}/scopes`, {
      params: { id: other.id },
      body: { name: scopeName },
    });
    expect(reused.status).toBe(201);
  });

  it("PATCH and GET of an unknown API are 404 problem details", async () => {
    const params = { id: "missing" };
    const patched = await call(apiRoute.PATCH, "PATCH", "/api/apis/missing", {
      params,
      body: { displayName: "x", version: 1 },
    });
    expect(patched.status).toBe(404);
    expect(patched.contentType).toBe("application/problem+json");
    expect((await call(apiRoute.GET, "GET", "/api/apis/missing", { params })).status).toBe(404);
  });
});
