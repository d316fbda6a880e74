import { describe, expect, it } from "vitest";
import { ENTITIES } from "@/lib/db";
import { normalizeDecimal, setupSyncHarness } from "@/test/sync-harness";
import { cancelHydration, hydrationProgress, startHydration } from "./hydrate";
import { HISTORY_START_MONTH, monthOf, monthRange } from "./partitions";

const h = setupSyncHarness();

describe("hydration", () => {
  it("fills all history (2016-06 → now) and every month equals the generator's totals, to the fillér", async () => {
    const context = h.inline({ concurrency: 4 });
    const to = monthOf(new Date());
    const started = performance.now();
    const { id, total } = await startHydration(context, { entities: [...ENTITIES], from: HISTORY_START_MONTH, to, force: false });
    const months = monthRange(HISTORY_START_MONTH, to);
    expect(total).toBe(months.length * 2 + 2);
    await context.queue.idle();
    const seconds = (performance.now() - started) / 1000;

    const progress = await hydrationProgress(h.database.pool, id);
    expect(progress).toMatchObject({ status: "done", total, done: total, failed: 0 });
    console.log(`[hydration] ${total} partitions, ${progress!.pages} pages, ${progress!.records} records in ${seconds.toFixed(1)} s (simulator latency 0)`);

    const invoices = await h.database.pool.query<{ month: string; lines: number; net: string; gross: string }>(
      `select to_char(fulfillment_date, 'YYYY-MM') as month, count(*)::int as lines, sum(net_value)::text as net, sum(gross_value)::text as gross
         from sales_invoice_lines group by 1`,
    );
    const movements = await h.database.pool.query<{ month: string; lines: number; quantity: string }>(
      `select to_char(movement_date, 'YYYY-MM') as month, count(*)::int as lines, sum(quantity)::text as quantity from warehouse_movements group by 1`,
    );
    const invoicesByMonth = new Map(invoices.rows.map((r) => [r.month, r]));
    const movementsByMonth = new Map(movements.rows.map((r) => [r.month, r]));
    const mismatches: string[] = [];
    for (const month of months) {
      const expected = h.simulator.monthTotals("kimeno_szamla", month);
      const got = invoicesByMonth.get(month);
      const actual = { lines: got?.lines ?? 0, net: normalizeDecimal(got?.net ?? null), gross: normalizeDecimal(got?.gross ?? null) };
      const wanted = { lines: expected.lines, net: normalizeDecimal(expected.netValue), gross: normalizeDecimal(expected.grossValue) };
      if (JSON.stringify(actual) !== JSON.stringify(wanted)) mismatches.push(`invoices ${month}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(wanted)}`);
      const expectedMoves = h.simulator.monthTotals("raktari_mozgas", month);
      const moves = movementsByMonth.get(month);
      if ((moves?.lines ?? 0) !== expectedMoves.lines || normalizeDecimal(moves?.quantity ?? null) !== normalizeDecimal(expectedMoves.quantity)) {
        mismatches.push(`movements ${month}: ${moves?.lines ?? 0} lines ≠ ${expectedMoves.lines}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Nothing outside the history range.
    expect([...invoicesByMonth.keys()].every((m) => m >= HISTORY_START_MONTH && m <= to)).toBe(true);

    // A second hydration finds everything fresh and has nothing to do.
    const again = await startHydration(context, { entities: [...ENTITIES], from: HISTORY_START_MONTH, to, force: false });
    expect(again).toMatchObject({ total: 0, skippedFresh: total });
    expect(await hydrationProgress(h.database.pool, again.id)).toMatchObject({ status: "done" });
  }, 300_000);

  it("a cancelled hydration stops before its waiting months", async () => {
    h.simulator.update({ latencyMs: 100 });
    try {
      const context = h.inline({ concurrency: 2 });
      const { id, total } = await startHydration(context, { entities: ["kimeno_szamla"], from: "2016-06", to: "2016-12", force: true });
      expect(total).toBe(7);
      expect(await cancelHydration(context, id)).toBe(true);
      await context.queue.idle();
      const runs = await h.database.pool.query("select count(*)::int as n from sync_runs where trigger = 'hydrate' and started_at >= (select started_at from hydrations where id = $1)", [id]);
      expect(runs.rows[0].n).toBeLessThan(total);
      expect(await hydrationProgress(h.database.pool, id)).toMatchObject({ status: "cancelled" });
      expect(await cancelHydration(context, id)).toBe(false);
    } finally {
      h.simulator.update({ latencyMs: 0 });
    }
  });

  it("rejects a range outside the history", async () => {
    const context = h.inline();
    await expect(startHydration(context, { entities: ["cikk"], from: "2015-01", to: "2016-08", force: false })).rejects.toThrow(/before the ERP's history/);
    await expect(startHydration(context, { entities: ["cikk"], from: "2020-05", to: "2020-01", force: false })).rejects.toThrow(/after/);
    await expect(startHydration(context, { entities: [], from: "2020-01", to: "2020-05", force: false })).rejects.toThrow(/entities/);
  });
});
