// The console as people use it (issue 14): focus that comes back, actions named by their item,
// guarded and recoverable changes, and tables whose view lives in the URL.
import { expect, test } from "@playwright/test";
import { createApi, createScope, openScopesTab, scopeRow, uniqueName } from "./support";

async function apiWithScopes(request: Parameters<typeof createApi>[0], count: number, prefix = uniqueName("s")) {
  const api = await createApi(request);
  const names = Array.from({ length: count }, (_, i) => `${prefix}_${String(i).padStart(2, "0")}`);
  for (const name of names) await createScope(request, api.id, { name, displayName: `Scope ${name}` });
  return { api, names };
}

test("[UX] focus returns to the opener, after a delete to the next row; the edit dialog starts on Display Name", async ({
  page,
  request,
}) => {
  const { api, names } = await apiWithScopes(request, 3);
  await openScopesTab(page, api.id);
  const [first, second, third] = names;

  // Row actions carry their item in their names; the text stays "Edit" and "Delete".
  const edit = page.getByRole("button", { name: `Edit ${first}`, exact: true });
  await expect(edit).toHaveText("Edit");
  await expect(page.getByRole("button", { name: `Delete ${second}`, exact: true })).toHaveText("Delete");

  await edit.click();
  const dialog = page.getByRole("dialog", { name: "API Scope" });
  await expect(dialog.getByLabel("Display Name")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused();

  // Deleting the second row: focus lands on the Delete of the row that took its place.
  await page.getByRole("button", { name: `Delete ${second}`, exact: true }).click();
  await page.getByRole("alertdialog", { name: "Delete scope" }).getByRole("button", { name: "Delete" }).click();
  await expect(scopeRow(page, second)).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Delete ${third}`, exact: true })).toBeFocused();

  // Deleting the last rows: focus goes to the table itself.
  for (const name of [third, first]) {
    await page.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
    await page.getByRole("alertdialog", { name: "Delete scope" }).getByRole("button", { name: "Delete" }).click();
    await expect(scopeRow(page, name)).toHaveCount(0);
  }
  await expect(page.getByRole("table", { name: "API scopes" })).toBeFocused();
});

test("[UX] Save waits for a change; closing a changed form asks Discard changes?", async ({ page, request }) => {
  const { api, names } = await apiWithScopes(request, 1);
  await openScopesTab(page, api.id);
  await page.getByRole("button", { name: `Edit ${names[0]}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "API Scope" });
  const save = dialog.getByRole("button", { name: "Save" });
  await expect(save).toBeDisabled();
  await dialog.getByLabel("Display Name").fill("Changed");
  await expect(save).toBeEnabled();

  await dialog.getByRole("button", { name: "Close" }).click();
  const discard = page.getByRole("alertdialog", { name: "Discard changes?" });
  await discard.getByRole("button", { name: "Keep editing" }).click();
  await expect(discard).toBeHidden();
  await expect(dialog.getByLabel("Display Name")).toHaveValue("Changed");
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();

  await page.keyboard.press("Escape");
  await discard.getByRole("button", { name: "Discard" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: `Edit ${names[0]}`, exact: true })).toBeFocused();
  await expect(scopeRow(page, names[0]).getByRole("cell").nth(1)).toHaveText(`Scope ${names[0]}`);
});

test("[UX] a save over someone else's newer version offers Reload, which loads it into the form", async ({
  page,
  request,
}) => {
  const api = await createApi(request);
  const name = uniqueName("conflicted");
  const scope = await createScope(request, api.id, { name, displayName: "Mine" });
  await openScopesTab(page, api.id);
  await page.getByRole("button", { name: `Edit ${name}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "API Scope" });
  await expect(dialog.getByLabel("Display Name")).toBeFocused();
  // Someone else saves first.
  const theirs = await request.patch(`/api/apis/${api.id}/scopes/${scope.id}`, {
    data: { displayName: "Theirs", version: scope.version },
  });
  expect(theirs.status()).toBe(200);
  await dialog.getByLabel("Description").fill("my description");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert")).toContainText("changed by someone else");
  await dialog.getByRole("button", { name: "Reload" }).click();
  await expect(dialog.getByLabel("Display Name")).toHaveValue("Theirs");
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  await dialog.getByLabel("Description").fill("my description again");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(scopeRow(page, name).getByRole("cell").nth(2)).toHaveText("my description again");
});

test("[UX] a toast shown while a dialog is open sits inside it, clear of its buttons", async ({ page, request }) => {
  const { api, names } = await apiWithScopes(request, 2);
  await openScopesTab(page, api.id);
  await page.getByRole("button", { name: `Edit ${names[0]}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "API Scope" });
  await dialog.getByLabel("Display Name").fill("Saved now");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: `Edit ${names[1]}`, exact: true }).click();
  const toast = dialog.getByRole("status").filter({ hasText: `Scope "${names[0]}" saved.` });
  await expect(toast).toBeVisible();
  const toastBox = await toast.boundingBox();
  for (const name of ["Close", "Save"]) {
    const box = await dialog.getByRole("button", { name }).boundingBox();
    expect(toastBox && box).toBeTruthy();
    if (!toastBox || !box) continue;
    const overlaps =
      toastBox.x < box.x + box.width &&
      box.x < toastBox.x + toastBox.width &&
      toastBox.y < box.y + box.height &&
      box.y < toastBox.y + toastBox.height;
    expect(overlaps, `the toast covers ${name}`).toBe(false);
  }
});

