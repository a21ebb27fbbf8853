// Accounts and roles as people meet them: signing in and out, an admin adding a service owner who
// then sees only their API, disabling them, and the audit log and edit conflicts along the way.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { createApi, createScope, openScopesTab, scopeRow, signInOnPage, uniqueName } from "./support";
import { E2E_USER, SIGNED_OUT } from "./user";

const PASSWORD = "a service owner's password";

async function signedOutPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT, baseURL });
  return context.newPage();
}

const signIn = (page: Page, email: string, password: string) => signInOnPage(page, { email, password });

test("[ACCOUNTS] sign in, back to the page asked for; sign out ends the session on the server", async ({
  browser,
  baseURL,
}) => {
  const page = await signedOutPage(browser, baseURL);
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fclients$/);
  await signIn(page, E2E_USER.email, "not the password at all");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The email or password is incorrect.");

  await signIn(page, E2E_USER.email, E2E_USER.password);
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole("banner")).toContainText(`${E2E_USER.email} (Admin)`);
  const cookie = (await page.context().cookies()).find((entry) => entry.name === "scope_console_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // The old cookie, replayed, opens nothing: the session row is gone.
  const replayed = await page.request.get("/api/apis", {
    headers: { cookie: `scope_console_session=${cookie?.value}` },
  });
  expect(replayed.status()).toBe(401);
  await page.goto("/apis");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fapis$/);
  await page.context().close();
});

test("[ACCOUNTS] an admin adds a service owner, who manages only their API's scopes, then disables them", async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  // Three argon2id sign-ins and eight page loads in two browsers: on a busy 2-core machine it can
  // pass the default 30 s.
  test.setTimeout(90_000);
  const mine = await createApi(request, "Owner's API");
  const other = await createApi(request, "Someone else's API");
  await createScope(request, mine.id, { name: uniqueName("owned"), accessTokenLifetime: "10 min" });
  const email = `${uniqueName("owner")}@example.com`;

  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "User" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Password").fill(PASSWORD);
  await dialog.getByLabel("Role").selectOption({ label: "Service owner" });
  await dialog.getByRole("checkbox", { name: new RegExp(mine.name) }).check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel("Search users").fill(email);
  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Service owner");
  await expect(row).toContainText(mine.name);

  const owner = await signedOutPage(browser, baseURL);
  await owner.goto("/apis");
  await signIn(owner, email, PASSWORD);
  const apis = owner.getByRole("table", { name: "APIs" });
  await expect(apis.getByRole("link", { name: mine.name })).toBeVisible();
  await expect(apis.getByRole("link", { name: other.name })).toHaveCount(0);
  await expect(owner.getByRole("button", { name: "Add API" })).toHaveCount(0);
  const nav = owner.getByRole("navigation", { name: "Main" });
  for (const adminOnly of ["Users", "Audit log", "Settings", "Import / export"]) {
    await expect(nav.getByRole("link", { name: adminOnly })).toHaveCount(0);
  }
  // No client uses only their API's scopes yet: the empty list says so.
  await owner.goto("/clients");
  await expect(owner.getByText("None of the clients use only your APIs' scopes.")).toBeVisible();
  // An admin-only page reached by its address shows why, and none of its buttons.
  await owner.goto("/users");
  await expect(owner.getByRole("main").getByRole("alert")).toHaveText("Only an admin can manage users.");
  await expect(owner.getByRole("button", { name: "Add user" })).toHaveCount(0);

  // Scopes: added and edited; lifetimes shown, read-only.
  await openScopesTab(owner, mine.id);
  await owner.getByRole("button", { name: "Add Scope" }).click();
  const scopeDialog = owner.getByRole("dialog", { name: "API Scope" });
  const added = uniqueName("by_owner");
  await scopeDialog.getByLabel("Name", { exact: true }).fill(added);
  const lifetime = scopeDialog.getByLabel("Access token lifetime");
  await expect(lifetime).toHaveAttribute("readonly", "");
  await expect(lifetime).toHaveAccessibleDescription(/Only an admin can change token lifetimes\./);
  await scopeDialog.getByRole("button", { name: "Save" }).click();
  await expect(scopeRow(owner, added)).toBeVisible();

  // Another API's screen and the Settings page: nothing to change.
  await owner.goto(`/apis/${other.id}`);
  await expect(owner.getByRole("main").getByRole("alert")).toContainText("You do not manage this API.");
  await owner.goto("/settings");
  await expect(owner.getByText("Only an admin can change the service settings.")).toBeVisible();
  await expect(owner.getByRole("button", { name: "Save" })).toHaveCount(0);

  // Disabled: the owner's next request sends them to the sign-in page, where they cannot sign in.
  // Disabling asks first, naming the user and what ends.
  await row.getByRole("button", { name: "Disable" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Disable user" });
  await expect(confirm).toContainText(email);
  await expect(confirm).toContainText("sessions end");
  await confirm.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");
  await owner.goto("/apis");
  await expect(owner).toHaveURL(/\/sign-in/);
  await signIn(owner, email, PASSWORD);
  await expect(owner.getByRole("main").getByRole("alert")).toHaveText("The email or password is incorrect.");
  await owner.context().close();
});

test("[ACCOUNTS] an account that may only authorize applications gets no console session, and is told why", async ({
  browser,
  baseURL,
  request,
}) => {
  const email = `${uniqueName("user")}@example.com`;
  expect((await request.post("/api/users", { data: { email, password: PASSWORD, role: "user" } })).status()).toBe(201);
  const page = await signedOutPage(browser, baseURL);
  await page.goto("/sign-in");
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "This account can only sign in to applications; it has no access to the console.",
  );
  await page.context().close();
});

