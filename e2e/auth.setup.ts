// Signs in as the test servers' admin through the console's sign-in page, once per server.
import { expect, test as setup } from "@playwright/test";
import { adminStorageState, E2E_USER } from "./user";

setup("sign in as the admin", async ({ page }) => {
  await page.goto("/apis");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fapis$/);
  await page.getByLabel("Email").fill(E2E_USER.email);
  await page.getByLabel("Password").fill(E2E_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "APIs" })).toBeVisible();
  await page.context().storageState({ path: adminStorageState(setup.info().project.name.replace(/ setup$/, "")) });
});
