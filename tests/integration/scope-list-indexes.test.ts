// The scopes list stays fast at 100,000 scopes in one API because of indexes the planner must keep
// choosing (migration 20261203030000_scope_search_indexes): no timed assertion can say so, the
// plans can. The queries are the ones GET /api/apis/{id}/scopes really sends (recorded from the pg
// driver as they pass, not written again here), explained on this test's own API of SCOPES rows.
import pg from "pg";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import * as scopesRoute from "@/app/api/apis/[id]/scopes/route";
import { db } from "@/lib/db/client";
import { call, unique } from "./call";
import { createApi } from "./factories";
import { nodesOf, type PlanNode } from "./plans";

/** Enough rows that reading them all costs the planner more than an index. */
const SCOPES = 20_000;
const PAGE_SIZE = 25;
const TRIGRAM_INDEXES = ["ApiScope_name_trgm_idx", "ApiScope_displayName_trgm_idx", "ApiScope_description_trgm_idx"];

let apiId: string;
let prefix: string;
beforeAll(async () => {
  apiId = (await createApi()).id;
  prefix = unique("bulk");
  await db().$executeRaw`
    INSERT INTO "ApiScope" ("id", "apiId", "name", "displayName", "description", "updatedAt")
    SELECT ${prefix} || '_' || i, ${apiId}, ${prefix} || '_read_' || lpad(i::text, 5, '0'), 'Read records ' || i,
      'Reads the records of tenant ' || (i % 97) || '.', now()
    FROM generate_series(1, ${SCOPES}::int) AS i`;
  // Another API as large: in a catalogue of several APIs the list must pick its own API's rows by
  // index (with this API alone in the table, the global unique index on name serves as well).
  const otherApiId = (await createApi()).id;
  await db().$executeRaw`
    INSERT INTO "ApiScope" ("id", "apiId", "name", "displayName", "description", "updatedAt")
    SELECT ${prefix} || '_other_' || i, ${otherApiId}, ${prefix} || '_other_' || lpad(i::text, 5, '0'), 'Other ' || i,
      'Other records ' || i || '.', now()
    FROM generate_series(1, ${SCOPES}::int) AS i`;
  // As seed:large does after its bulk load: statistics, and the visibility map of index-only scans.
  await db().$executeRawUnsafe(`VACUUM (ANALYZE) "ApiScope"`);
});
afterEach(() => vi.restoreAllMocks());

/** The statements on "ApiScope" that one list request sends, each with the plan PostgreSQL picks for it. */
async function plansOfList(query: string) {
  const sent: { text: string; values: unknown[] }[] = [];
  const original = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { text?: string; values?: unknown[] };
    if (config?.text?.includes('"ApiScope"')) sent.push({ text: config.text, values: config.values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original);
  const { status, json } = await call(scopesRoute.GET, "GET", `/api/apis/${apiId}/scopes?${query}`, {
    params: { id: apiId },
  });
  vi.restoreAllMocks();
  expect(status, JSON.stringify(json)).toBe(200);
  const plans = await Promise.all(
    sent.map(async ({ text, values }) => {
      // With sequential scans priced out: where this test's rows are most of the table, reading
      // it whole is the planner's fair choice; what must not happen is that no index can answer.
      const [, rows] = await db().$transaction([
        db().$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
        db().$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(`EXPLAIN (FORMAT JSON) ${text}`, ...values),
      ]);
      return { text, nodes: nodesOf(rows[0]["QUERY PLAN"][0].Plan) };
    }),
  );
  return { json, plans };
}

const scansOfScopes = (nodes: PlanNode[]) => nodes.filter((node) => node["Relation Name"] === "ApiScope");

it("search by name, display name or description reads the three trigram indexes, not the API's rows", async () => {
  // A constant term, not one with the random prefix: the planner's estimate for an ILIKE comes from
  // the term's trigrams, and a prefix that happens to look common tipped it to another plan.
  const { json, plans } = await plansOfList("q=read_0004");
  expect(json.total).toBe(10); // 00040 to 00049
  // The page's ids and the total in one statement: every match, from the three trigram indexes (a
  // BitmapOr), never a scan of the rows nor a walk of the name index filtering them.
  const searches = plans.filter((plan) => plan.text.includes("ILIKE"));
  expect(searches).toHaveLength(1);
  expect(scansOfScopes(searches[0].nodes).map((node) => node["Node Type"])).toEqual(["Bitmap Heap Scan"]);
  expect(searches[0].nodes.map((node) => node["Index Name"])).toEqual(expect.arrayContaining(TRIGRAM_INDEXES));
});

it("a deep page counts from the apiId index and reads its ids from the (apiId, name, id) index alone, then only its own rows", async () => {
  const lastPage = SCOPES / PAGE_SIZE;
  const { json, plans } = await plansOfList(`page=${lastPage}&pageSize=${PAGE_SIZE}`);
  expect(json.items.map((scope: { name: string }) => scope.name)).toEqual(
    Array.from(
      { length: PAGE_SIZE },
      (_, i) => `${prefix}_read_${String(SCOPES - PAGE_SIZE + 1 + i).padStart(5, "0")}`,
    ),
  );
  const counts = plans.filter((plan) => plan.text.includes("COUNT("));
  expect(counts).toHaveLength(1);
  expect(scansOfScopes(counts[0].nodes)).toEqual([
    expect.objectContaining({ "Node Type": "Index Only Scan", "Index Name": "ApiScope_apiId_idx" }),
  ]);
  const paged = plans.filter((plan) => plan.text.includes("OFFSET") && plan.text.includes("ORDER BY"));
  expect(paged).toHaveLength(1);
  expect(scansOfScopes(paged[0].nodes)).toEqual([
    expect.objectContaining({ "Node Type": "Index Only Scan", "Index Name": "ApiScope_apiId_name_id_idx" }),
  ]);
});
