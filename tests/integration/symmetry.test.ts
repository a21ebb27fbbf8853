// The JSON API is symmetric: what a GET answers, PATCH takes back (read-modify-write for people and
// scripts). Fields the server sets may come back unchanged; an id or a creation time sent changed
// is refused on that field; counts and updatedAt, which move by themselves, are ignored.
import { describe, expect, it } from "vitest";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as clientRoute from "@/app/api/clients/[id]/route";
import { SET_BY_SERVER } from "@/lib/validation";
import { call } from "./call";
import { createApi, createClient, createScope } from "./factories";

describe("GET's body goes back through PATCH", () => {
  it("[APIS] an API's GET body with one field changed updates that field", async () => {
    const api = await createApi({ displayName: "Before" });
    await createScope(api.id);
    const params = { id: api.id };
    const path = `/api/apis/${api.id}`;
    const got = (await call(apiRoute.GET, "GET", path, { params })).json;
    expect(got).toMatchObject({ builtIn: false, scopeCount: 1 });
    const saved = await call(apiRoute.PATCH, "PATCH", path, { params, body: { ...got, displayName: "After" } });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json).toMatchObject({ displayName: "After", version: got.version + 1 });

    // A count that moved since the GET is not a change of the caller's.
    const again = await call(apiRoute.PATCH, "PATCH", path, {
      params,
      body: { ...saved.json, scopeCount: 7, description: "Now described" },
    });
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    expect(again.json.scopeCount).toBe(1);

    const refused = await call(apiRoute.PATCH, "PATCH", path, {
      params,
      body: { ...again.json, id: "another", createdAt: "2001-01-01T00:00:00.000Z", builtIn: true },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual({ id: [SET_BY_SERVER], createdAt: [SET_BY_SERVER], builtIn: [SET_BY_SERVER] });
  });

  it("[CLIENTS] a client's GET body with one field changed updates that field", async () => {
    const client = await createClient({ name: "Before" });
    const params = { id: client.id };
    const path = `/api/clients/${client.id}`;
    const got = (await call(clientRoute.GET, "GET", path, { params })).json;
    expect(got).toMatchObject({ hasSecret: true, clientId: client.clientId });
    // The instant in another ISO 8601 form is the same instant.
    const createdAt = got.createdAt.replace(/Z$/, "+00:00");
    const saved = await call(clientRoute.PATCH, "PATCH", path, {
      params,
      body: { ...got, createdAt, name: "After" },
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json).toMatchObject({ name: "After", version: got.version + 1, clientId: client.clientId });

    const refused = await call(clientRoute.PATCH, "PATCH", path, {
      params,
      body: { ...saved.json, clientId: "renamed" },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual({ clientId: [SET_BY_SERVER] });
  });
});
