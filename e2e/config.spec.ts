// Import / export: a document that lists one API of the test's own (without prune, the rest of
// the console, which the specs beside it change all the time, is left alone and does not make
// the plan stale), planned field by field and applied; the download is the whole export.
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { uniqueName } from "./support";

test("[CONFIG] Import / export: a document is planned field by field and applied; the download is the export", async ({
  page,
  request,
}) => {
  const api = uniqueName("configured");
  const scope = `${api}_read`;
  const documentWith = (lifetime: string) =>
    `apis:\n  - name: ${api}\n    displayName: Configured\n    scopes:\n      - name: ${scope}\n        accessTokenLifetime: ${lifetime}\n`;

  await page.goto("/config");
  await expect(page.getByRole("heading", { level: 1, name: "Import / export" })).toBeVisible();
  const documentField = page.getByLabel("Document");
  const plan = page.getByRole("list", { name: "Planned changes" });
  // The changes, not the fields listed inside each.
  const changes = plan.locator(":scope > li");

  await documentField.fill(documentWith("5 min"));
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(changes).toHaveText([`Create API ${api}`, `Create Scope ${scope}`].map((t) => new RegExp(t)));
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("alertdialog", { name: "Apply the plan" }).getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toContainText("Applied 2 changes.");

  await documentField.fill(documentWith("1 h"));
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(changes).toHaveCount(1);
  await expect(changes).toContainText(`Update Scope ${scope}`);
  await expect(changes).toContainText("Access token lifetime: 5 min → 1 h");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("alertdialog", { name: "Apply the plan" }).getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toContainText("Applied 1 change.");
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByText("Nothing to change")).toBeVisible();

  // A document that does not parse says so.
  await documentField.fill("apis: [unclosed");
  await page.getByRole("button", { name: "Plan" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not valid YAML" })).toBeVisible();

  // The download link is the export, which holds what was applied.
  await expect(page.getByRole("link", { name: "Download configuration" })).toHaveAttribute("href", "/api/config");
  const exported = await request.get("/api/config");
  expect(exported.headers()["content-type"]).toMatch(/^application\/yaml/);
  const listed = parse(await exported.text()).apis.find((entry: { name: string }) => entry.name === api);
  expect(listed.scopes).toEqual([expect.objectContaining({ name: scope, accessTokenLifetime: 3_600 })]);
});
