import { beforeEach, describe, expect, it } from "vitest";
import { setupSyncHarness, waitFor } from "@/test/sync-harness";
import { requestSync } from "./request-sync";

// A run takes ~1 s here (3+ pages at 250 ms). Explicit refreshes made while it
// runs earn exactly one follow-up run; reads made while it runs are covered by it.
const h = setupSyncHarness({ simulator: { latencyMs: 250 } });

function paginationRuns(month: string): number {
  const filter = `teljdat>=${month.replace("-", ".")}.01`;
  return h.simulator.stats().byQuery.filter((q) => q.query.includes(filter)).reduce((runs, q) => runs + q.paginationRuns, 0);
}

async function runUnderWay(month: string): Promise<void> {
  await waitFor(async () => {
    const { rows } = await h.database.pool.query(
      "select 1 from sync_runs where entity = 'kimeno_szamla' and partition = $1 and status = 'running' and pages >= 1",
      [month],
    );
    return rows.length > 0;
  }, 20_000, "the first run to store a page");
}

beforeEach(() => h.simulator.resetStats());

describe("coalescing", () => {
  it("forced requests during a run → exactly one follow-up run", async () => {
    const context = h.inline();
    await requestSync(context, "kimeno_szamla", ["2021-05"], "manual");
    await runUnderWay("2021-05");

    const during = await Promise.all(Array.from({ length: 20 }, () => requestSync(context, "kimeno_szamla", ["2021-05"], "manual", { force: true })));
    expect(during.every((r) => r.coalesced.length === 1 && r.dispatched.length === 0)).toBe(true);
    await context.queue.idle();

    expect(paginationRuns("2021-05")).toBe(2);
    const { rows } = await h.database.pool.query(
      "select trigger, status from sync_runs where partition = '2021-05' order by started_at",
    );
    expect(rows).toEqual([
      { trigger: "manual", status: "success" },
      { trigger: "manual", status: "success" },
    ]);
    const meta = await h.database.pool.query("select rerun_requested, status from sync_metadata where partition = '2021-05'");
    expect(meta.rows[0]).toEqual({ rerun_requested: false, status: "success" });
  });

  it("reads during a run are covered by it: no second run", async () => {
    const context = h.inline();
    await requestSync(context, "kimeno_szamla", ["2021-06"], "read");
    await runUnderWay("2021-06");
    const during = await Promise.all(Array.from({ length: 50 }, () => requestSync(context, "kimeno_szamla", ["2021-06"], "read")));
    expect(during.every((r) => r.covered.length === 1 && r.dispatched.length === 0 && r.coalesced.length === 0)).toBe(true);
    await context.queue.idle();
    expect(paginationRuns("2021-06")).toBe(1);
  });

  it("without requests during the run there is no follow-up", async () => {
    const context = h.inline();
    await requestSync(context, "kimeno_szamla", ["2021-07"], "manual", { force: true });
    await context.queue.idle();
    expect(paginationRuns("2021-07")).toBe(1);
  });
});
