import { expect, test } from "@playwright/test";
import { createApi, createScope, uniqueName } from "./support";

const clientRow = (page: import("@playwright/test").Page, name: string) =>
  page
    .getByRole("table", { name: "Clients" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name, exact: true }) });

/** Searches and waits until the table shows the search's one result. */
async function searchClients(page: import("@playwright/test").Page, name: string) {
  await page.getByLabel("Search clients").fill(name);
  await expect(page.getByRole("navigation", { name: "Clients pages" })).toContainText("1 client");
}

test("[CLIENTS] Add client shows the secret once; the client survives a reload", async ({ page, request }) => {
  const name = uniqueName("Invoice App");
  await page.goto("/clients");
  await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  await page.getByRole("button", { name: "Add client" }).click();
  const dialog = page.getByRole("dialog", { name: "Client" });
  await dialog.getByLabel("Name").fill(name);
  await dialog
    .getByLabel("Redirect URIs", { exact: true })
    .fill("https://app.example/callback\nhttp://localhost:8080/cb");
  await dialog.getByLabel("Post-logout redirect URIs").fill("https://app.example/signed-out");
  // Allowed scopes are picked from the scopes that exist, grouped by API, found by searching.
  const picker = dialog.getByLabel("Allowed scopes");
  await picker.fill("openid");
  await dialog.getByRole("checkbox", { name: "openid", exact: true }).check();
  await picker.fill("invoices");
  await expect(dialog.getByRole("group", { name: /Invoices API/ })).toBeVisible();
  await dialog
    .getByRole("group", { name: /Invoices API/ })
    .getByRole("checkbox", { name: "read_invoices" })
    .check();
  await expect(dialog.getByRole("list", { name: "Chosen scopes" }).getByRole("listitem")).toHaveText([
    /openid/,
    /read_invoices/,
  ]);
  await dialog.getByLabel("client_credentials").check();
  await dialog.getByLabel("Access token lifetime").fill("15 min");
  await dialog.getByRole("button", { name: "Save" }).click();

  const secretDialog = page.getByRole("dialog", { name: "Client secret" });
  const clientId = await secretDialog.getByLabel("Client ID").inputValue();
  const secret = await secretDialog.getByLabel("Client secret").inputValue();
  await expect(secretDialog.getByRole("status").filter({ hasText: `Client "${name}" added.` })).toBeVisible();
  // Copy buttons put the ID and the secret on the clipboard.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await secretDialog.getByRole("button", { name: "Copy the client's secret" }).click();
  await expect(secretDialog.getByRole("button", { name: "Copy the client's secret" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await secretDialog.getByRole("button", { name: "Copy the client's ID" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientId);
  expect(clientId).toMatch(/^client_/);
  expect(Buffer.from(secret, "base64url")).toHaveLength(32);
  await secretDialog.getByRole("button", { name: "Done" }).click();

  await page.reload();
  await page.getByLabel("Search clients").fill(name);
  const row = clientRow(page, name);
  await expect(row).toContainText(clientId);
  const saved = (await (await request.get(`/api/clients?q=${encodeURIComponent(name)}`)).json()).items[0];
  expect(saved.postLogoutRedirectUris).toEqual(["https://app.example/signed-out"]);
  await expect(row).toContainText("authorization_code refresh_token client_credentials");
  const listed = await (await request.get(`/api/clients?q=${encodeURIComponent(name)}`)).json();
  expect(JSON.stringify(listed)).not.toContain(secret);
  expect(listed.items[0]).toMatchObject({ accessTokenLifetime: 900, allowedScopes: ["openid", "read_invoices"] });

  await row.getByRole("button", { name: "Regenerate secret" }).click();
  await page
    .getByRole("alertdialog", { name: "Regenerate secret" })
    .getByRole("button", { name: "Regenerate secret" })
    .click();
  const newSecret = await page.getByRole("dialog", { name: "Client secret" }).getByLabel("Client secret").inputValue();
  expect(newSecret).not.toBe(secret);
});

test("[CLIENTS] an http redirect URI off the loopback and an unknown scope are refused", async ({ page, request }) => {
  await page.goto("/clients");
  await page.getByRole("button", { name: "Add client" }).click();
  const dialog = page.getByRole("dialog", { name: "Client" });
  await dialog.getByLabel("Name").fill(uniqueName("Bad"));
  await dialog.getByLabel("Redirect URIs", { exact: true }).fill("http://app.example/callback");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByLabel("Redirect URIs", { exact: true })).toHaveAccessibleDescription(
    /http only on localhost/,
  );

  // A scope picked, then deleted by someone else before the save: refused beside the field.
  const doomed = await createScope(request, (await createApi(request)).id, { name: uniqueName("doomed") });
  await dialog.getByLabel("Redirect URIs", { exact: true }).fill("https://app.example/callback");
  await dialog.getByLabel("Allowed scopes").fill(doomed.name);
  await dialog.getByRole("checkbox", { name: doomed.name }).check();
  expect((await request.delete(`/api/apis/${doomed.apiId}/scopes/${doomed.id}`)).status()).toBe(204);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByLabel("Allowed scopes")).toHaveAccessibleDescription(
    new RegExp(`Unknown scopes: ${doomed.name}`),
  );
  await expect(dialog.getByRole("alert")).toBeVisible();
});

test("[CLIENTS] edit keeps the type and saves; delete asks first", async ({ page, request }) => {
  const name = uniqueName("Public App");
  const created = await request.post("/api/clients", {
    data: {
      name,
      type: "public",
      redirectUris: ["http://127.0.0.1:9000/cb"],
      allowedGrantTypes: ["authorization_code"],
    },
  });
  expect(created.status()).toBe(201);
  await page.goto("/clients");
  await searchClients(page, name);
  const row = clientRow(page, name);
  await expect(row.getByRole("button", { name: "Regenerate secret" })).toHaveCount(0);
  await row.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Client" });
  await expect(dialog.getByLabel("Type")).toBeDisabled();
  await expect(dialog.getByLabel("Redirect URIs", { exact: true })).toHaveValue("http://127.0.0.1:9000/cb");
  await dialog.getByLabel("refresh_token").check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await searchClients(page, name);
  await expect(row).toContainText("authorization_code refresh_token");

  await row.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete client" });
  await expect(confirm).toContainText(name);
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status")).toContainText(`Client "${name}" deleted.`);
  await expect(row).toBeHidden();
});
