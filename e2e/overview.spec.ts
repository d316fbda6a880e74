import { expect, test } from "@playwright/test";

// The e2e app starts with an empty cache: the overview asks for its partitions
// and fills in live, without a reload.
test("the overview fills in from the ERP without a reload", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/ERP cache dashboard/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  const freshness = page.locator("#cache-status");
  for (const label of ["Sales invoices", "Warehouse movements", "Stock", "Products"]) {
    await expect(freshness.getByRole("cell", { name: label, exact: true })).toBeVisible();
  }

  // Revenue, top products, stock and movements arrive as the syncs finish.
  await expect(page.getByTestId("kpi-gross")).toContainText("Ft", { timeout: 60_000 });
  await expect(page.locator("#top-products tbody tr").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("out-of-stock")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("movements-in")).toBeVisible({ timeout: 60_000 });
  await expect(freshness.getByTestId("freshness-badge").filter({ hasText: /updated/ })).toHaveCount(4, { timeout: 60_000 });
  await page.screenshot({ path: "e2e/artifacts/overview.png", fullPage: true });
});
