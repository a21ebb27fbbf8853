import { expect, test } from "@playwright/test";
import { createApi, createScope, openScopesTab, scopeRow, uniqueName } from "./support";

test("[SCOPES] lifetimes are entered in human units, stored, and shown again after a reload", async ({
  page,
  request,
}) => {
  const api = await createApi(request);
  const name = uniqueName("write_data");
  await openScopesTab(page, api.id);
  await page.getByRole("button", { name: "Add Scope" }).click();
  const dialog = page.getByRole("dialog", { name: "API Scope" });
  await expect(dialog.getByLabel("Access token lifetime")).toHaveAccessibleDescription(
    /Blank inherits .* from the service\./,
  );
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Access token lifetime").fill("soon");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByLabel("Access token lifetime")).toHaveAccessibleDescription(
    /Enter a duration such as 10 min/,
  );

  // A live reading of what was understood, as people type.
  const access = dialog.getByLabel("Access token lifetime");
  await access.fill("1.5 h");
  await expect(access).toHaveAccessibleDescription(/Reads as 1 h 30 min\./);
  await access.fill("PT10M");
  await expect(access).toHaveAccessibleDescription(/Reads as 10 min\./);
  await access.fill("2 fortnights");
  await expect(access).toHaveAccessibleDescription(/Not a duration: try 10 min, 1\.5 h, 2 weeks, 1 y or PT10M\./);
  await access.fill("10 min");
  await expect(access).not.toHaveAccessibleDescription(/Reads as/);
  await dialog.getByLabel("Refresh token lifetime").fill("1h 30m");
  await expect(dialog.getByLabel("Refresh token lifetime")).toHaveAccessibleDescription(/Reads as 1 h 30 min\./);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  const stored = await (await request.get(`/api/apis/${api.id}/scopes?q=${name}`)).json();
  expect(stored.items[0]).toMatchObject({ accessTokenLifetime: 600, refreshTokenLifetime: 5_400 });

  await page.reload();
  await scopeRow(page, name).getByRole("button", { name: "Edit" }).click();
  await expect(dialog.getByLabel("Access token lifetime")).toHaveValue("10 min");
  await expect(dialog.getByLabel("Refresh token lifetime")).toHaveValue("1 h 30 min");
  await dialog.getByLabel("Access token lifetime").fill("");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await scopeRow(page, name).getByRole("button", { name: "Edit" }).click();
  await expect(dialog.getByLabel("Access token lifetime")).toHaveValue("");
});

test("[APIS] the Settings tab holds the API's default lifetimes, which its scopes inherit", async ({
  page,
  request,
}) => {
  const api = await createApi(request);
  await page.goto(`/apis/${api.id}?tab=settings`);
  await page.getByLabel("Access token lifetime").fill("2 h");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("saved");
  await page.reload();
  await expect(page.getByLabel("Access token lifetime")).toHaveValue("2 h");

  await page.getByRole("tab", { name: "Scopes" }).click();
  await page.getByRole("button", { name: "Add Scope" }).click();
  await expect(
    page.getByRole("dialog", { name: "API Scope" }).getByLabel("Access token lifetime"),
  ).toHaveAccessibleDescription("Blank inherits 2 h from the API.");
});

test("[SETTINGS] service lifetimes show in human units and save", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByLabel("Offline absolute lifetime")).toHaveValue("730 d");
  await expect(page.getByLabel("Authorization code lifetime")).toHaveValue("1 min");

  await page.getByLabel("Authorization code lifetime").fill("1 h");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Authorization code lifetime")).toHaveAccessibleDescription(/at most 10 min/);

  // Longer than the default, so that tests running beside this one see no shorter lifetime.
  await page.getByLabel("Authorization code lifetime").fill("2 min");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Settings saved.");
  await page.reload();
  await expect(page.getByLabel("Authorization code lifetime")).toHaveValue("2 min");
  await page.getByLabel("Authorization code lifetime").fill("1 min");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Settings saved.");
});

test("[PREVIEW] shows what a request gets and which setting decided it", async ({ page, request }) => {
  const api = await createApi(request);
  const read = uniqueName("read");
  const write = uniqueName("write");
  await createScope(request, api.id, { name: read, displayName: "Read Data", accessTokenLifetime: 3_600 });
  await createScope(request, api.id, {
    name: write,
    displayName: "Write Data",
    accessTokenLifetime: 600,
    emphasize: true,
  });

  await page.goto("/token-preview");
  await page.getByLabel("Scopes").fill(`${read} ${write} offline_access`);
  await page.getByRole("button", { name: "Preview" }).click();
  const result = page.getByRole("region", { name: "Preview result" });
  // Human units and dates, never seconds or Unix timestamps.
  await expect(result).toContainText("Lifetime: 10 min;");
  await expect(result).toContainText("offline access");
  await expect(result).toContainText("Refreshing ends");
  await expect(result).not.toContainText(/\d s\b|\d{10}/);
  const explanation = result.getByRole("list", { name: "Explanation" });
  await expect(explanation).toContainText(`Access token: 10 min from scope ${write}`);
  await expect(explanation).toContainText(/refreshing ends \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  // The consent screen as the user will see it: a picture, with nothing to tick here.
  const picture = result.getByRole("figure", { name: "What the user sees" });
  await expect(picture).toContainText("The application wants access");
  await expect(picture.getByRole("checkbox")).toHaveCount(0);
  // Emphasized scopes come first and are marked; the demo's offline_access is emphasized too.
  const consent = await result.getByRole("list", { name: "Consent screen" }).getByRole("listitem").allInnerTexts();
  const writeAt = consent.findIndex((item) => item.includes("Write Data"));
  const readAt = consent.findIndex((item) => item.includes("Read Data"));
  expect(writeAt).toBeGreaterThanOrEqual(0);
  expect(writeAt).toBeLessThan(readAt);
  expect(consent[writeAt]).toContain("Important");
  expect(consent[readAt]).not.toContain("Important");

  await page.getByLabel("Grant type").selectOption("client_credentials");
  await page.getByLabel("Scopes").fill(read);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(result).toContainText("Lifetime: 1 h;");
  await expect(result.getByRole("heading", { name: "Refresh token" })).toBeVisible();
  await expect(result).toContainText("None");

  await page.getByLabel("Scopes").fill(uniqueName("unknown"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(result.getByRole("alert")).toContainText("invalid_scope");

  await page.getByLabel("Client ID").fill("no_such_client");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("alert").filter({ hasText: 'The client "no_such_client" was not found.' })).toBeVisible();
});

test("[DISCOVERY] the documents list only the scopes shown in discovery", async ({ request }) => {
  const api = await createApi(request);
  const shown = uniqueName("shown");
  const hidden = uniqueName("hidden");
  await createScope(request, api.id, { name: shown });
  await createScope(request, api.id, { name: hidden, showInDiscoveryDocument: false });
  for (const path of ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const document = await response.json();
    expect(document.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(document.scopes_supported).toContain(shown);
    expect(document.scopes_supported).toContain("openid");
    expect(document.scopes_supported).not.toContain(hidden);
    expect(document.scopes_supported).not.toContain("admin_access");
  }
});
