// Without a session, the headers and URLs that Next.js reads for its own internal requests
// (x-middleware-subrequest: CVE-2025-29927; RSC, prefetch, router state and server action
// requests; .rsc, ?_rsc= and /_next/data/ URLs) reveal no console data and change nothing.
// Requests go out with Node's fetch: no cookie, no browser.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { routerState, uniqueName } from "./support";
import { E2E_USER } from "./user";

const SUBREQUESTS = [
  "middleware",
  "middleware:middleware:middleware:middleware:middleware",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  "proxy:proxy:proxy:proxy:proxy",
  "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
  "pages/_middleware",
];

const HEADERS: Record<string, string>[] = [
  {},
  ...SUBREQUESTS.map((value) => ({ "x-middleware-subrequest": value })),
  { rsc: "1" },
  { rsc: "1", "next-router-prefetch": "1" },
  { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" },
  { rsc: "1", "next-router-state-tree": routerState("clients") },
  { rsc: "1", "next-router-state-tree": routerState("settings"), "x-middleware-subrequest": SUBREQUESTS[1] },
  { "next-action": "0000000000000000000000000000000000000000" },
  { "x-nextjs-data": "1", "x-middleware-subrequest": SUBREQUESTS[4] },
];

/** The build's id, for /_next/data/ URLs (a guessed one where there is no build here). */
function buildId(): string {
  try {
    return readFileSync(".next/BUILD_ID", "utf8").trim();
  } catch {
    return "development";
  }
}

/** A page's address as Next.js's internal requests spell it. */
const pageUrls = (path: string) => [
  path,
  `${path}?_rsc=${Math.random().toString(36).slice(2, 7)}`,
  `${path === "/" ? "/index" : path}.rsc`,
  `/_next/data/${buildId()}${path === "/" ? "/index" : path}.json`,
  `${path}?__nextDataReq=1`,
];

test("[BYPASS] Next.js internal headers and URLs reveal no console data and change nothing without a session", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const name = uniqueName("bypass_secret");
  const description = `Only for admins ${uniqueName("description")}`;
  const created = await request.post("/api/apis", { data: { name, description } });
  expect(created.status()).toBe(201);
  const api = await created.json();
  const settingsBefore = await (await request.get("/api/settings")).json();
  const secrets = [name, description, E2E_USER.email];
  // With the admin's session, the same addresses do show them: what is looked for would be seen.
  expect(await (await request.get("/apis")).text()).toContain(E2E_USER.email);
  expect(await (await request.get(`/api/apis?q=${name}`)).text()).toContain(description);

  const send = async (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) => {
    // Redirects are followed: Next.js sends an RSC request without the right ?_rsc= hash to the
    // address that has it (cache poisoning), and that one renders.
    const response = await fetch(`${baseURL}${path}`, init);
    const text = await response.text();
    for (const secret of secrets) {
      expect(text, `${init.method ?? "GET"} ${path} ${JSON.stringify(init.headers)} shows ${secret}`).not.toContain(
        secret,
      );
    }
    return { status: response.status, contentType: response.headers.get("content-type"), text };
  };

  // Console pages, as documents and as RSC payloads.
  const pages = ["/", "/apis", `/apis/${api.id}`, "/clients", "/settings", "/users", "/audit", "/token-preview"];
  for (const path of pages) {
    for (const url of pageUrls(path)) {
      for (const headers of HEADERS) {
        const { status } = await send(url, { headers });
        expect(status, `${url} ${JSON.stringify(headers)}`).toBeLessThan(500);
      }
    }
    // A server action posted to the page.
    const action = await send(path, {
      method: "POST",
      headers: { "next-action": "0000000000000000000000000000000000000000", origin: baseURL as string },
      body: "[]",
    });
    expect(action.status, `server action on ${path}`).toBeLessThan(500);
  }

  // The RSC requests above reached the renderer: a client navigation's payload, sent as such.
  const payload = await send(`/apis/${api.id}`, {
    headers: { rsc: "1", "next-router-state-tree": routerState("clients") },
  });
  expect(payload.contentType).toMatch(/^text\/x-component/);

  // The JSON API: every read is 401, every change 401 from the console's origin and 403 from none.
  const reads = [
    "/api/apis",
    `/api/apis?q=${name}`,
    `/api/apis/${api.id}`,
    `/api/apis/${api.id}/scopes`,
    "/api/clients",
    "/api/settings",
    "/api/users",
    "/api/audit",
    "/api/session",
  ];
  const changes: { method: string; path: string; body: unknown }[] = [
    { method: "POST", path: "/api/apis", body: { name: `${name}_copy` } },
    { method: "PATCH", path: `/api/apis/${api.id}`, body: { displayName: "Taken over", version: api.version } },
    { method: "DELETE", path: `/api/apis/${api.id}`, body: undefined },
    { method: "POST", path: `/api/apis/${api.id}/scopes`, body: { name: `${name}_scope` } },
    { method: "PUT", path: "/api/settings", body: { ...settingsBefore, updatedAt: undefined, accessTokenLifetime: 1 } },
    {
      method: "POST",
      path: "/api/users",
      body: { email: `${name}@example.com`, password: "a".repeat(20), role: "admin" },
    },
  ];
  const expectRefused = (result: { status: number; contentType: string | null }, status: number, what: string) => {
    expect(result.status, what).toBe(status);
    expect(result.contentType, what).toBe("application/problem+json");
  };
  for (const headers of HEADERS) {
    for (const path of reads) {
      for (const url of [path, `${path}${path.includes("?") ? "&" : "?"}_rsc=1`]) {
        expectRefused(await send(url, { headers }), 401, `GET ${url} ${JSON.stringify(headers)}`);
      }
    }
    for (const { method, path, body } of changes) {
      for (const [origin, status] of [
        [baseURL as string, 401],
        [undefined, 403],
      ] as const) {
        const sent = {
          method,
          headers: { ...headers, "content-type": "application/json", ...(origin ? { origin } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        };
        expectRefused(await send(path, sent), status, `${method} ${path} ${JSON.stringify(sent.headers)}`);
      }
    }
  }

  // Nothing was written: the admin sees the API, the settings and the lists as they were.
  const after = await (await request.get(`/api/apis/${api.id}`)).json();
  expect(after).toEqual(api);
  expect(await (await request.get("/api/settings")).json()).toEqual(settingsBefore);
  expect((await (await request.get(`/api/apis?q=${name}`)).json()).total).toBe(1);
  expect((await (await request.get(`/api/apis/${api.id}/scopes`)).json()).total).toBe(0);
  expect((await (await request.get(`/api/users?q=${name}`)).json()).total).toBe(0);
});
