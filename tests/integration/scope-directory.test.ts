// GET /api/scopes: the scopes a client may be allowed, across APIs, with the API each belongs to;
// searched by name or display name; a service owner sees their APIs' only; retired ones never.
import { describe, expect, it } from "vitest";
import * as directoryRoute from "@/app/api/scopes/route";
import { db } from "@/lib/db/client";
import { call, unique } from "./call";
import { createApi, createScope } from "./factories";
import { signedIn } from "./sessions";

interface Entry {
  name: string;
  displayName: string;
  apiId: string;
  apiName: string;
}

const list = async (query: string, as?: Awaited<ReturnType<typeof signedIn>>) => {
  const response = await call(directoryRoute.GET, "GET", `/api/scopes?${query}`, as ? { as } : {});
  expect(response.status).toBe(200);
  return response.json as { items: Entry[]; total: number };
};

describe("the scope directory", () => {
  it("lists scopes of every API by name, with their API, and searches names and display names", async () => {
    const tag = unique("dir");
    const billing = await createApi({ name: `${tag}_billing` });
    const people = await createApi({ name: `${tag}_people` });
    await createScope(billing.id, { name: `${tag}_invoices_read`, displayName: "Read invoices" });
    await createScope(people.id, { name: `${tag}_profile`, displayName: "Read the profile" });
    const retired = await createScope(people.id, { name: `${tag}_old` });
    await db().apiScope.update({ where: { id: retired.id }, data: { lifecycle: "retired" } });

    const all = await list(`q=${tag}`);
    expect(all.total).toBe(2);
    expect(all.items.map((entry) => [entry.name, entry.apiName])).toEqual([
      [`${tag}_invoices_read`, `${tag}_billing`],
      [`${tag}_profile`, `${tag}_people`],
    ]);
    const byDisplayName = await list(`q=${encodeURIComponent("the profile")}`);
    expect(byDisplayName.items.map((entry) => entry.name)).toContain(`${tag}_profile`);
    expect((await list(`q=${tag}&pageSize=1&page=2`)).items.map((entry) => entry.name)).toEqual([`${tag}_profile`]);
  });

  it("shows a service owner only their APIs' scopes", async () => {
    const tag = unique("owned_dir");
    const mine = await createApi({ name: `${tag}_mine` });
    const theirs = await createApi({ name: `${tag}_theirs` });
    await createScope(mine.id, { name: `${tag}_a` });
    await createScope(theirs.id, { name: `${tag}_b` });
    const owner = await signedIn("owner", [mine.id]);
    const listed = await list(`q=${tag}`, owner);
    expect(listed.items.map((entry) => entry.name)).toEqual([`${tag}_a`]);
    expect(listed.total).toBe(1);
    const nobody = await signedIn("owner");
    expect((await list(`q=${tag}`, nobody)).total).toBe(0);
  });
});
