import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FaultRule } from "@/erp-sim";
import { createTharanisClient, SIMULATOR_DEFAULTS } from "@/lib/tharanis";
import { normalizeDecimal, setupSyncHarness } from "@/test/sync-harness";
import { syncPartition } from "./sync-partition";

// Every fault at page k of n must leave the cache exactly as it was: nothing
// lost, nothing duplicated, the lock released with the error, and the next
// run completes. "timeout" uses a client with a short timeout.
const h = setupSyncHarness();
const MONTH = "2025-05";

async function snapshot() {
  const { rows } = await h.database.pool.query(
    `select count(*)::int as lines, count(distinct (invoice_no, line_no))::int as keys,
            sum(net_value)::text as net, sum(gross_value)::text as gross, max(sync_run_id::text) as run
       from sales_invoice_lines where fulfillment_date between '2025-05-01' and '2025-05-31'`,
  );
  return { ...rows[0], net: normalizeDecimal(rows[0].net), gross: normalizeDecimal(rows[0].gross) };
}

async function meta() {
  return (await h.database.pool.query("select * from sync_metadata where entity = 'kimeno_szamla' and partition = $1", [MONTH])).rows[0];
}

let pages = 0;
beforeAll(async () => {
  const first = await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: MONTH, trigger: "manual" });
  if (first.status !== "synced") throw new Error(`baseline sync failed: ${JSON.stringify(first)}`);
  pages = first.pages;
});
afterEach(() => h.simulator.update({ faults: [] }));

const KINDS: Array<FaultRule["kind"]> = ["soap-fault", "hiba", "timeout", "truncated", "http-503", "invalid-utf8"];

describe("a fault at page k of n", () => {
  it("has several pages to fail on", () => {
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  for (const kind of KINDS) {
    for (const where of ["first", "middle", "last"] as const) {
      it(`${kind} on the ${where} page: cache intact, lock released with the error, retry completes`, async () => {
        const page = where === "first" ? 0 : where === "middle" ? Math.floor(pages / 2) : pages - 1;
        const before = await snapshot();
        const syncedBefore = (await meta()).last_synced_at as Date;
        h.simulator.update({ faults: [{ kind, page, entity: "kimeno_szamla", delayMs: 3_000 }] });
        const client =
          kind === "timeout"
            ? createTharanisClient({ url: h.simulator.url, credentials: SIMULATOR_DEFAULTS, timeoutMs: 400, maxResponseBytes: 2e7 })
            : h.client;

        const failed = await syncPartition(h.deps({ client }), { entity: "kimeno_szamla", partition: MONTH, trigger: "manual", force: true });
        expect(failed).toMatchObject({ status: "failed", pages: page, erpFailure: true });
        if (failed.status !== "failed") return;
        expect(failed.error).toMatch(new RegExp(`^Tharanis kimeno_szamla page ${page}: `));

        const after = await snapshot();
        expect({ ...after, run: undefined }).toEqual({ ...before, run: undefined });
        expect(after.lines).toBe(after.keys);
        const m = await meta();
        expect(m).toMatchObject({ status: "error", lock_token: null, last_error: failed.error });
        expect(m.last_synced_at.getTime()).toBe(syncedBefore.getTime());
        const run = (await h.database.pool.query("select status, error, pages from sync_runs where id = $1", [failed.runId])).rows[0];
        expect(run).toEqual({ status: "error", error: failed.error, pages: page });

        h.simulator.update({ faults: [] });
        const retry = await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: MONTH, trigger: "manual", force: true });
        expect(retry).toMatchObject({ status: "synced", pages, removed: 0 });
        expect((await meta()).status).toBe("success");
        const recovered = await snapshot();
        expect({ ...recovered, run: undefined }).toEqual({ ...before, run: undefined });
      });
    }
  }
});
