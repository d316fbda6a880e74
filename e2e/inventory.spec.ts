import { expect, test, type Page } from "@playwright/test";

// One page through the whole spec: the first visit fills the cache from the ERP,
// the later steps work on the cached snapshot.
test.describe.configure({ mode: "serial" });

const table = (page: Page) => page.getByTestId("inventory-table");
const bodyRows = (page: Page) => table(page).locator("tbody tr");
const totalsRow = (page: Page) => table(page).locator("tfoot tr");

/** Hungarian "1 234,5" (with narrow/non-breaking spaces) → 1234.5 */
function hungarianNumber(text: string): number {
  return Number(text.replace(/[\s\u00a0\u202f]/g, "").replace(",", "."));
}

async function columnValues(page: Page, column: number): Promise<number[]> {
  const cells = await bodyRows(page).locator(`td:nth-child(${column})`).allInnerTexts();
  return cells.map((text) => hungarianNumber(text.replace(/^(low|out)\s*/, "").replace(/\s*[a-zA-Z]+$/, "")));
}

test("stock: fills from the ERP live, then searches, sorts and filters", async ({ page }) => {
  page.on("dialog", () => {
    throw new Error("a script ran from product data");
  });

  const response = await page.goto("/inventory");
  await expect(page.getByRole("heading", { level: 1, name: "Stock" })).toBeVisible();
  // Empty cache: the server renders "loading from the ERP" (checked in its HTML, which no
  // live update can change), then the view fills in without a reload.
  const html = await response!.text();
  expect(html).toContain('data-state="never"');
  expect(html).toContain("Not cached yet – loading the stock from the ERP…");
  await expect(bodyRows(page)).toHaveCount(50, { timeout: 60_000 });
  await expect(totalsRow(page)).toContainText(/Total of 6\s?800 products/);

  // The warehouse chart: one bar per warehouse.
  await expect(page.getByTestId("warehouse-chart").locator(".recharts-bar-rectangle")).toHaveCount(6);

  // Search by name narrows the table (debounced, into the URL). Totals and rows come from one answer,
  // so once the totals change the rows are the search's.
  await page.getByLabel("Search by SKU or name").fill("trappista");
  await expect(page).toHaveURL(/q=trappista/);
  await expect(totalsRow(page)).not.toContainText(/6\s?800 products/);
  const names = await bodyRows(page).locator("td:nth-child(2)").allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  expect(names.length).toBeLessThan(50);
  for (const name of names) expect(name.toLowerCase()).toContain("trappista");

  // Sort by total: largest first, then the other way round (the previous rows stay while fetching: poll).
  const totalHeader = page.getByRole("columnheader", { name: "Total" });
  const isSorted = async (order: 1 | -1) => {
    const values = await columnValues(page, 9);
    return values.every((value, i) => i === 0 || (value - values[i - 1]!) * order >= 0);
  };
  await totalHeader.getByRole("button").click();
  await expect(totalHeader).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/sort=total&dir=desc/);
  await expect.poll(() => isSorted(-1)).toBe(true);
  const largest = (await columnValues(page, 9))[0]!;
  await totalHeader.getByRole("button").click();
  await expect(totalHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(page).not.toHaveURL(/dir=desc/); // ascending is the default: left out of the URL
  await expect.poll(() => isSorted(1)).toBe(true);
  expect((await columnValues(page, 9))[0]).toBeLessThan(largest);

  // Low-stock filter over all products: every total at or below the threshold.
  await page.getByLabel("Search by SKU or name").fill("");
  await expect(totalsRow(page)).toContainText(/Total of 6\s?800 products/);
  await page.getByText("Low (≤ 10)").click();
  await expect(page).toHaveURL(/low=low/);
  await expect(totalsRow(page)).not.toContainText(/6\s?800 products/);
  const lowTotals = await columnValues(page, 9);
  expect(lowTotals.length).toBeGreaterThan(0);
  for (const total of lowTotals) expect(total).toBeLessThanOrEqual(10);

  await page.screenshot({ path: "e2e/artifacts/inventory.png", fullPage: true });
});

test("stock: a product name with a script tag shows as text", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto("/inventory?q=C10050");
  const row = bodyRows(page).filter({ hasText: "C10050" });
  await expect(row).toHaveCount(1);
  await expect(row.locator("td").nth(1)).toContainText("<script>alert(1)</script>");
  expect(await page.locator("[data-testid=inventory-table] script").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("stock: a link with a bad parameter explains itself and resets", async ({ page }) => {
  await page.goto("/inventory?sort=price");
  await expect(page.getByRole("alert").filter({ hasText: "sort must be one of" })).toBeVisible();
  await page.getByRole("link", { name: "Reset the filters" }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  await expect(bodyRows(page)).toHaveCount(50);
});
