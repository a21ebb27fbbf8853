// Hardening found by testing as an attacker would: generated inputs around each defect that once
// gave a 5xx or left the site, so that none comes back. Seeded: HARDENING_SEED=<seed> replays a run.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as scopesRoute from "@/app/api/apis/[id]/scopes/route";
import * as auditRoute from "@/app/api/audit/route";
import { PROBLEM_CONTENT_TYPE } from "@/lib/api/problem";
import {
  CONTROL_CHARACTER,
  DEFAULT_AFTER_SIGN_IN,
  MAX_NEXT_LENGTH,
  safeNextPath,
  signInPath,
} from "@/lib/client/sign-in-path";
import { ROUTER_STATE_HEADER, refuseUnreadable } from "@/lib/server/unreadable-request";
import { type Random, seededRandom } from "@/lib/testing/prng";
import { DAMAGED_ROUTER_STATES, UNDECODABLE_PATHS } from "@/lib/testing/unreadable-inputs";
import { call, unique } from "./call";
import { createApi } from "./factories";
import { hostileString } from "./fuzz-inputs";
import { signedIn, type TestUser } from "./sessions";

const SEED = Number(process.env.HARDENING_SEED ?? 20_261_203);
const CASES = 2_000;
/** Requests of the date fuzz: each reads the audit log. */
const DATE_REQUESTS = 200;

let admin: TestUser;
beforeAll(async () => {
  console.log(`hardening seed ${SEED} (HARDENING_SEED=${SEED} replays this run)`);
  admin = await signedIn("admin");
});

const year = (instant: number) => new Date(instant).getUTCFullYear();

/** An ISO 8601 date-time with four digits of year, any of them, and an offset or none. */
function dateTime(r: Random): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const y = r.pick([0, 1, 2, 999, 1969, 1970, 2026, 9998, 9999, r.int(0, 9999)]);
  const offset = r.pick(["Z", "+00:00", "+01:00", "-05:00", "+14:00", "-23:59", "+23:59", ""]);
  const date = `${pad(y, 4)}-${pad(r.pick([1, 12, r.int(1, 12)]))}-${pad(r.pick([1, 28, r.int(1, 28)]))}`;
  return `${date}T${pad(r.pick([0, 23, r.int(0, 23)]))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}${offset}`;
}

describe("dates a timestamp column cannot hold", () => {
  it("GET /api/audit?from=&to= - years 0 and 10000, which an offset can reach, are 400 problem details", async () => {
    for (const time of ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00"]) {
      for (const bound of ["from", "to"]) {
        const answer = await call(auditRoute.GET, "GET", `/api/audit?${bound}=${encodeURIComponent(time)}`, {
          as: admin,
        });
        expect(answer.status, `${bound}=${time}`).toBe(400);
        expect(answer.contentType).toBe(PROBLEM_CONTENT_TYPE);
        expect(answer.json.errors[bound]).toEqual(["Give a date and time between the years 1 and 9999 (UTC)."]);
      }
    }
    const widest = "from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z";
    expect((await call(auditRoute.GET, "GET", `/api/audit?${widest}`, { as: admin })).status).toBe(200);
  });

  it(`GET /api/audit - ${DATE_REQUESTS} generated date-times: 200 within the years 1 to 9999 (UTC), else 400`, async () => {
    const r = seededRandom(SEED);
    for (let index = 0; index < DATE_REQUESTS; index++) {
      const time = dateTime(r);
      const answer = await call(auditRoute.GET, "GET", `/api/audit?from=${encodeURIComponent(time)}`, { as: admin });
      const instant = Date.parse(time);
      const storable = !Number.isNaN(instant) && year(instant) >= 1 && year(instant) <= 9999;
      expect(answer.status, `${time}: ${JSON.stringify(answer.json)}`).toBe(storable ? 200 : 400);
    }
  });

  it("POST /api/apis/{id}/scopes - a sunset in the year 10000 is a 400 on the field, not a 500", async () => {
    const api = await createApi({}, { as: admin });
    const answer = await call(scopesRoute.POST, "POST", `/api/apis/${api.id}/scopes`, {
      params: { id: api.id },
      body: { name: unique("sunset"), lifecycle: "deprecated", sunsetAt: "9999-12-31T23:00:00-05:00" },
      as: admin,
    });
    expect(answer.status).toBe(400);
    expect(answer.json.errors.sunsetAt).toEqual(["Give a date and time between the years 1 and 9999 (UTC)."]);
  });
});

/** The console's origins, as the browser resolves `next` against them. */
const ORIGINS = ["http://localhost:3000", "https://console.example", "http://127.0.0.1:3201"];

/** Every trick known for leaving a site through a return address. */
const TRICKS = [
  "//evil.example",
  "///evil.example",
  "////evil.example/x",
  "/\\evil.example",
  "\\/evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "\\/\\/evil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\n/evil.example",
  "/\t\\evil.example",
  "\t//evil.example",
  " //evil.example",
  "/ /evil.example",
  "/\u0000/evil.example",
  "/\u001f/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "/\u00a0/evil.example",
  "/\u2028/evil.example",
  "/\u3000/evil.example",
  "/\ufeff/evil.example",
  "/．/evil.example",
  "/／evil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/apis/../..//evil.example",
  "https://evil.example",
  "http://evil.example/apis",
  "https:evil.example",
  "https:/evil.example",
  "HTTPS://evil.example",
  "//evil.example@localhost",
  "/@evil.example",
  "//localhost@evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "\u0000javascript:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "apis",
  "./apis",
  "../apis",
  "evil.example",
  "",
  "/",
  "?next=//evil.example",
  "#//evil.example",
  "/sign-in",
  "/sign-in?next=//evil.example",
  "/./sign-in",
  `/${"a".repeat(MAX_NEXT_LENGTH)}`,
  "/%ff",
  "/%ED%A0%80",
  "/\ud800",
];

