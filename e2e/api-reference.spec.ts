// The API reference page: the OpenAPI document rendered by Swagger UI, reached from the footer,
// working under the console's Content Security Policy, and fetching nothing from another origin.
import { expect, test } from "@playwright/test";
import { watchPolicy } from "./support";

test("[API REFERENCE] the footer leads to the reference, whose operations open, all from this origin", async ({
  page,
  baseURL,
}) => {
  const blocked = await watchPolicy(page);
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== baseURL && url.protocol !== "data:") elsewhere.push(request.url());
  });

  await page.goto("/apis");
  await page.getByRole("navigation", { name: "Footer" }).getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api-reference$/);
  await expect(page).toHaveTitle("API reference · Scope Console");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  const operations = page.getByRole("region", { name: "Operations" });
  await expect(operations.getByRole("heading", { name: /Scope Console API/ })).toBeVisible();
  const createApi = operations.getByRole("button", { name: /POST \/api\/apis Create an API/ });
  await createApi.click();
  await expect(createApi).toHaveAttribute("aria-expanded", "true");
  await expect(
    operations.getByText("Admins only. The name is the API's identity and cannot change later."),
  ).toBeVisible();
  // Swagger UI names each example by its summary in a list to choose from.
  await expect(
    operations.getByRole("option", { name: "An API whose tokens inherit the service's lifetimes" }),
  ).toBeAttached();
  await expect(operations.getByRole("button", { name: /POST \/api\/config\/plan/ })).toBeVisible();

  expect(blocked).toEqual([]);
  expect(elsewhere).toEqual([]);
});
