import { expect, test } from "@playwright/test";

test("the home page renders the cache overview", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/ERP cache dashboard/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  // Every entity is listed, read from the database the server started itself.
  for (const label of ["Sales invoices", "Warehouse movements", "Stock", "Products"]) {
    await expect(page.getByRole("cell", { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByText("No data is cached yet")).toBeVisible();
  await page.screenshot({ path: "test-results/home.png", fullPage: true });
});
