import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";

/**
 * The Sales view against the app in inline mode with the simulator, from an
 * empty cache: data arrives live, controls drive the URL, products compare,
 * the CSV is the table, and a product name with a script tag stays text.
 */

const RANGE = "from=2023-01-01&to=2023-03-31";
const SCRIPT_NAME = "<script>alert(1)</script>";

test.describe.configure({ mode: "serial" });

/** Errors the page logs (a hydration mismatch, a failed render…) and failed requests: there should be none. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    // Reported with its URL below; the app has no favicon, which is not this view's concern.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

const badge = (page: Page) => page.getByTestId("freshness-badge");
const table = (page: Page) => page.getByTestId("sales-table");

test("a never-cached range says it is loading, then fills in without a reload", async ({ page }) => {
  test.setTimeout(180_000); // the first request also compiles the page in `next dev`
  const errors = consoleErrors(page);
  const response = await page.goto(`/sales?${RANGE}&granularity=month&metric=gross`);
  expect(response?.status()).toBe(200);
  // What the server rendered, before any live update could change it.
  const html = await response!.text();
  expect(html).toContain('data-state="never"');
  expect(html).toContain("loading from the ERP…");
  expect(html).toContain("Not cached yet – loading from the ERP…");

  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  await expect(table(page)).toBeVisible({ timeout: 60_000 });
  await expect(badge(page)).not.toHaveAttribute("data-state", "never");
  await expect(table(page).locator("tbody tr")).toHaveCount(3);
  await expect(table(page).locator("tbody td").first()).not.toHaveAttribute("data-value", "");
  expect(await page.evaluate(() => (window as Window & { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  expect(errors).toEqual([]);
});

test("metric, chart type and granularity change the URL, the chart and the table", async ({ page }) => {
  await page.goto(`/sales?${RANGE}`);
  await expect(table(page)).toBeVisible({ timeout: 60_000 });

  await page.getByLabel("Metric").selectOption("net");
  await expect(page).toHaveURL(/metric=net/);
  await expect(table(page).locator("caption")).toContainText("Net value");

  // The controls follow the URL, which Next updates in a transition: click, then expect.
  await page.getByRole("radio", { name: "Lines" }).click();
  await expect(page.getByRole("radio", { name: "Lines" })).toBeChecked();
  await expect(page).toHaveURL(/chart=line/);
  await expect(page.locator(".recharts-line-curve").first()).toBeVisible();

  await page.getByRole("radio", { name: "Week" }).click();
  await expect(page).toHaveURL(/granularity=week/);
  // 2023-01-01 is a Sunday: its week starts on 26 December; the last starts on 27 March.
  await expect(table(page).locator("tbody tr")).toHaveCount(14);
  await expect(table(page).locator("tbody th").first()).toHaveText("2022-12-26");
  await expect(table(page).locator("tbody th").last()).toHaveText("2023-03-27");

  // Back undoes a change, like any link.
  await page.goBack();
  await expect(page).toHaveURL(/granularity=month/);
  await expect(table(page).locator("tbody tr")).toHaveCount(3);
});

test("two products from the keyboard, the previous year, and a CSV equal to the table", async ({ page }) => {
  test.setTimeout(150_000);
  // Any dialog at all would mean a product name ran as script.
  const errors = consoleErrors(page);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`/sales?${RANGE}&granularity=month`);
  const picker = page.getByRole("combobox", { name: /Products/ });

  // The product list is synced in the background since the first visit; the search waits for it.
  await picker.fill("C10050");
  const scriptOption = page.getByRole("option", { name: /C10050/ });
  await expect(scriptOption).toBeVisible({ timeout: 60_000 });
  await expect(scriptOption).toContainText(SCRIPT_NAME);
  await picker.press("ArrowDown");
  await expect(scriptOption).toHaveAttribute("aria-selected", "true");
  await picker.press("Enter");
  await expect(page).toHaveURL(/sku=C10050/);

  await picker.pressSequentially("kávé");
  await expect(page.getByRole("option").nth(1)).toContainText(/kávé/i, { timeout: 20_000 });
  const second = (await page.getByRole("option").nth(1).locator("span").first().textContent())!;
  await picker.press("ArrowDown");
  await picker.press("ArrowDown");
  await picker.press("Enter");
  await expect(page).toHaveURL(new RegExp(`sku=C10050&sku=${second}`));

  const chips = page.getByRole("list", { name: "Selected products" });
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await expect(chips).toContainText(SCRIPT_NAME);
  await expect(page.locator(".recharts-legend-item-text").filter({ hasText: SCRIPT_NAME })).toBeVisible({ timeout: 30_000 });
  await expect(table(page).locator("thead th")).toHaveCount(3);

  await page.getByLabel("Compare with the previous year").click();
  await expect(page.getByLabel("Compare with the previous year")).toBeChecked();
  await expect(page).toHaveURL(/compare=yoy/);
  await expect(table(page).locator("thead th")).toHaveCount(5);
  await expect(table(page).locator("thead th").nth(2)).toContainText("previous year");
  // The previous year's months were never cached: they arrive live too.
  await expect(table(page).locator("tfoot td").nth(1)).not.toHaveAttribute("data-value", "", { timeout: 60_000 });
  await expect(page.locator(".recharts-legend-item-text").filter({ hasText: "previous year" })).toHaveCount(2);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("sales_2023-01-01_2023-03-31_gross_month.csv");
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(parseCsv(bytes.toString("utf8").slice(1))).toEqual(await tableAsCsvRows(page));

  // Outside test-results/, which every Playwright run empties (parallel runs share this checkout).
  await page.screenshot({ path: "e2e/artifacts/sales.png", fullPage: true });
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test("a malformed link explains itself and offers a reset", async ({ page }) => {
  await page.goto("/sales?from=2023-02-30&to=2023-03-31");
  const problem = page.getByRole("alert").filter({ hasText: "cannot use" });
  await expect(problem).toContainText("from is not a real calendar day");
  await page.getByRole("link", { name: "Reset the filters" }).click();
  await expect(page).toHaveURL(/\/sales$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sales" })).toBeVisible();
});

/** What the CSV should hold: the table's headers, its period labels and exact values (decimal comma). */
async function tableAsCsvRows(page: Page): Promise<string[][]> {
  return table(page).evaluate((element) => {
    const exact = (cell: Element) => (cell.getAttribute("data-value") ?? "").replace(".", ",");
    const header = [...element.querySelectorAll("thead th")].map((cell) => cell.textContent ?? "");
    const rows = [...element.querySelectorAll("tbody tr, tfoot tr")].map((row) => [row.querySelector("th")?.textContent ?? "", ...[...row.querySelectorAll("td")].map(exact)]);
    return [header, ...rows];
  });
}

/** A small RFC 4180 reader (`;` separated, CRLF line ends, "" for a quote inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ";") {
      row.push(field);
      field = "";
    } else if (!quoted && char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += char;
    }
  }
  return rows;
}
