// A scope as a contract with its clients, as a person sees it: its usage one click from its row,
// a delete in use that asks for the scope's name, deprecation through the API Scope dialog, the
// consent page's note, and the Review access dialog of a client.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { USAGE_FLUSH_MS } from "@/lib/usage/settings";
import { createApi, createScope, openScopesTab, scopeRow, uniqueName } from "./support";
import { E2E_USER } from "./user";

/** A usage figure may lag by one flush; the dialog asks again every flush. */
const USAGE_TIMEOUT_MS = 4 * USAGE_FLUSH_MS;

async function machineClient(request: APIRequestContext, allowedScopes: string[], name = uniqueName("job")) {
  const response = await request.post("/api/clients", {
    data: { name, type: "confidential", allowedScopes, allowedGrantTypes: ["client_credentials"] },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; clientId: string; clientSecret: string; name: string };
}

async function clientCredentials(
  request: APIRequestContext,
  client: { clientId: string; clientSecret: string },
  scope: string,
) {
  const response = await request.post("/oauth/token", {
    headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}` },
    form: { grant_type: "client_credentials", scope },
  });
  expect(response.status()).toBe(200);
  return response;
}

const figure = (page: Page, label: string) =>
  page.getByRole("dialog").getByRole("term").filter({ hasText: label }).locator("xpath=following-sibling::dd");

test("[LIFECYCLE] a scope's usage is one click from its row: figures, clients and a chart", async ({
  page,
  request,
}) => {
  const api = await createApi(request);
  const scope = uniqueName("read_usage");
  await createScope(request, api.id, { name: scope });
  const client = await machineClient(request, [scope], uniqueName("Usage job"));
  await clientCredentials(request, client, scope);
  await clientCredentials(request, client, scope);

  await openScopesTab(page, api.id);
  await scopeRow(page, scope)
    .getByRole("button", { name: `Usage ${scope}`, exact: true })
    .click();
  const dialog = page.getByRole("dialog", { name: `Usage of ${scope}` });
  await expect(dialog.getByText(`every ${USAGE_FLUSH_MS / 1000} seconds`)).toBeVisible();
  await expect(figure(page, "Tokens issued")).toHaveText("2", { timeout: USAGE_TIMEOUT_MS });
  await expect(figure(page, "Allowed clients")).toHaveText("1");
  await expect(figure(page, "Requesting clients")).toHaveText("1");
  const clientRow = dialog
    .getByRole("table", { name: "Clients of this scope" })
    .getByRole("row", { name: client.name });
  await expect(clientRow.getByRole("cell").nth(1)).toHaveText("Yes");
  await expect(clientRow.getByRole("cell").nth(2)).toHaveText("2");
  // The chart's text alternative: a caption that sums it up, and the numbers behind it.
  await expect(dialog.getByRole("figure")).toContainText("2 tokens in the last 30 days");
  await dialog.getByText("Show the numbers").click();
  const days = dialog.getByRole("table", { name: "Tokens issued per day" }).getByRole("row");
  await expect(days).toHaveCount(31);
  await expect(days.last().getByRole("cell").nth(1)).toHaveText("2");

  await dialog.getByLabel("Period").selectOption("7");
  await expect(days).toHaveCount(8);
  await page.screenshot({ path: "test-results/usage-dialog.png" });
});

test("[LIFECYCLE] deleting a scope in use shows its impact and waits for its name", async ({ page, request }) => {
  const api = await createApi(request);
  const scope = uniqueName("in_use");
  await createScope(request, api.id, { name: scope });
  await machineClient(request, [scope]);

  await openScopesTab(page, api.id);
  await scopeRow(page, scope).getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete scope" });
  await expect(dialog.getByText("1 client may request it; 0 consents and 0 live grants hold it.")).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Delete" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${scope} to confirm`).fill("not_it");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${scope} to confirm`).fill(scope);
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Scope "${scope}" deleted.` })).toBeVisible();
  await expect(scopeRow(page, scope)).toHaveCount(0);
});

test("[LIFECYCLE] an unused scope is deleted without typing its name", async ({ page, request }) => {
  const api = await createApi(request);
  const scope = uniqueName("unused");
  await createScope(request, api.id, { name: scope });
  await openScopesTab(page, api.id);
  await scopeRow(page, scope).getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete scope" });
  await expect(dialog.getByText("Nothing uses it")).toBeVisible();
  await expect(dialog.getByRole("textbox")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog).toBeHidden();
  await expect(scopeRow(page, scope)).toHaveCount(0);
});

test("[LIFECYCLE] editing Required shows how many clients and live grants the change reaches", async ({
  page,
  request,
}) => {
  const api = await createApi(request);
  const scope = uniqueName("reach");
  await createScope(request, api.id, { name: scope });
  await machineClient(request, [scope]);
  await machineClient(request, [scope]);
  await openScopesTab(page, api.id);
  await scopeRow(page, scope).getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "API Scope" });
  await expect(dialog.getByText("This change reaches")).toHaveCount(0);
  await dialog.getByLabel("Required").check();
  await expect(dialog.getByText("This change reaches 2 clients and 0 live grants.")).toBeVisible();
});