test("[UX] Regenerate secret asks first, naming the client and that the old secret stops working", async ({
  page,
  request,
}) => {
  const name = uniqueName("regenerated");
  const { api, names } = await apiWithScopes(request, 1);
  expect(api.id).toBeTruthy();
  const created = await request.post("/api/clients", {
    data: { name, type: "confidential", allowedScopes: names, allowedGrantTypes: ["client_credentials"] },
  });
  expect(created.status()).toBe(201);
  const client = await created.json();
  await page.goto(`/clients?q=${name}`);
  const regenerate = page.getByRole("button", { name: `Regenerate secret ${name}`, exact: true });
  await regenerate.click();
  const confirm = page.getByRole("alertdialog", { name: "Regenerate secret" });
  await expect(confirm).toContainText(name);
  await expect(confirm).toContainText("The old secret stops working at once");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(regenerate).toBeFocused();
  // Cancelled: the old secret still works.
  const token = (secret: string) =>
    request.post("/oauth/token", {
      headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString("base64")}` },
      form: { grant_type: "client_credentials", scope: names[0] },
    });
  expect((await token(client.clientSecret)).status()).toBe(200);

  await regenerate.click();
  await confirm.getByRole("button", { name: "Regenerate secret" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Client secret" });
  const secret = await secretDialog.getByLabel("Client secret").inputValue();
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(regenerate).toBeFocused();
  expect((await token(client.clientSecret)).status()).toBe(401);
  expect((await token(secret)).status()).toBe(200);
});

test("[UX] the Scopes tab keeps page, size, search, sort and filters in the URL: reload and Back restore them", async ({
  page,
  request,
}) => {
  const { api, names } = await apiWithScopes(request, 25);
  await openScopesTab(page, api.id);
  const pager = page.getByRole("navigation", { name: "Scopes pages" });
  await expect(pager).toContainText("25 scopes");
  await pager.getByRole("button", { name: "Last" }).click();
  await expect(page).toHaveURL(/[?&]page=2\b/);
  await expect(pager).toContainText("Page 2 of 2");
  await page.reload();
  await expect(pager).toContainText("Page 2 of 2");
  await expect(scopeRow(page, names[24])).toBeVisible();
  await pager.getByRole("button", { name: "First" }).click();
  await expect(pager).toContainText("Page 1 of 2");
  await pager.getByLabel("Go to page").fill("2");
  await pager.getByRole("button", { name: "Go" }).click();
  await expect(pager).toContainText("Page 2 of 2");
  await page.goBack();
  await expect(pager).toContainText("Page 1 of 2");

  await page.getByRole("button", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=-name\b/);
  await page.getByRole("searchbox", { name: "Search scopes" }).fill(`${names[3]}`);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(pager).toContainText("1 scope");
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search scopes" })).toHaveValue(names[3]);
  await expect(scopeRow(page, names[3])).toBeVisible();

  // Filters: by flag, in the URL under the API's name.
  await page.getByRole("searchbox", { name: "Search scopes" }).fill("");
  await expect(pager).toContainText("25 scopes");
  await page.getByLabel("Required", { exact: true }).selectOption({ label: "Yes" });
  await expect(page).toHaveURL(/[?&]required=true\b/);
  await expect(page.getByText("No scopes match these filters.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Required", { exact: true })).toHaveValue("true");

  // The lifetime columns, on demand.
  await page.getByLabel("Show lifetimes").check();
  await expect(page.getByRole("columnheader", { name: "Access token lifetime" })).toBeVisible();
});

test("[UX] selected scopes change flags together and are deleted together, confirmed by their count", async ({
  page,
  request,
}) => {
  const { api, names } = await apiWithScopes(request, 3);
  await openScopesTab(page, api.id);
  await page.getByLabel(`Select ${names[0]}`).check();
  await page.getByLabel(`Select ${names[1]}`).check();
  const selection = page.getByRole("group", { name: "Selected scopes" });
  await expect(selection).toContainText("2 selected");
  await selection.getByLabel("Change selected").selectOption({ label: "Required: Yes" });
  await selection.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toContainText("2 of 2 scopes changed.");
  await expect(scopeRow(page, names[0]).getByRole("cell").nth(3)).toHaveText("Yes");
  await expect(scopeRow(page, names[1]).getByRole("cell").nth(3)).toHaveText("Yes");
  await expect(scopeRow(page, names[2]).getByRole("cell").nth(3)).toHaveText("No");

  await selection.getByRole("button", { name: "Delete selected" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete 2 scopes" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(scopeRow(page, names[0])).toHaveCount(0);
  await expect(scopeRow(page, names[1])).toHaveCount(0);
  await expect(scopeRow(page, names[2])).toBeVisible();
});
