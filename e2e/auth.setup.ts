import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE, E2E_ADMIN } from "./credentials";

// Signs in once through the real form; every other project starts from this state. It lands on
// /admin/users, not the overview: the dashboard specs expect a cache nothing has asked for yet.
setup("sign in as the e2e admin", async ({ page }) => {
  await page.goto("/sign-in?next=/admin/users");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/admin/users");
  await expect(page.getByTestId("user-email")).toHaveText(E2E_ADMIN.email);
  await page.context().storageState({ path: ADMIN_STATE });
});
