// Import / export on a console of the test's own (an export is the whole configuration, which the
// specs beside it change all the time): download, change the document, plan, apply.
import { expect, test } from "@playwright/test";
import { parse, stringify } from "yaml";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { type ConsoleProcess, freePort, signedIn, startConsole, temporaryDataDir } from "./console-process";
import { E2E_USER, SIGNED_OUT } from "./user";

test.use({ storageState: SIGNED_OUT });

test("[CONFIG] Import / export: the downloaded document, changed, is planned field by field and applied", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const { dataDir, remove } = temporaryDataDir();
  let database: TestDatabase | undefined;
  if (testInfo.project.name.startsWith("postgres")) database = await createTestDatabase(process.env.TEST_DATABASE_URL);
  let app: ConsoleProcess | undefined;
  try {
    app = await startConsole({ port: await freePort(), dataDir, databaseUrl: database?.url });
    const api = await signedIn(app.url);

    await page.goto(`${app.url}/sign-in?next=/config`);
    await page.getByLabel("Email").fill(E2E_USER.email);
    await page.getByLabel("Password").fill(E2E_USER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import / export" })).toBeVisible();

    // The download is the export of GET /api/config.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download configuration" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("scope-console.yaml");
    const text = await (await api.get("/api/config")).text();
    const document = parse(text);
    const invoices = document.apis.find((entry: { name: string }) => entry.name === "invoices");
    invoices.scopes.find((scope: { name: string }) => scope.name === "read_invoices").accessTokenLifetime = "5 min";
    invoices.scopes.push({ name: "export_invoices", displayName: "Export invoices" });

    await page.getByLabel("Document").fill(stringify(document));
    await page.getByRole("button", { name: "Plan" }).click();
    const plan = page.getByRole("list", { name: "Planned changes" });
    await expect(plan.getByRole("listitem")).toHaveCount(2);
    await expect(plan.getByRole("listitem").first()).toContainText("Update Scope read_invoices");
    await expect(plan.getByRole("listitem").first()).toContainText("Access token lifetime: Inherited → 5 min");
    await expect(plan.getByRole("listitem").nth(1)).toContainText("Create Scope export_invoices");

    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("alertdialog", { name: "Apply the plan" }).getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("status")).toContainText("Applied 2 changes.");
    const scopes = await (await api.get(`/api/scopes?q=invoices`)).json();
    expect(scopes.items.map((scope: { name: string }) => scope.name)).toEqual(
      expect.arrayContaining(["export_invoices", "read_invoices"]),
    );

    // Planned again, the same document changes nothing.
    await page.getByRole("button", { name: "Plan" }).click();
    await expect(page.getByText("Nothing to change")).toBeVisible();
  } finally {
    await app?.kill("SIGTERM");
    await database?.drop();
    remove();
  }
});
