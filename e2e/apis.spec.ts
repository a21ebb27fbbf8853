import { expect, test } from "@playwright/test";
import { apiRow, createApi, createScope, uniqueName } from "./support";

test("[APIS] the list shows the demo APIs with Edit and Delete on each row", async ({ page }) => {
  await page.goto("/apis");
  await expect(page.getByRole("heading", { level: 1, name: "APIs" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Invoices API" });
  await expect(row.getByRole("button", { name: "Edit" })).toBeVisible();
  await expect(row.getByRole("button", { name: "Delete" })).toBeVisible();
});

test("[APIS] Add API creates an API that survives a reload", async ({ page }) => {
  const name = uniqueName("billing");
  await page.goto("/apis");
  await page.getByRole("button", { name: "Add API" }).click();
  const dialog = page.getByRole("dialog", { name: "API" });
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Display Name").fill("Billing API");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`API "${name}" added.`);
  await page.reload();
  await page.getByLabel("Search APIs").fill(name);
  await expect(apiRow(page, name)).toContainText("Billing API");
});

test("[APIS] Add API takes a resource identifier, or leaves the default it shows; a malformed one is refused on the field", async ({
  page,
  request,
}) => {
  const [named, plain] = [uniqueName("ledger"), uniqueName("ledger")];
  await page.goto("/apis");
  await page.getByRole("button", { name: "Add API" }).click();
  const dialog = page.getByRole("dialog", { name: "API" });
  await dialog.getByLabel("Name", { exact: true }).fill(named);
  const identifier = dialog.getByLabel("Resource identifier");
  await expect(identifier).toHaveAttribute("placeholder", `urn:scope-console:api:${named}`);
  await identifier.fill("ledger.example.com/api");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(identifier).toHaveAccessibleDescription(/absolute URI/);
  await identifier.fill(`https://${named}.example.com/`);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Add API" }).click();
  await dialog.getByLabel("Name", { exact: true }).fill(plain);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const resourceOf = async (name: string) => {
    const { items } = await (await request.get(`/api/apis?q=${name}`)).json();
    return items.find((api: { name: string }) => api.name === name)?.resourceUri;
  };
  expect(await resourceOf(named)).toBe(`https://${named}.example.com/`);
  expect(await resourceOf(plain)).toBe(`urn:scope-console:api:${plain}`);
});

test("[APIS] Add API refuses a duplicate name on the Name field", async ({ page, request }) => {
  const api = await createApi(request);
  await page.goto("/apis");
  await page.getByRole("button", { name: "Add API" }).click();
  const dialog = page.getByRole("dialog", { name: "API" });
  await dialog.getByLabel("Name", { exact: true }).fill(api.name);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveAccessibleDescription(/already exists/);
  await expect(dialog.getByRole("alert")).toBeVisible();
});

test("[APIS] Edit opens the Scopes tab; the tab is in the URL and survives a reload", async ({ page, request }) => {
  const api = await createApi(request, "Tabbed API");
  await page.goto("/apis");
  await page.getByLabel("Search APIs").fill(api.name);
  await apiRow(page, api.name).getByRole("button", { name: "Edit" }).click();
  await expect(page).toHaveURL(new RegExp(`/apis/${api.id}\\?tab=scopes`));
  await expect(page.getByRole("tab", { name: "Scopes" })).toHaveAttribute("aria-selected", "true");

  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page).toHaveURL(/tab=settings/);
  await page.reload();
  await expect(page.getByRole("tab", { name: "Settings" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(api.name);
  await expect(page.getByLabel("Name", { exact: true })).not.toBeEditable();
});

test("[APIS] Settings saves the display name and description", async ({ page, request }) => {
  const api = await createApi(request);
  await page.goto(`/apis/${api.id}?tab=settings`);
  await page.getByLabel("Display Name").fill("Renamed API");
  await page.getByLabel("Description").fill("Now with a description");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("saved");
  await page.reload();
  await expect(page.getByLabel("Display Name")).toHaveValue("Renamed API");
  await expect(page.getByLabel("Description")).toHaveValue("Now with a description");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit API: Renamed API");
});

test("[APIS] Delete asks for confirmation, then removes the API and its scopes", async ({ page, request }) => {
  const api = await createApi(request);
  const scope = await createScope(request, api.id, { name: uniqueName("doomed") });
  await page.goto("/apis");
  await page.getByLabel("Search APIs").fill(api.name);
  const row = apiRow(page, api.name);
  await row.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete API" });
  await expect(confirm).toContainText(api.name);
  await expect(confirm).toContainText("1 scope");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: "Delete" }).click();
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(row).toBeHidden();
  await page.reload();
  await page.getByLabel("Search APIs").fill(api.name);
  await expect(page.getByText(`No APIs match "${api.name}".`)).toBeVisible();
  expect((await request.get(`/api/apis/${api.id}/scopes/${scope.id}`)).status()).toBe(404);
});

test("[APIS] an unknown API shows an error", async ({ page }) => {
  await page.goto("/apis/does-not-exist?tab=scopes");
  await expect(page.getByRole("alert").filter({ hasText: "The API was not found." })).toBeVisible();
});

test("[APIS] the console's own API is listed as built in, without Delete; its scopes cannot be added or deleted", async ({
  page,
}) => {
  await page.goto("/apis");
  await page.getByLabel("Search APIs").fill("scope-console");
  const row = apiRow(page, "scope-console");
  await expect(row).toContainText("Built in");
  await expect(row.getByRole("button", { name: "Delete scope-console" })).toHaveCount(0);
  await row.getByRole("button", { name: "Edit scope-console" }).click();
  await expect(page.getByText("This is the console's own API.")).toBeVisible();
  const scopes = page.getByRole("table", { name: "API scopes" });
  await expect(scopes.getByRole("row").filter({ hasText: "console:write" })).toBeVisible();
  await expect(scopes.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add Scope" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete selected" })).toHaveCount(0);
});