test("[LIFECYCLE] Review access removes the scopes a client was not granted lately", async ({ page, request }) => {
  const api = await createApi(request);
  const [used, idle, spare] = [uniqueName("used"), uniqueName("idle"), uniqueName("spare")];
  for (const name of [used, idle, spare]) await createScope(request, api.id, { name });
  const client = await machineClient(request, [used, idle, spare], uniqueName("Reviewed job"));
  await clientCredentials(request, client, used);

  await page.goto(`/clients?q=${client.name}`);
  const row = page.getByRole("table", { name: "Clients" }).getByRole("row").filter({ hasText: client.name });
  // Until the token's count is flushed all three are unused; then two.
  await expect(async () => {
    await page.reload();
    await expect(row.getByRole("cell").nth(4)).toHaveText("2", { timeout: USAGE_FLUSH_MS });
  }).toPass({ timeout: 2 * USAGE_TIMEOUT_MS });

  await row.getByRole("button", { name: "Review access" }).click();
  const dialog = page.getByRole("dialog", { name: "Review access" });
  await expect(dialog.getByRole("checkbox")).toHaveCount(2);
  await expect(dialog.getByRole("checkbox", { name: used })).toHaveCount(0);
  const remove = dialog.getByRole("button", { name: "Remove selected" });
  await expect(remove).toBeDisabled();
  await dialog.getByRole("checkbox", { name: idle }).check();
  await remove.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Removed 1 scope from "${client.name}".` })).toBeVisible();
  await expect(row.getByRole("cell").nth(4)).toHaveText("1");

  const saved = await (await request.get(`/api/clients/${client.id}`)).json();
  expect(saved.allowedScopes).toEqual([spare, used].sort());
});

test("[LIFECYCLE] deprecating through the API Scope dialog marks the row and lists it on Deprecations", async ({
  page,
  request,
}) => {
  const api = await createApi(request);
  const [old, replacement] = [uniqueName("old_reports"), uniqueName("reports_v2")];
  await createScope(request, api.id, { name: old });
  await createScope(request, api.id, { name: replacement });

  await openScopesTab(page, api.id);
  await scopeRow(page, old).getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "API Scope" });
  await dialog.getByLabel("Lifecycle").selectOption("deprecated");
  await dialog.getByLabel("Sunset").fill("2030-01-31T12:00");
  await dialog.getByLabel("Replaced by").fill(replacement);
  await dialog.getByLabel("Deprecation note").fill("Move to v2 before the sunset.");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const status = scopeRow(page, old).getByRole("cell").nth(6);
  await expect(status).toContainText("Deprecated");
  await expect(status).toContainText("Sunset Jan 31, 2030");
  await expect(scopeRow(page, replacement).getByRole("cell").nth(6)).toHaveText("Active");
  await page.getByLabel("Lifecycle").selectOption("deprecated");
  await expect(scopeRow(page, replacement)).toHaveCount(0);
  await expect(scopeRow(page, old)).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deprecations" }).click();
  const row = page.getByRole("table", { name: "Deprecated scopes" }).getByRole("row").filter({ hasText: old });
  await expect(row).toContainText(replacement);
  await expect(row).toContainText("Move to v2 before the sunset.");
  await expect(row).toContainText("No client");
});

test("[LIFECYCLE] the consent page says a scope is deprecated and names its replacement", async ({
  page,
  request,
  baseURL,
  context,
}) => {
  const api = await createApi(request);
  const [old, replacement] = [uniqueName("legacy_read"), uniqueName("read_v2")];
  await createScope(request, api.id, { name: replacement, displayName: "Read v2" });
  await createScope(request, api.id, {
    name: old,
    displayName: "Legacy read",
    lifecycle: "deprecated",
    sunsetAt: "2030-01-31T00:00:00Z",
    replacedBy: replacement,
  });
  const redirectUri = `${baseURL}/e2e-callback`;
  const created = await request.post("/api/clients", {
    data: {
      name: uniqueName("Legacy app"),
      type: "confidential",
      redirectUris: [redirectUri],
      allowedScopes: ["openid", old, replacement],
      allowedGrantTypes: ["authorization_code"],
    },
  });
  expect(created.status()).toBe(201);
  const { clientId } = await created.json();

  await context.clearCookies();
  const query = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: `openid ${old}`,
    state: "s",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  });
  await page.goto(`/oauth/authorize?${query}`);
  await page.getByLabel("Email").fill(E2E_USER.email);
  await page.getByLabel("Password").fill(E2E_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const scope = page.getByRole("checkbox", { name: /Legacy read/ });
  await expect(scope).toHaveAccessibleDescription(
    /This permission is deprecated\. It stops working on January 31, 2030/,
  );
  await expect(page.getByText("It is replaced by Read v2.")).toBeVisible();
});

test("[LIFECYCLE] retiring a deprecated scope through the dialog leaves it visible and read-only", async ({
  page,
  request,
}) => {
  const api = await createApi(request);
  const scope = uniqueName("to_retire");
  await createScope(request, api.id, { name: scope, lifecycle: "deprecated", sunsetAt: "2030-01-31T00:00:00Z" });

  await openScopesTab(page, api.id);
  await scopeRow(page, scope).getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "API Scope" });
  await expect(dialog.getByLabel("Sunset")).not.toHaveValue("");
  await dialog.getByLabel("Lifecycle").selectOption("retired");
  await expect(dialog.getByText("Retiring is one way")).toBeVisible();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  await expect(scopeRow(page, scope).getByRole("cell").nth(6)).toHaveText("Retired");
  await scopeRow(page, scope).getByRole("button", { name: "View" }).click();
  const view = page.getByRole("dialog", { name: "API Scope (retired)" });
  await expect(view.getByText("This scope is retired")).toBeVisible();
  await expect(view.getByLabel("Display Name")).toBeDisabled();
  await expect(view.getByRole("button", { name: "Save" })).toHaveCount(0);
  await view.getByRole("button", { name: "Close" }).click();
  await expect(view).toBeHidden();
});
