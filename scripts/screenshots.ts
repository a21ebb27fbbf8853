// The README's screenshots, from a running console: `npm run screenshots` (BASE_URL, default
// http://localhost:3000; signs in as ADMIN_EMAIL / ADMIN_PASSWORD). The Scopes tab of the first
// API, on a wide screen and a phone, light and dark, into docs/screenshots/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";
const email = process.env.ADMIN_EMAIL;
const password = process.env.ADMIN_PASSWORD;
if (!email || !password) throw new Error("Set ADMIN_EMAIL and ADMIN_PASSWORD to an admin of the running console.");

const OUT = path.join(import.meta.dirname, "..", "docs", "screenshots");
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const SCHEMES = ["light", "dark"] as const;

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  for (const scheme of SCHEMES) {
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ baseURL: BASE_URL, viewport, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto("/sign-in?next=%2Fapis");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "APIs" }).waitFor();
      await page.getByRole("table", { name: "APIs" }).getByRole("link").first().waitFor();
      await page.screenshot({ path: path.join(OUT, `apis-${device}-${scheme}.png`) });
      const api = await page.getByRole("table", { name: "APIs" }).getByRole("link").first().getAttribute("href");
      await page.goto(`${api}?tab=scopes`);
      await page.getByRole("button", { name: "Add Scope" }).waitFor();
      await page
        .getByRole("table", { name: "API scopes" })
        .getByRole("row")
        .nth(1)
        .getByRole("button")
        .first()
        .waitFor();
      await page.screenshot({ path: path.join(OUT, `scopes-${device}-${scheme}.png`), fullPage: device === "phone" });
      await context.close();
      console.log(`${device} ${scheme}: done`);
    }
  }
} finally {
  await browser.close();
}
