// Markup in names, display names and descriptions is text wherever the console or the
// authorization pages show it: visible as typed, never run (no dialog, no window.__xss).
import { expect, type Page, test } from "@playwright/test";
import * as oauth from "openid-client";
import { apiRow, openScopesTab, scopeRow, uniqueName } from "./support";
import { E2E_USER } from "./user";

const SCRIPT = "<script>window.__xss=1</script>";
const IMG = '<img src=x onerror="window.__xss=1">';
const SVG = '"><svg onload=window.__xss=1>';
const ALERT = "<img src=x onerror=alert(document.domain)>";

/** Watches a page for anything a payload would do if it ran. */
function watch(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return async (where: string) => {
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), where).toBeUndefined();
    expect(dialogs, where).toEqual([]);
  };
}

test("[XSS] markup in names, display names and descriptions renders as text on every page that shows them", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const startedAt = new Date(Date.now() - 1000).toISOString();
  const inert = watch(page);
  const suffix = uniqueName("xss");
  // Names are scope tokens (no spaces or quotes): markup without them fits.
  const api = {
    name: `${SCRIPT}${suffix}`,
    displayName: `${IMG} ${suffix}`,
    description: `${SVG} ${SCRIPT} ${ALERT}`,
  };
  const scope = {
    name: `<img/src=x/onerror=window.__xss=1>${suffix}`,
    displayName: `${SVG} Read ${suffix}`,
    description: `${IMG} ${SCRIPT} ${ALERT}`,
    emphasize: true,
  };
  const clientName = `${SVG} ${SCRIPT} ${IMG} ${suffix}`;

  const createdApi = await request.post("/api/apis", { data: api });
  expect(createdApi.status()).toBe(201);
  const apiId = (await createdApi.json()).id;
  expect((await request.post(`/api/apis/${apiId}/scopes`, { data: scope })).status()).toBe(201);
  const redirectUri = `${baseURL}/e2e-callback`;
  const createdClient = await request.post("/api/clients", {
    data: {
      name: clientName,
      type: "confidential",
      redirectUris: [redirectUri],
      allowedScopes: [scope.name],
      allowedGrantTypes: ["authorization_code", "client_credentials"],
    },
  });
  expect(createdClient.status()).toBe(201);
  const client = await createdClient.json();

  // APIs list, and the delete confirmation that names the API.
  await page.goto("/apis");
  await page.getByLabel("Search APIs").fill(suffix);
  const row = apiRow(page, api.name);
  await expect(row).toContainText(api.displayName);
  await expect(row).toContainText(api.description);
  await row.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete API" });
  await expect(confirm).toContainText(`Delete the API ${api.name} and its 1 scope?`);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await inert("APIs");

  // Edit API: the heading, the breadcrumb and the Settings form.
  await page.goto(`/apis/${apiId}?tab=settings`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit API: ${api.displayName}`);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText(api.name);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(api.name);
  await expect(page.getByLabel("Display Name")).toHaveValue(api.displayName);
  await expect(page.getByLabel("Description")).toHaveValue(api.description);
  await inert("Edit API settings");

  // The Scopes tab, the scope dialog and the scope's delete confirmation.
  await openScopesTab(page, apiId);
  const cells = scopeRow(page, scope.name).getByRole("cell");
  await expect(cells.nth(1)).toHaveText(scope.displayName);
  await expect(cells.nth(2)).toHaveText(scope.description);
  await scopeRow(page, scope.name).getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "API Scope" });
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue(scope.name);
  await expect(dialog.getByLabel("Display Name")).toHaveValue(scope.displayName);
  await expect(dialog.getByLabel("Description")).toHaveValue(scope.description);
  await dialog.getByRole("button", { name: "Close" }).click();
  await scopeRow(page, scope.name).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("alertdialog", { name: "Delete scope" })).toContainText(scope.name);
  await page.getByRole("alertdialog", { name: "Delete scope" }).getByRole("button", { name: "Cancel" }).click();
  await inert("Scopes tab");

  // Clients: the table, the client dialog and the delete confirmation.
  await page.goto("/clients");
  await page.getByLabel("Search clients").fill(suffix);
  const clientRow = page
    .getByRole("table", { name: "Clients" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: clientName, exact: true }) });
  await expect(clientRow).toContainText(client.clientId);
  await clientRow.getByRole("button", { name: "Edit" }).click();
  const clientDialog = page.getByRole("dialog", { name: "Client" });
  await expect(clientDialog.getByLabel("Name")).toHaveValue(clientName);
  const chosen = clientDialog.getByRole("list", { name: "Chosen scopes" }).getByRole("listitem");
  await expect(chosen).toHaveCount(1);
  await expect(chosen).toContainText(scope.name);
  await clientDialog.getByRole("button", { name: "Close" }).click();
  await clientRow.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("alertdialog", { name: "Delete client" })).toContainText(clientName);
  await page.getByRole("alertdialog", { name: "Delete client" }).getByRole("button", { name: "Cancel" }).click();
  await inert("Clients");

  // Audit log: the three creations, each with the values it recorded.
  // Only this test's time, a page large enough for its events among those of the tests beside it.
  await page.goto(`/audit?from=${encodeURIComponent(startedAt)}&pageSize=100`);
  const auditRow = (resource: string) =>
    page
      .getByRole("table", { name: "Audit log" })
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: resource, exact: true }) });
  const apiEvent = auditRow(`API ${api.name}`);
  await expect(apiEvent).toContainText(`Display Name: "${api.displayName}"`);
  await expect(apiEvent).toContainText(`Description: "${api.description}"`);
  const scopeEvent = auditRow(`Scope ${scope.name}`);
  await expect(scopeEvent).toContainText(`Display Name: "${scope.displayName}"`);
  await expect(scopeEvent).toContainText(`Description: "${scope.description}"`);
  await expect(auditRow(`Client ${clientName}`)).toContainText(`Name: "${clientName}"`);
  await inert("Audit log");

  // Token preview with that client and scope: granted scopes, consent screen, explanation.
  await page.goto("/token-preview");
  await page.getByLabel("Scopes").fill(scope.name);
  await page.getByLabel("Client ID").fill(client.clientId);
  await page.getByRole("button", { name: "Preview" }).click();
  const result = page.getByRole("region", { name: "Preview result" });
  await expect(result).toContainText(scope.name);
  const consentItem = result.getByRole("list", { name: "Consent screen" }).getByRole("listitem");
  await expect(consentItem).toContainText(scope.displayName);
  await expect(consentItem).toContainText(scope.description);
  await expect(result.getByRole("figure", { name: "What the user sees" })).toContainText(`${clientName} wants access`);
  await inert("Token preview");

  // The authorization pages: sign-in names the client, consent shows the scope.
  await page.context().clearCookies();
  const config = await oauth.discovery(
    new URL(baseURL as string),
    client.clientId,
    undefined,
    oauth.ClientSecretBasic(client.clientSecret),
    { execute: [oauth.allowInsecureRequests] },
  );
  const authorizationUrl = oauth.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: scope.name,
    code_challenge: await oauth.calculatePKCECodeChallenge(oauth.randomPKCECodeVerifier()),
    code_challenge_method: "S256",
    state: oauth.randomState(),
  });
  await page.goto(authorizationUrl.href);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText(`to continue to ${clientName}`)).toBeVisible();
  await inert("Sign-in page");
  await page.getByLabel("Email").fill(E2E_USER.email);
  await page.getByLabel("Password").fill(E2E_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${clientName} wants access`);
  const requested = page.getByRole("checkbox", { name: scope.displayName });
  await expect(requested).toBeChecked();
  await expect(requested).toHaveAccessibleDescription(scope.description);
  await inert("Consent page");
  await page.getByRole("button", { name: "Deny" }).click();
  await page.waitForURL((url) => url.pathname === "/e2e-callback");
  await inert("Back at the client");
});
