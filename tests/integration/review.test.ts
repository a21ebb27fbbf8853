// Access review: a client's allowed scopes that it was not granted lately, one client at a time
// and for a page of clients. Old requests go through the real token endpoint with the token
// context's clock moved back; the console's windows end today (the real clock).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reviewRoute from "@/app/api/clients/[id]/review/route";
import * as reviewsRoute from "@/app/api/clients/review/route";
import { DAY } from "@/lib/issuing";
import type { OAuthContext } from "@/lib/oauth/context";
import { tokenHandler } from "@/lib/oauth/token";
import { systemClock } from "@/lib/time/epoch";
import { utcDay } from "@/lib/usage/days";
import { DEFAULT_REVIEW_DAYS, MAX_REVIEW_CLIENTS, MAX_USAGE_DAYS } from "@/lib/usage/settings";
import { call, unique } from "./call";
import { createApi, createClient, createScope, type TestClient } from "./factories";
import { testOAuthContext } from "./oauth-context";
import { signedIn, type TestUser } from "./sessions";

const ISSUER = "https://issuer.test";
/** Seconds the token context's clock is behind the real one. */
let offset = 0;
let context: OAuthContext;

/** A client_credentials token for the scopes, `daysAgo` days before now. */
async function grantedAgo(client: TestClient, scopes: string[], daysAgo: number) {
  offset = daysAgo * DAY;
  const response = await tokenHandler(context)(
    new Request(`${ISSUER}/oauth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: scopes.join(" ") }).toString(),
    }),
  );
  expect(response.status).toBe(200);
  offset = 0;
}

const review = (client: { id: string }, query = "", as?: TestUser) =>
  call(reviewRoute.GET, "GET", `/api/clients/${client.id}/review${query}`, { params: { id: client.id }, as });

const reviews = (query: string, as?: TestUser) => call(reviewsRoute.GET, "GET", `/api/clients/review${query}`, { as });

/** An API with three scopes (names in this order) and a machine client allowed them all. */
async function reviewedClient() {
  const api = await createApi();
  const base = unique("review");
  const [used, lapsed, never] = [
    await createScope(api.id, { name: `${base}_a_used` }),
    await createScope(api.id, { name: `${base}_b_lapsed` }),
    await createScope(api.id, { name: `${base}_c_never` }),
  ];
  const client = await createClient({
    type: "confidential",
    allowedScopes: [used.name, lapsed.name, never.name],
    allowedGrantTypes: ["client_credentials"],
  });
  await grantedAgo(client, [used.name, lapsed.name], DEFAULT_REVIEW_DAYS + 10);
  await grantedAgo(client, [used.name], 2);
  await context.usage.flush();
  return { api, client, used, lapsed, never };
}

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => systemClock() - offset);
});

afterAll(async () => {
  await context.usage.stop();
});

describe("GET /api/clients/{id}/review", () => {
  it(`lists the allowed scopes not granted in ${DEFAULT_REVIEW_DAYS} days by default, never-used and long-ago, in name order`, async () => {
    const { client, lapsed, never } = await reviewedClient();
    const { status, json } = await review(client);
    expect(status).toBe(200);
    expect(json).toEqual({
      unusedScopes: [
        { name: lapsed.name, lastRequestedAt: expect.any(String) },
        { name: never.name, lastRequestedAt: null },
      ],
    });
    expect(json.unusedScopes[0].lastRequestedAt.slice(0, 10)).toBe(
      utcDay(systemClock() - (DEFAULT_REVIEW_DAYS + 10) * DAY),
    );
  });

  it("follows the window: a longer one finds the long-ago scope used, a shorter one the recent one unused", async () => {
    const { client, used, lapsed, never } = await reviewedClient();
    expect(
      (await review(client, `?days=${MAX_USAGE_DAYS}`)).json.unusedScopes.map((s: { name: string }) => s.name),
    ).toEqual([never.name]);
    expect((await review(client, "?days=1")).json.unusedScopes.map((s: { name: string }) => s.name)).toEqual([
      used.name,
      lapsed.name,
      never.name,
    ]);
  });

  it("answers nothing unused for a client without scopes", async () => {
    const client = await createClient();
    expect((await review(client)).json).toEqual({ unusedScopes: [] });
  });

  it.each(["0", String(MAX_USAGE_DAYS + 1), "x", "2.5"])("refuses days=%s with 400 problem details", async (days) => {
    const client = await createClient();
    const { status, contentType, json } = await review(client, `?days=${days}`);
    expect(status).toBe(400);
    expect(contentType).toBe("application/problem+json");
    expect(json.errors.days).toEqual([expect.any(String)]);
  });

  it("answers 403 to an owner who does not manage the client, 200 to one who does, 404 for no client", async () => {
    const { api, client } = await reviewedClient();
    expect((await review(client, "", await signedIn("owner", [(await createApi()).id]))).status).toBe(403);
    expect((await review(client, "", await signedIn("owner", [api.id]))).status).toBe(200);
    expect((await review({ id: "no-such-client" })).status).toBe(404);
  });
});

describe("GET /api/clients/review", () => {
  it("reviews the listed clients by id, skipping unknown ones and, for an owner, those they do not manage", async () => {
    const first = await reviewedClient();
    const second = await reviewedClient();
    const query = `?ids=${first.client.id},${second.client.id},no-such-client`;
    const { status, json } = await reviews(query);
    expect(status).toBe(200);
    expect(Object.keys(json.reviews).sort()).toEqual([first.client.id, second.client.id].sort());
    // The same rule as one client's review.
    expect(json.reviews[first.client.id]).toEqual((await review(first.client)).json);

    const owner = await signedIn("owner", [first.api.id]);
    const theirs = await reviews(`${query}&days=${MAX_USAGE_DAYS}`, owner);
    expect(theirs.status).toBe(200);
    expect(theirs.json).toEqual({
      reviews: { [first.client.id]: { unusedScopes: [{ name: first.never.name, lastRequestedAt: null }] } },
    });
  });

  it.each([
    ["no ids", ""],
    ["empty ids", "?ids="],
    ["only commas", "?ids=,,"],
    [
      `${MAX_REVIEW_CLIENTS + 1} ids`,
      `?ids=${Array.from({ length: MAX_REVIEW_CLIENTS + 1 }, (_, i) => `c${i}`).join(",")}`,
    ],
    ["days out of range", "?ids=a&days=0"],
  ])("refuses %s with 400 problem details", async (_label, query) => {
    const { status, contentType } = await reviews(query);
    expect(status).toBe(400);
    expect(contentType).toBe("application/problem+json");
  });
});
