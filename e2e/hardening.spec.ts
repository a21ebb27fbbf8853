// Hardening that only the running server shows: what Next.js itself reads before any handler (the
// path's percent-encoding, the router state header) and where the sign-in sends the browser.
// Requests go out signed in as the admin (the request fixture), except where signing in is tested.
import { type Browser, expect, test } from "@playwright/test";
import { DAMAGED_ROUTER_STATES, UNDECODABLE_PATHS } from "@/lib/testing/unreadable-inputs";
import { routerState } from "./support";
import { E2E_USER, SIGNED_OUT } from "./user";

const PROBLEM = "application/problem+json";

/** Each path with a method: reading and changing, on the JSON API and on pages. */
const UNDECODABLE: [method: "GET" | "PUT" | "PATCH" | "DELETE", path: string][] = [
  ...UNDECODABLE_PATHS.map((path) => ["GET", path] as ["GET", string]),
  ["PATCH", "/api/apis/%ff"],
  ["DELETE", "/api/apis/%ff/scopes/%fe"],
  ["PUT", "/api/users/%ff/password"],
];

test("[HARDENING] a path that is not percent-encoded UTF-8 is 400 problem details, never a 5xx", async ({
  request,
}) => {
  for (const [method, path] of UNDECODABLE) {
    const response = await request.fetch(path, {
      method,
      ...(method === "GET" ? {} : { data: { password: "a long enough password", version: 1 } }),
      maxRedirects: 0,
    });
    expect(response.status(), `${method} ${path}`).toBe(400);
    expect(response.headers()["content-type"]).toBe(PROBLEM);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(await response.json()).toMatchObject({ status: 400, title: "Bad Request" });
  }
  // Percent-encoded UTF-8 is read as before: an unknown id is a 404 of the handler.
  const unknown = await request.get(`/api/apis/${encodeURIComponent("é😀")}`);
  expect(unknown.status()).toBe(404);
});

test("[HARDENING] a next-router-state-tree header that does not parse is 400, on RSC requests and prefetches", async ({
  request,
  baseURL,
}) => {
  const kinds: Record<string, string>[] = [{ rsc: "1" }, { rsc: "1", "next-router-prefetch": "1" }, {}];
  for (const path of ["/apis", "/clients", "/sign-in", "/no-such-page"]) {
    for (const headers of kinds) {
      for (const state of DAMAGED_ROUTER_STATES) {
        const response = await request.get(path, {
          headers: { ...headers, "next-router-state-tree": state },
          maxRedirects: 0,
        });
        expect(response.status(), `${path} ${JSON.stringify(headers)} ${state}`).toBe(400);
        expect(response.headers()["content-type"]).toBe(PROBLEM);
      }
    }
  }
  // Without a session too (the check comes before anything reads one).
  const bare = await fetch(`${baseURL}/apis`, { headers: { rsc: "1", "next-router-state-tree": "garbage" } });
  expect(bare.status).toBe(400);
  // The router's own header still renders, following Next.js's redirect to the ?_rsc= address.
  const real = await request.get("/apis", { headers: { rsc: "1", "next-router-state-tree": routerState("clients") } });
  expect(real.status()).toBe(200);
  expect(real.headers()["content-type"]).toContain("text/x-component");
});

/** Values of `next` meant to send the browser elsewhere once signed in. */
const TRICKS = [
  "//evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\u0000/evil.example",
  "/%5Cevil.example",
  "\\/\\/evil.example",
  "https://evil.example",
  "javascript:alert(1)",
  "/.//evil.example",
  "/%2F%2Fevil.example",
  "/\u3000/evil.example",
  "/\u00a0//evil.example",
  `/${"a".repeat(5000)}`,
  "/😀",
];

test("[HARDENING] signed in, /sign-in?next= redirects only within the console, whatever next holds", async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL as string).origin;
  const queries = [
    ...TRICKS.map((next) => `next=${encodeURIComponent(next)}`),
    // As the issue gave it, and next repeated.
    "next=/%09/evil.example",
    "next=//evil.example&next=/apis",
    "next=/apis&next=//evil.example",
  ];
  for (const query of queries) {
    const response = await request.get(`/sign-in?${query}`, { maxRedirects: 0 });
    expect(response.status(), query).toBe(307);
    const location = response.headers().location;
    expect(new URL(location, origin).origin, `${query} -> ${location}`).toBe(origin);
    expect(location.startsWith("/") && !location.startsWith("//"), `${query} -> ${location}`).toBe(true);
  }
  const kept = await request.get(`/sign-in?next=${encodeURIComponent("/clients?page=2")}`, { maxRedirects: 0 });
  expect(kept.headers().location).toBe("/clients?page=2");
});

async function signInFrom(browser: Browser, baseURL: string | undefined, path: string) {
  const context = await browser.newContext({ storageState: SIGNED_OUT, baseURL });
  const page = await context.newPage();
  await page.goto(path);
  await page.getByLabel("Email").fill(E2E_USER.email);
  await page.getByLabel("Password").fill(E2E_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "APIs" })).toBeVisible();
  return page;
}

test("[HARDENING] signing in at /sign-in?next=/%09/evil.example stays on the console", async ({ browser, baseURL }) => {
  for (const next of ["/%09/evil.example", encodeURIComponent("/\\evil.example"), "//evil.example"]) {
    const page = await signInFrom(browser, baseURL, `/sign-in?next=${next}`);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL as string).origin);
    await expect(page).toHaveURL(/\/apis$/);
    await page.context().close();
  }
});

test("[HARDENING] GET /api/audit with a date PostgreSQL cannot store is 400 problem details", async ({ request }) => {
  for (const time of ["0000-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00"]) {
    const response = await request.get(`/api/audit?from=${encodeURIComponent(time)}`);
    expect(response.status(), time).toBe(400);
    expect(response.headers()["content-type"]).toBe(PROBLEM);
  }
});