test("[AUDIT] saving over someone else's newer change is refused in the dialog; the audit log shows who changed what", async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  const api = await createApi(request);
  const name = uniqueName("contested");
  await createScope(request, api.id, { name, displayName: "Original" });

  // A second tab of the same admin opens the same scope, then the first one saves.
  const second = await (
    await browser.newContext({ baseURL, storageState: await page.context().storageState() })
  ).newPage();
  for (const tab of [page, second]) {
    await openScopesTab(tab, api.id);
    await scopeRow(tab, name).getByRole("button", { name: "Edit" }).click();
  }
  const first = page.getByRole("dialog", { name: "API Scope" });
  await first.getByLabel("Display Name").fill("First edit");
  await first.getByRole("button", { name: "Save" }).click();
  await expect(first).toBeHidden();

  const stale = second.getByRole("dialog", { name: "API Scope" });
  await stale.getByLabel("Display Name").fill("Second edit");
  await stale.getByRole("button", { name: "Save" }).click();
  await expect(stale.getByRole("alert")).toContainText(
    "The scope was changed by someone else since you opened it. Reload to see their change",
  );
  await second.context().close();
  await expect(scopeRow(page, name)).toContainText("First edit");

  await page.goto("/audit");
  await page.getByLabel("Resource").selectOption({ label: "Scope" });
  await page.getByLabel("Actor").fill(E2E_USER.email);
  await page.getByRole("button", { name: "Filter" }).click();
  const event = page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: name }).first();
  await expect(event).toContainText("update");
  await expect(event).toContainText('Display Name: "Original" → "First edit"');
  await expect(event).toContainText(E2E_USER.email);
});

test("[AUDIT] changes read as field labels and human values; the JSON API takes lifetimes as people type them", async ({
  page,
  request,
}) => {
  const startedAt = new Date(Date.now() - 1000).toISOString();
  const api = await createApi(request);
  const name = uniqueName("audited");
  const scope = await createScope(request, api.id, { name, accessTokenLifetime: 90 });
  const changed = await request.patch(`/api/apis/${api.id}/scopes/${scope.id}`, {
    data: { accessTokenLifetime: "1.5 h", refreshTokenLifetime: "P2W", required: true, version: scope.version },
  });
  expect(changed.status()).toBe(200);
  expect(await changed.json()).toMatchObject({ accessTokenLifetime: 5_400, refreshTokenLifetime: 1_209_600 });

  await page.goto(`/audit?resourceType=scope&from=${encodeURIComponent(startedAt)}&pageSize=100`);
  const event = page
    .getByRole("table", { name: "Audit log" })
    .getByRole("row")
    .filter({ hasText: name })
    .filter({ hasText: "update" });
  await expect(event).toContainText("Access token lifetime: 1 min 30 s → 1 h 30 min");
  await expect(event).toContainText("Refresh token lifetime: Inherited → 14 d");
  await expect(event).toContainText("Required: No → Yes");
  await expect(event).not.toContainText("accessTokenLifetime");
});