/** What a browser does with the `next` that the sign-in gives it: it must stay on the console. */
function expectStaysOnTheConsole(next: string, label = JSON.stringify(next).slice(0, 100)) {
  const safe = safeNextPath(next);
  expect(safe.startsWith("/") && !safe.startsWith("//"), label).toBe(true);
  // Visible ASCII only: a Location header can carry it, and no browser strips anything from it.
  expect(/^[\x21-\x7e]+$/.test(safe), `${label} -> ${JSON.stringify(safe)}`).toBe(true);
  expect(safe.length, label).toBeLessThanOrEqual(MAX_NEXT_LENGTH);
  for (const origin of ORIGINS) {
    expect(new URL(safe, origin).origin, `${label} -> ${JSON.stringify(safe)}`).toBe(origin);
  }
  // What it gives is its own answer again: the sign-in path's round trip does not change it.
  expect(safeNextPath(safe), label).toBe(safe);
  expect(new URL(signInPath(safe), ORIGINS[0]).searchParams.get("next"), label).toBe(safe);
  return safe;
}

/** A `next` put together from the pieces of the tricks, around real console paths. */
function generatedNext(r: Random): string {
  const pieces = [
    "/",
    "//",
    "\\",
    "%2F",
    "%5C",
    "%09",
    "\t",
    "\n",
    "\r",
    " ",
    ".",
    "..",
    "@",
    ":",
    "?",
    "#",
    "evil.example",
    "apis",
    "sign-in",
    "https:",
    "javascript:",
    "\u0000",
    "\u00a0",
    "\u3000",
    "\u202e",
    "%ff",
    "😀",
  ];
  let next = r.chance(0.8) ? "/" : "";
  for (let count = r.int(1, 8); count > 0; count--) next += r.chance(0.1) ? hostileString(r) : r.pick(pieces);
  return next;
}

describe("the sign-in's next", () => {
  it(`never leaves the console: ${TRICKS.length} known tricks and ${CASES} generated values`, () => {
    for (const trick of TRICKS) {
      const safe = expectStaysOnTheConsole(trick);
      // What would leave the console if taken as it is, or holds a control character, is refused.
      const leaves = URL.canParse(trick, ORIGINS[0]) && new URL(trick, ORIGINS[0]).origin !== ORIGINS[0];
      if (leaves || CONTROL_CHARACTER.test(trick)) expect(safe, trick).toBe(DEFAULT_AFTER_SIGN_IN);
    }
    const r = seededRandom(SEED + 1);
    for (let index = 0; index < CASES; index++) expectStaysOnTheConsole(generatedNext(r), `case ${index}`);
  });

  it("keeps the console's own paths, queries and fragments as they are", () => {
    for (const path of [
      "/apis",
      "/apis?tab=scopes",
      "/apis/cmx1?tab=scopes&q=a%20b#top",
      "/clients",
      "/audit?page=2",
    ]) {
      expect(safeNextPath(path)).toBe(path);
    }
    for (const next of [undefined, null, "", "/sign-in", "/sign-in?next=/apis", `/${"a".repeat(MAX_NEXT_LENGTH)}`]) {
      expect(safeNextPath(next)).toBe(DEFAULT_AFTER_SIGN_IN);
    }
  });
});

describe("requests Next.js cannot read", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    // The custom server's check in front of Next.js (lib/server/start-server.ts), before a stand-in.
    server = createServer((request, response) => refuseUnreadable(request, response) || response.end("passed"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = async (path: string, headers: Record<string, string> = {}, method = "GET") => {
    const response = await fetch(`${base}${path}`, { method, headers });
    return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
  };

  it("a path that is not percent-encoded UTF-8 is a 400 problem, any other passes", async () => {
    for (const path of [...UNDECODABLE_PATHS, "/api/users/%ff/password"]) {
      const answer = await send(path, {}, path.endsWith("password") ? "PUT" : "GET");
      expect(answer.status, path).toBe(400);
      expect(answer.type).toBe(PROBLEM_CONTENT_TYPE);
      expect(JSON.parse(answer.text)).toMatchObject({ status: 400, title: "Bad Request" });
    }
    for (const path of ["/api/apis/abc", "/apis/%C3%A9", "/apis/%2F", "/apis?q=%ff", "/apis/%F0%9F%98%80"]) {
      expect((await send(path)).text, path).toBe("passed");
    }
  });

  it(`a ${ROUTER_STATE_HEADER} header that does not parse is a 400 problem, a real one passes`, async () => {
    const r = seededRandom(SEED + 2);
    const damaged = [
      ...DAMAGED_ROUTER_STATES,
      ...Array.from({ length: 50 }, () => encodeURIComponent(hostileString(r).toWellFormed()).slice(0, 200)),
    ];
    for (const state of damaged) {
      const answer = await send("/apis", { rsc: "1", [ROUTER_STATE_HEADER]: state });
      expect(answer.status, state).toBe(400);
      expect(answer.type).toBe(PROBLEM_CONTENT_TYPE);
    }
    // Larger than Next.js takes (40,000 characters): Node refuses the headers (431) before either.
    const huge = encodeURIComponent(JSON.stringify(["", {}]).repeat(3000));
    expect((await send("/apis", { rsc: "1", [ROUTER_STATE_HEADER]: huge })).status).toBe(431);
    const real = encodeURIComponent(
      JSON.stringify(["", { children: ["(console)", { children: ["apis", { children: ["__PAGE__", {}] }] }] }]),
    );
    expect((await send("/apis", { rsc: "1", [ROUTER_STATE_HEADER]: real })).text).toBe("passed");
  });
});
