// Hardening as a browser and a forger see the running server.
import { expect, test } from "@playwright/test";
import { uniqueName } from "./support";

test("[SECURITY] a change from another site, from Origin: null or with no Origin is refused and saves nothing", async ({
  page,
  request,
  baseURL,
}) => {
  const name = uniqueName("forged");
  const forged: Record<string, string>[] = [
    { origin: "https://evil.example" },
    { origin: "null" },
    { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  ];
  for (const headers of forged) {
    const response = await request.post("/api/apis", { data: { name }, headers });
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ status: 403, title: "Forbidden" });
  }
  // A client that sends no Origin at all (not a browser, so no extra headers from the config).
  const bare = await fetch(`${baseURL}/api/apis`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  expect(bare.status).toBe(403);

  const search = await request.get(`/api/apis?q=${name}`);
  expect((await search.json()).total).toBe(0);

  // The console's own page still saves: the browser sends its Origin.
  await page.goto("/");
  const saved = await page.evaluate(async (apiName) => {
    const response = await fetch("/api/apis", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: apiName }),
    });
    return response.status;
  }, name);
  expect(saved).toBe(201);
});

test("[SECURITY] console pages and the API cannot be framed and keep their address from other sites", async ({
  page,
  request,
}) => {
  const response = await page.goto("/");
  for (const headers of [response?.headers() ?? {}, (await request.get("/api/apis")).headers()]) {
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
  }
});
