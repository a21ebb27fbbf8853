// The console as people use it, on a phone and a wide screen, in both themes: axe finds nothing on
// any page (nor on the authorization server's sign-in and consent pages), no page scrolls sideways
// at phone width, the navigation folds into a menu, the theme is remembered, the skip link and
// the current page work.
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { createApi, createScope, createSignInClient, openScopesTab, scopeRow, uniqueName } from "./support";
import { E2E_USER, SIGNED_OUT } from "./user";

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const SCHEMES = ["light", "dark"] as const;

/** The console's pages (the admin sees them all), each with the heading it shows once loaded. */
const CONSOLE_PAGES = [
  { path: "/apis", heading: "APIs" },
  { path: "/clients", heading: "Clients" },
  { path: "/users", heading: "Users" },
  { path: "/settings", heading: "Settings" },
  { path: "/token-preview", heading: "Token preview" },
  { path: "/audit", heading: "Audit log" },
  { path: "/config", heading: "Import / export" },
  { path: "/deprecations", heading: "Deprecations" },
] as const;

/** Opens a page and waits until nothing on it is still loading. */
async function openPage(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText(/Loading/)).toHaveCount(0);
}

async function expectNoAxeViolations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.length}x`);
  expect(found, `axe on ${where}`).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page, where: string) {
  const sizes = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(sizes.scrollWidth, `page width of ${where}`).toBeLessThanOrEqual(sizes.clientWidth);
}

/** An authorization request of a new client that signs users in, as a browser would follow it. */
async function authorizationUrl(request: Parameters<typeof createSignInClient>[0], baseURL: string | undefined) {
  const client = await createSignInClient(request, baseURL, { name: uniqueName("Design app"), type: "public" });
  const query = new URLSearchParams({
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope: "openid",
    state: "design",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  });
  return `/oauth/authorize?${query}`;
}

async function signedOutPage(browser: Browser, baseURL: string | undefined, scheme: (typeof SCHEMES)[number]) {
  return browser.newContext({ storageState: SIGNED_OUT, baseURL, colorScheme: scheme });
}

for (const scheme of SCHEMES) {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    test.describe(`${scheme}, ${viewport.width} px`, () => {
      test.use({ viewport, colorScheme: scheme });

      test(`[DESIGN] axe finds no violation on any console page (${scheme}, ${device})`, async ({ page, request }) => {
        // Ten pages and dialogs, each loaded and swept by axe: more than one page's time.
        test.slow();
        const api = await createApi(request, "Design API");
        const scope = uniqueName("read");
        await createScope(request, api.id, { name: scope, displayName: "Read", description: "Reads it all." });
        for (const { path, heading } of CONSOLE_PAGES) {
          await openPage(page, path, heading);
          await expectNoAxeViolations(page, path);
        }
        await openScopesTab(page, api.id);
        await expect(scopeRow(page, scope)).toBeVisible();
        await expectNoAxeViolations(page, "the Scopes tab");
        await page.getByRole("button", { name: "Add Scope" }).click();
        await expect(page.getByRole("dialog", { name: "API Scope" })).toBeVisible();
        await expectNoAxeViolations(page, "the API Scope dialog");
      });

      test(`[DESIGN] axe finds no violation on the sign-in pages and the consent page (${scheme}, ${device})`, async ({
        browser,
        request,
        baseURL,
      }) => {
        test.slow();
        const context = await signedOutPage(browser, baseURL, scheme);
        const page = await context.newPage();
        await page.setViewportSize(viewport);
        await openPage(page, "/sign-in", "Sign in");
        await expectNoAxeViolations(page, "the console's sign-in");
        await expectNoHorizontalScroll(page, "the console's sign-in");

        await page.goto(await authorizationUrl(request, baseURL));
        await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
        await expectNoAxeViolations(page, "the authorization server's sign-in");
        await expectNoHorizontalScroll(page, "the authorization server's sign-in");
        await page.getByLabel("Email").fill(E2E_USER.email);
        await page.getByLabel("Password").fill(E2E_USER.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page.getByRole("heading", { name: /wants access$/ })).toBeVisible();
        await expectNoAxeViolations(page, "the consent page");
        await expectNoHorizontalScroll(page, "the consent page");
        await context.close();
      });
    });
  }
}

test.describe("phone", () => {
  test.use({ viewport: VIEWPORTS.phone });

  test("[DESIGN] at 390 px no console page scrolls sideways, nor the Scopes tab and its dialog", async ({
    page,
    request,
  }) => {
    const api = await createApi(request, "A display name long enough to wrap on a phone screen");
    const scope = uniqueName("a_rather_long_scope_name_for_a_phone");
    await createScope(request, api.id, { name: scope, displayName: "Read", description: "Reads everything there is." });
    for (const { path, heading } of CONSOLE_PAGES) {
      await openPage(page, path, heading);
      await expectNoHorizontalScroll(page, path);
    }
    await openScopesTab(page, api.id);
    await expect(scopeRow(page, scope)).toBeVisible();
    await expectNoHorizontalScroll(page, "the Scopes tab");
    await page.getByRole("button", { name: "Add Scope" }).click();
    const dialog = page.getByRole("dialog", { name: "API Scope" });
    await expect(dialog).toBeVisible();
    await expectNoHorizontalScroll(page, "the API Scope dialog");
    // Full width on a phone.
    const box = await dialog.boundingBox();
    expect(box?.width).toBe(VIEWPORTS.phone.width);
  });

  test("[DESIGN] at 390 px the navigation is behind the Menu button, which opens it", async ({ page }) => {
    await openPage(page, "/apis", "APIs");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).click();
    const menu = page.getByRole("dialog", { name: "Menu" });
    await expect(menu.getByRole("navigation", { name: "Main" })).toBeVisible();
    await menu.getByRole("link", { name: "Clients" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
    await expect(menu).toBeHidden();
  });
});

test.describe("wide screen", () => {
  test.use({ viewport: VIEWPORTS.desktop });

  test("[DESIGN] the Scopes tab keeps Add Scope at the bottom right of its table", async ({ page, request }) => {
    const api = await createApi(request);
    const scope = uniqueName("read");
    await createScope(request, api.id, { name: scope, displayName: "Read" });
    for (const viewport of Object.values(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      const table = await openScopesTab(page, api.id);
      // Measured once the rows are in (not while the loading rows stand in for them).
      await expect(scopeRow(page, scope)).toBeVisible();
      await expect(table).toHaveAttribute("aria-busy", "false");
      const tableBox = await table.boundingBox();
      const buttonBox = await page.getByRole("button", { name: "Add Scope" }).boundingBox();
      const panelBox = await page.getByRole("region", { name: "Scopes", exact: true }).boundingBox();
      if (!tableBox || !buttonBox || !panelBox) throw new Error("the Scopes tab is not laid out");
      expect(buttonBox.y).toBeGreaterThanOrEqual(tableBox.y + tableBox.height);
      // Its right edge is the panel's, less the panel's padding.
      expect(panelBox.x + panelBox.width - (buttonBox.x + buttonBox.width)).toBeLessThanOrEqual(25);
    }
  });

  test("[DESIGN] the navigation marks the current page with aria-current", async ({ page, request }) => {
    const nav = page.getByRole("navigation", { name: "Main" });
    await openPage(page, "/clients", "Clients");
    await expect(nav.getByRole("link", { name: "Clients" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "APIs" })).not.toHaveAttribute("aria-current");
    const api = await createApi(request);
    await openScopesTab(page, api.id);
    await expect(nav.getByRole("link", { name: "APIs" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Clients" })).not.toHaveAttribute("aria-current");
  });

  test("[DESIGN] Skip to content is the first stop of the keyboard and moves focus to the main content", async ({
    page,
  }) => {
    await openPage(page, "/settings", "Settings");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
  });

  test.describe("light device", () => {
    test.use({ colorScheme: "light" });

    test("[DESIGN] the Theme switch is remembered across a reload and reaches the consent page", async ({
      page,
      request,
      baseURL,
    }) => {
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await openPage(page, "/apis", "APIs");
      const theme = page.getByLabel("Theme");
      await expect(theme).toHaveValue("system");
      const light = await background();
      await theme.selectOption({ label: "Dark" });
      const dark = await background();
      expect(dark).not.toBe(light);
      await page.reload();
      await expect(page.getByLabel("Theme")).toHaveValue("dark");
      expect(await background()).toBe(dark);
      // The authorization server's pages read the same choice (this browser is signed in: consent).
      await page.goto(await authorizationUrl(request, baseURL));
      await expect(page.getByRole("heading", { name: /wants access$/ })).toBeVisible();
      expect(await background()).toBe(dark);
      await page.goto("/apis");
      await page.getByLabel("Theme").selectOption({ label: "System" });
      await page.reload();
      await expect(page.getByLabel("Theme")).toHaveValue("system");
      expect(await background()).toBe(light);
    });
  });
});
