// Cross-site request forgery: every console handler that changes something refuses a request that
// does not come from the console's own pages, before it reads the body or writes anything.
import { describe, expect, it } from "vitest";
import * as apisRoute from "@/app/api/apis/route";
import { db } from "@/lib/db/client";
import { CONSOLE_ORIGIN, unique } from "./call";
import { allHandlers } from "./routes";
import { testAdmin } from "./sessions";

/** Every handler that may change something, found on disk so that a new one cannot be missed. */
const changingHandlers = async () => (await allHandlers()).filter(({ method }) => method !== "GET");

const FORGED: [string, Record<string, string>][] = [
  ["another site's Origin", { origin: "https://evil.example" }],
  ["Origin: null", { origin: "null" }],
  ["neither Origin nor Sec-Fetch-Site", {}],
  ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ["a look-alike Origin", { origin: `${CONSOLE_ORIGIN}.evil.example` }],
  ["an Origin other than the host the request addressed", { origin: CONSOLE_ORIGIN, host: "console.example" }],
];

const post = async (headers: Record<string, string>, body: unknown) =>
  apisRoute.POST(
    new Request(`${CONSOLE_ORIGIN}/api/apis`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: (await testAdmin()).cookie, ...headers },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );

describe("same-origin changes", () => {
  it("finds the console's changing handlers", async () => {
    const names = (await changingHandlers()).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(["POST /api/apis", "PUT /api/settings", "DELETE /api/clients/[id]"]));
  });

  it.each(FORGED)("every changing handler refuses %s with 403 problem details", async (_label, headers) => {
    for (const { name, handler } of await changingHandlers()) {
      const response = await handler(
        new Request(`${CONSOLE_ORIGIN}/api/x`, {
          method: name.split(" ")[0],
          headers: { "content-type": "application/json", ...headers },
          body: "{}",
        }),
        { params: Promise.resolve({ id: "x", scopeId: "x" }) },
      );
      expect(response.status, name).toBe(403);
      expect(response.headers.get("content-type"), name).toBe("application/problem+json");
      expect((await response.json()).detail, name).toBe("Changes are accepted only from the console's own pages.");
    }
  });

  it("a forged create writes nothing; the same request from the console's page is saved", async () => {
    const name = unique("csrf");
    for (const [, headers] of FORGED) expect((await post(headers, { name })).status).toBe(403);
    expect(await db().api.count({ where: { name } })).toBe(0);

    expect((await post({ "sec-fetch-site": "same-origin" }, { name })).status).toBe(201);
    expect((await post({ origin: CONSOLE_ORIGIN }, { name: unique("csrf") })).status).toBe(201);
    expect(await db().api.count({ where: { name } })).toBe(1);
  });

  it("reading needs no Origin", async () => {
    const request = new Request(`${CONSOLE_ORIGIN}/api/apis`, { headers: { cookie: (await testAdmin()).cookie } });
    const response = await apisRoute.GET(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
  });
});
