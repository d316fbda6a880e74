import { describe, expect, it } from "vitest";
import { setupSyncHarness } from "@/test/sync-harness";
import { readFreshness } from "./freshness";
import { partitionFor } from "./partitions";
import { revalidateExpired } from "./revalidate";
import { syncPartition } from "./sync-partition";

const h = setupSyncHarness();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ERP circuit breaker", () => {
  it("opens after repeated failures, keeps reads on the cache, and closes after a successful probe", async () => {
    const deps = h.deps({ breaker: { threshold: 2, backoffSeconds: 1, maxBackoffSeconds: 4 } });
    const request = { entity: "kimeno_szamla" as const, partition: "2019-04", trigger: "read" as const };
    const health = async () => (await h.database.pool.query("select * from erp_health")).rows[0];
    h.simulator.update({ faults: [{ kind: "soap-fault", entity: "kimeno_szamla" }] });

    expect(await syncPartition(deps, request)).toMatchObject({ status: "failed", erpFailure: true });
    expect(await health()).toMatchObject({ state: "closed", consecutive_failures: 1 });
    expect(await syncPartition(deps, request)).toMatchObject({ status: "failed" });
    const opened = await health();
    expect(opened).toMatchObject({ state: "open", consecutive_failures: 2, backoff_seconds: 1 });
    expect(opened.last_error).toMatch(/^Tharanis kimeno_szamla page 0: SOAP Fault/);

    // Open: no ERP call at all, and the reason says why.
    h.simulator.resetStats();
    const skipped = await syncPartition(deps, request);
    expect(skipped).toMatchObject({ status: "skipped", reason: "erp-unavailable" });
    expect(skipped.status === "skipped" && skipped.detail).toMatch(/SOAP Fault/);
    expect(h.simulator.stats().requests).toBe(0);

    // Reads keep working and say the ERP is unavailable; they ask for nothing.
    const freshness = await readFreshness(h.database.pool, [partitionFor("kimeno_szamla", "2019-04")]);
    expect(freshness.state).toBe("erp-unavailable");
    expect(freshness.erp).toMatchObject({ available: false, consecutiveFailures: 2 });
    const asked = await revalidateExpired(h.inline(), freshness);
    expect(asked.dispatched).toEqual([]);

    // After the back-off one probe goes through; it fails, so the back-off doubles.
    await sleep(1_100);
    expect(await syncPartition(deps, request)).toMatchObject({ status: "failed" });
    expect(await health()).toMatchObject({ state: "open", backoff_seconds: 2 });

    // The ERP recovers: the next probe succeeds and closes the breaker.
    h.simulator.update({ faults: [] });
    await sleep(2_100);
    expect(await syncPartition(deps, request)).toMatchObject({ status: "synced" });
    expect(await health()).toMatchObject({ state: "closed", consecutive_failures: 0, backoff_seconds: 0, opened_until: null });
    const after = await readFreshness(h.database.pool, [partitionFor("kimeno_szamla", "2019-04")]);
    expect(after).toMatchObject({ state: "fresh", erp: { available: true } });
  });
});
