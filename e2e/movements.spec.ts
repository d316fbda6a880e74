import { expect, test, type Page } from "@playwright/test";

test.describe.configure({ mode: "serial" });

const chartBars = (page: Page) => page.getByTestId("movement-chart").locator(".recharts-bar-rectangle");
const tableRows = (page: Page) => page.getByTestId("movement-table").locator("tbody tr");

test("movements: a never-cached range fills in live; granularity, presets and one product", async ({ page }) => {
  const response = await page.goto("/movements?from=2024-01-01&to=2024-03-31");
  await expect(page.getByRole("heading", { level: 1, name: "Movements" })).toBeVisible();
  // What the server rendered, before a live update could change it: three months of
  // movements can arrive from the ERP before the browser is asked what it shows.
  const html = await response!.text();
  expect(html).toContain('data-state="never"');
  expect(html).toContain("Not cached yet – loading from the ERP…");

  // The months arrive from the ERP and the chart draws itself, no reload.
  await expect(chartBars(page).first()).toBeVisible({ timeout: 60_000 });
  await expect(tableRows(page)).toHaveCount(3);
  await expect(page.getByTestId("movements-total-in")).not.toHaveText("0");
  await expect(page.getByTestId("freshness-badge")).toHaveAttribute("data-state", "fresh");

  // Weeks: 2024-01-01 is a Monday; the last week starts on 2024-03-25.
  await page.getByText("Weeks", { exact: true }).click();
  await expect(page).toHaveURL(/granularity=week/);
  await expect(tableRows(page)).toHaveCount(13);

  // One product: its chart, and its name (which carries a script tag) as text.
  await page.getByLabel("Product (SKU)").fill("C10050");
  await page.getByLabel("Product (SKU)").press("Enter");
  await expect(page).toHaveURL(/sku=C10050/);
  await expect(page.getByText("<script>alert(1)</script>")).toBeVisible({ timeout: 30_000 });
  await expect(chartBars(page).first()).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/movements.png", fullPage: true });

  // A preset sets both dates.
  await page.getByRole("button", { name: "Last year" }).click();
  await expect(page.getByLabel("From")).toHaveValue(/^\d{4}-01-01$/);
  await expect(page).toHaveURL(/from=\d{4}-01-01&to=\d{4}-12-31/);
  await page.getByRole("button", { name: "All products" }).click();
  await expect(page).not.toHaveURL(/sku=/);
});

test("movements: a reversed range in the link explains itself and resets", async ({ page }) => {
  await page.goto("/movements?from=2024-03-01&to=2024-01-01");
  await expect(page.getByRole("alert").filter({ hasText: "is before from" })).toBeVisible();
  await page.getByRole("link", { name: "Reset the filters" }).click();
  await expect(page).toHaveURL(/\/movements$/);
  await expect(page.getByRole("heading", { level: 1, name: "Movements" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Last 12 months" })).toHaveAttribute("aria-pressed", "true");
});
