import { beforeAll, describe, expect, it } from "vitest";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as scopesRoute from "@/app/api/apis/[id]/scopes/route";
import type { ApiDto } from "@/lib/apis/schemas";
import { ChangeSignal, commitChange } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { call, unique } from "./call";
import { createApi, createScope } from "./factories";

/** The request these tests are about: its answer, whatever it is. */
const postScope = (apiId: string, body: Record<string, unknown>) =>
  call(scopesRoute.POST, "POST", `/api/apis/${apiId}/scopes`, { params: { id: apiId }, body });

const listScopes = (apiId: string, query = "") =>
  call(scopesRoute.GET, "GET", `/api/apis/${apiId}/scopes?${query}`, { params: { id: apiId } });

describe("/api/apis/{id}/scopes", () => {
  let api: ApiDto;
  beforeAll(async () => {
    api = await createApi();
  });

  it("POST creates a scope with the documented defaults", async () => {
    const name = unique("read_data");
    const { status, json } = await postScope(api.id, { name });
    expect(status).toBe(201);
    expect(json).toMatchObject({
      name,
      apiId: api.id,
      displayName: "",
      description: "",
      required: false,
      emphasize: false,
      showInDiscoveryDocument: true,
    });
  });

  it("POST refuses a name used by another API with 409 naming that API", async () => {
    const name = unique("shared");
    const holder = await createApi({ displayName: "Holder API" });
    expect((await postScope(holder.id, { name })).status).toBe(201);
    const { status, json } = await postScope(api.id, { name });
    expect(status).toBe(409);
    expect(json.errors.name[0]).toBe(`The scope name "${name}" is already used by the API "Holder API".`);
  });

  it("parallel creates of one name: exactly one wins, the others get 409", async () => {
    const name = unique("race");
    const results = await Promise.all(Array.from({ length: 5 }, () => postScope(api.id, { name })));
    expect(results.map((result) => result.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it.each([
    ["an empty form", {}],
    ["an empty name", { name: "  " }],
    ["a space", { name: "read data" }],
    ["a double quote", { name: 'read"data' }],
    ["a backslash", { name: "read\\data" }],
    ["a non-ASCII character", { name: "lecture_données" }],
    ["201 characters", { name: "s".repeat(201) }],
    ["a display name of 201 characters", { name: unique("ok"), displayName: "D".repeat(201) }],
    ["a string flag", { name: unique("ok"), required: "yes" }],
    ["an unknown field", { name: unique("ok"), lifetime: 5 }],
  ])("POST refuses %s with 400 field errors and writes nothing", async (_label, body) => {
    const before = (await listScopes(api.id)).json.total;
    const { status, contentType, json } = await postScope(api.id, body);
    expect(status).toBe(400);
    expect(contentType).toBe("application/problem+json");
    expect(Object.keys(json.errors).length).toBeGreaterThan(0);
    expect((await listScopes(api.id)).json.total).toBe(before);
  });

  it("accepts a 200-character name and every visible ASCII character but quote and backslash", async () => {
    expect((await postScope(api.id, { name: `${unique("x")}${"n".repeat(185)}`.slice(0, 200) })).status).toBe(201);
    expect((await postScope(api.id, { name: `${unique("u")}:read!#$%&'()*+,-./;<=>?@[]^\`{|}~` })).status).toBe(201);
  });

  it("POST to an unknown API is 404", async () => {
    expect((await postScope("missing", { name: unique("x") })).status).toBe(404);
    expect((await listScopes("missing")).status).toBe(404);
  });

  it("PATCH changes display name, description and flags, keeps the name, refuses a new name", async () => {
    const name = unique("edit_me");
    const created = await createScope(api.id, { name, displayName: "Old" });
    const params = { id: api.id, scopeId: created.id };
    const path = `/api/apis/${api.id}/scopes/${created.id}`;

    const updated = await call(scopeRoute.PATCH, "PATCH", path, {
      params,
      body: {
        name,
        displayName: "New",
        description: "Now described",
        required: true,
        emphasize: true,
        showInDiscoveryDocument: false,
        version: created.version,
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      name,
      displayName: "New",
      required: true,
      emphasize: true,
      showInDiscoveryDocument: false,
    });

    const renamed = await call(scopeRoute.PATCH, "PATCH", path, {
      params,
      body: { name: unique("other"), version: updated.json.version },
    });
    expect(renamed.status).toBe(400);
    expect(renamed.json.errors.name[0]).toMatch(/cannot be changed/);
    const fetched = await call(scopeRoute.GET, "GET", path, { params });
    expect(fetched.json).toMatchObject({ name, displayName: "New", required: true });
  });

  it("GET, PATCH and DELETE of a scope through another API are 404", async () => {
    const created = await createScope(api.id, { name: unique("mine") });
    const other = await createApi();
    const params = { id: other.id, scopeId: created.id };
    const path = `/api/apis/${other.id}/scopes/${created.id}`;
    expect((await call(scopeRoute.GET, "GET", path, { params })).status).toBe(404);
    expect(
      (await call(scopeRoute.PATCH, "PATCH", path, { params, body: { displayName: "x", version: 1 } })).status,
    ).toBe(404);
    expect((await call(scopeRoute.DELETE, "DELETE", path, { params })).status).toBe(404);
  });

  it("DELETE removes the scope once", async () => {
    const created = await createScope(api.id, { name: unique("gone") });
    const params = { id: api.id, scopeId: created.id };
    const path = `/api/apis/${api.id}/scopes/${created.id}`;
    expect((await call(scopeRoute.DELETE, "DELETE", path, { params })).status).toBe(204);
    expect((await call(scopeRoute.GET, "GET", path, { params })).status).toBe(404);
    expect((await call(scopeRoute.DELETE, "DELETE", path, { params })).status).toBe(404);
  });

  it("GET pages, searches and sorts on the server", async () => {
    const paged = await createApi();
    const tag = unique("p");
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        createScope(paged.id, {
          name: `${tag}_${String(i).padStart(2, "0")}`,
          displayName: i % 5 === 0 ? "Special Access" : `Scope ${i}`,
          description: i === 7 ? "Grants the needle permission" : "",
          required: i < 3,
        }),
      ),
    );

    const first = (await listScopes(paged.id, "pageSize=10")).json;
    expect(first).toMatchObject({ total: 25, page: 1, pageSize: 10, pageCount: 3 });
    expect(first.items[0].name).toBe(`${tag}_00`);
    const third = (await listScopes(paged.id, "pageSize=10&page=3")).json;
    expect(third.items.map((s: { name: string }) => s.name)).toEqual(
      Array.from({ length: 5 }, (_, i) => `${tag}_${20 + i}`),
    );

    const descending = (await listScopes(paged.id, "sort=-name&pageSize=1")).json;
    expect(descending.items[0].name).toBe(`${tag}_24`);
    // The second half of a list is read from its end (lib/db/paging.ts): the same pages.
    const lastDescending = (await listScopes(paged.id, "sort=-name&pageSize=10&page=3")).json;
    expect(lastDescending.items.map((s: { name: string }) => s.name)).toEqual(
      Array.from({ length: 5 }, (_, i) => `${tag}_0${4 - i}`),
    );
    const middle = (await listScopes(paged.id, "sort=-required&pageSize=4&page=4")).json;
    const all = (await listScopes(paged.id, "sort=-required&pageSize=25")).json;
    expect(middle.items).toEqual(all.items.slice(12, 16));
    const required = (await listScopes(paged.id, "sort=-required&pageSize=3")).json;
    expect(required.items.every((s: { required: boolean }) => s.required)).toBe(true);

    expect((await listScopes(paged.id, "q=special")).json.total).toBe(5);
    expect((await listScopes(paged.id, "q=NEEDLE")).json.items[0].name).toBe(`${tag}_07`);
    expect((await listScopes(paged.id, `q=${tag}_1`)).json.total).toBe(10);
    expect((await listScopes(paged.id, "q=nothing-matches")).json.total).toBe(0);
    // Past the last page: no items, and the total all the same, searched or not.
    expect((await listScopes(paged.id, "q=special&pageSize=2&page=4")).json).toMatchObject({ total: 5, items: [] });
    expect((await listScopes(paged.id, "pageSize=10&page=9")).json).toMatchObject({ total: 25, items: [] });
  });

  it("GET's total follows a scope added by another process, through the configuration's version", async () => {
    const counted = await createApi();
    await createScope(counted.id);
    expect((await listScopes(counted.id)).json.total).toBe(1);
    // Another process's createScope: the row and the version bump in one transaction, and a change
    // signal of its own, which this process does not hear.
    await commitChange(
      db(),
      ["config"],
      (tx) => tx.apiScope.create({ data: { apiId: counted.id, name: unique("elsewhere") } }),
      new ChangeSignal(),
    );
    expect((await listScopes(counted.id)).json.total).toBe(2);
    expect((await listScopes(counted.id, "pageSize=1&page=2")).json).toMatchObject({ total: 2, pageCount: 2 });
  });

  it("GET searches for % and _ literally, not as wildcards", async () => {
    const literal = await createApi();
    const tag = unique("lit");
    await createScope(literal.id, { name: `${tag}_abc`, description: "100% covered" });
    await createScope(literal.id, { name: `${tag}xabc`, description: "plain" });
    expect((await listScopes(literal.id, `q=${tag}_a`)).json.total).toBe(1);
    expect((await listScopes(literal.id, "q=%25")).json.total).toBe(1);
    expect((await listScopes(literal.id, "q=%5C")).json.total).toBe(0);
  });

  it("48 concurrent mixed requests all succeed, each with its own answer", async () => {
    const busy = await createApi();
    const tag = unique("busy");
    const created = await Promise.all(
      Array.from({ length: 16 }, (_, i) => createScope(busy.id, { name: `${tag}_${i}` })),
    );
    const results = await Promise.all(
      created.flatMap((scope, i) => [
        call(scopeRoute.PATCH, "PATCH", `/api/apis/${busy.id}/scopes/${scope.id}`, {
          params: { id: busy.id, scopeId: scope.id },
          body: { displayName: `Busy ${i}`, version: scope.version },
        }),
        call(scopeRoute.GET, "GET", `/api/apis/${busy.id}/scopes/${scope.id}`, {
          params: { id: busy.id, scopeId: scope.id },
        }),
        listScopes(busy.id, `q=${tag}_${i}&pageSize=100`),
      ]),
    );
    expect(results.map((result) => result.status)).toEqual(Array(48).fill(200));
    results.forEach((result, index) => {
      if (index % 3 === 1) expect(result.json.name).toBe(`${tag}_${Math.floor(index / 3)}`);
    });
  });

  it("GET refuses invalid list parameters with 400", async () => {
    for (const query of ["pageSize=0", "pageSize=101", "sort=apiId", "page=-1", `q=${"x".repeat(201)}`]) {
      expect((await listScopes(api.id, query)).status, query).toBe(400);
    }
  });
});
