import { expect, test, type Page } from "@playwright/test";
import { configureSimulator } from "./simulator";

/**
 * The hydration console as an admin uses it (the project's storage state is
 * the e2e admin): hydrate a range and watch the grid turn fresh live, cancel a
 * running hydration. Runs after the dashboard specs, which expect an empty cache.
 */
test.describe.configure({ mode: "serial" });

const cell = (page: Page, key: string) => page.locator(`[data-cell="${key}"]`);

async function hydrateRange(page: Page, { entity, from, to, force = false }: { entity: string; from: string; to: string; force?: boolean }) {
  const form = page.getByRole("form", { name: "Hydrate a range" });
  for (const name of ["Sales invoices", "Warehouse movements", "Stock", "Products"]) {
    const box = form.getByRole("checkbox", { name, exact: true });
    if ((await box.count()) > 0) await box.setChecked(name === entity);
  }
  await form.getByLabel("From month").fill(from);
  await form.getByLabel("To month").fill(to);
  await form.getByRole("checkbox", { name: /Force/ }).setChecked(force);
  await form.getByRole("button", { name: force ? "Re-sync range" : "Hydrate range" }).click();
}

test("an admin hydrates three months and watches the cells turn fresh without a reload", async ({ page }) => {
  await page.goto("/admin/hydration");
  await expect(page.getByRole("heading", { level: 1, name: "Hydration" })).toBeVisible();
  await expect(page.getByTestId("jobs-mode")).toHaveText(/inline/);
  await expect(page.getByText("live ·")).toBeVisible();
  for (const month of ["2019-01", "2019-02", "2019-03"]) await expect(cell(page, `kimeno_szamla/${month}`)).toHaveAttribute("data-state", "never");
  // Marks this document: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await hydrateRange(page, { entity: "Sales invoices", from: "2019-01", to: "2019-03" });
  await expect(page.getByTestId("console-message")).toHaveText("Hydration started: 3 partition(s) to sync, 0 already fresh.");
  for (const month of ["2019-01", "2019-02", "2019-03"]) {
    await expect(cell(page, `kimeno_szamla/${month}`)).toHaveAttribute("data-state", "closed");
    await expect(cell(page, `kimeno_szamla/${month}`)).toHaveText(/\d/); // the record count
  }
  await expect(cell(page, "kimeno_szamla/2019-04")).toHaveAttribute("data-state", "never");
  await expect(page.getByTestId("hydration").first()).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("hydration-cells").first()).toHaveText(/3 done of 3/);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await page.screenshot({ path: "e2e/artifacts/hydration.png", fullPage: false });

  // The runs are in the sync history, as hydrate-triggered successes.
  await page.goto("/admin/syncs?trigger=hydrate&entity=kimeno_szamla");
  await expect(page.getByRole("cell", { name: "2019-02" })).toBeVisible();
});

test("an admin cancels a running hydration: the months not yet started do not run", async ({ page }) => {
  // A slow ERP (4 s a page, 4 at a time) keeps the hydration in its first wave while the admin cancels.
  const simulator = await configureSimulator({ latencyMs: 4_000 });
  try {
    await page.goto("/admin/hydration");
    await expect(page.getByText("live ·")).toBeVisible();
    await hydrateRange(page, { entity: "Warehouse movements", from: "2017-01", to: "2017-12", force: true });
    await expect(page.getByTestId("console-message")).toHaveText(/Hydration started: 12 partition\(s\)/);
    const running = page.locator('[data-testid="hydration"][data-status="running"]');
    await expect(running).toBeVisible();
    await running.getByRole("button", { name: "Cancel this hydration" }).click();
    await expect(page.getByTestId("console-message")).toHaveText(/Hydration cancelled/);
    await expect(page.getByTestId("hydration").first()).toHaveAttribute("data-status", "cancelled");
    // At most the four months already under way (ERP concurrency 4) finish; the rest never start.
    await expect(page.getByTestId("running-syncs")).toHaveText("0", { timeout: 30_000 });
    await page.reload();
    const cancelled = page.getByTestId("hydration").first();
    await expect(cancelled).toHaveAttribute("data-status", "cancelled");
    const [, done] = /(\d+) done/.exec((await cancelled.getByTestId("hydration-cells").textContent()) ?? "") ?? [];
    expect(Number(done)).toBeLessThanOrEqual(8);
  } finally {
    await simulator.restore();
  }
});
