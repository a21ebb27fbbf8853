// GET /api/apis/{id}/scopes filters by the flags Required, Emphasize and Show in discovery document
// (true or false), alone, together and with the lifecycle and the search; anything else is a 400.
import { describe, expect, it } from "vitest";
import * as scopesRoute from "@/app/api/apis/[id]/scopes/route";
import { call } from "./call";
import { createApi, createScope } from "./factories";

const list = async (apiId: string, query: string) => {
  const { status, json } = await call(scopesRoute.GET, "GET", `/api/apis/${apiId}/scopes?${query}`, {
    params: { id: apiId },
  });
  return { status, json, names: status === 200 ? (json.items as { name: string }[]).map((s) => s.name) : [] };
};

describe("GET /api/apis/{id}/scopes - flag filters", () => {
  it("filters by each flag, by several, with the search, and counts what matches", async () => {
    const api = await createApi();
    const make = (name: string, fields: Record<string, boolean>) =>
      createScope(api.id, { name: `${api.name}_${name}`, ...fields });
    await make("a", { required: true, emphasize: true, showInDiscoveryDocument: true });
    await make("b", { required: true, emphasize: false, showInDiscoveryDocument: false });
    await make("c", { required: false, emphasize: true, showInDiscoveryDocument: false });
    await make("d", { required: false, emphasize: false, showInDiscoveryDocument: true });
    const short = (names: string[]) => names.map((name) => name.slice(api.name.length + 1));

    expect(short((await list(api.id, "required=true")).names)).toEqual(["a", "b"]);
    expect(short((await list(api.id, "required=false")).names)).toEqual(["c", "d"]);
    expect(short((await list(api.id, "emphasize=true")).names)).toEqual(["a", "c"]);
    expect(short((await list(api.id, "showInDiscoveryDocument=false")).names)).toEqual(["b", "c"]);
    const both = await list(api.id, "required=true&showInDiscoveryDocument=true");
    expect(short(both.names)).toEqual(["a"]);
    expect(both.json.total).toBe(1);
    // Unsearched totals are kept per filter: each filter has its own.
    expect((await list(api.id, "required=false")).json.total).toBe(2);
    expect((await list(api.id, "")).json.total).toBe(4);
    expect(short((await list(api.id, `emphasize=false&q=${api.name}_d`)).names)).toEqual(["d"]);
    expect(short((await list(api.id, "required=true&lifecycle=active&sort=-name")).names)).toEqual(["b", "a"]);
    // Blank means either.
    expect((await list(api.id, "required=&emphasize=")).json.total).toBe(4);
  });

  it.each(["required=yes", "emphasize=1", "showInDiscoveryDocument=TRUE"])(
    "%s is 400 problem details",
    async (query) => {
      const api = await createApi();
      const { status, json } = await list(api.id, query);
      expect(status).toBe(400);
      expect(json.type).toBe("about:blank");
      expect(Object.keys(json.errors)).toHaveLength(1);
    },
  );
});
