import { spawn } from "node:child_process";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { setupSyncHarness, waitFor } from "@/test/sync-harness";
import { readFreshness } from "./freshness";
import { partitionFor } from "./partitions";
import { requestSync } from "./request-sync";
import { revalidateExpired } from "./revalidate";

// However many callers ask for a stale partition at once, the ERP is paged
// through once. The simulator counts the runs (requests for page 0).
const h = setupSyncHarness({ simulator: { latencyMs: 50 } });

function paginationRuns(month: string): number {
  const filter = `teljdat>=${month.replace("-", ".")}.01`;
  return h.simulator
    .stats()
    .byQuery.filter((q) => q.entity === "kimeno_szamla" && q.query.includes(filter))
    .reduce((runs, q) => runs + q.paginationRuns, 0);
}

beforeEach(() => h.simulator.resetStats());

describe("single flight", () => {
  it("500 concurrent requestSync calls for one stale partition → one pagination run", async () => {
    const context = h.inline();
    const results = await Promise.all(Array.from({ length: 500 }, () => requestSync(context, "kimeno_szamla", ["2022-01"], "read")));
    await context.queue.idle();
    console.log(`[single flight] 500 requestSync → ${paginationRuns("2022-01")} ERP pagination run(s), ${h.simulator.stats().requests} ERP requests`);
    expect(results).toHaveLength(500);
    expect(paginationRuns("2022-01")).toBe(1);
    const meta = await h.database.pool.query("select status, rerun_requested from sync_metadata where partition = '2022-01'");
    expect(meta.rows[0]).toEqual({ status: "success", rerun_requested: false });
  });

  it("500 concurrent stale reads through the read path → one pagination run", async () => {
    const context = h.inline();
    const partition = partitionFor("kimeno_szamla", "2022-02");
    await Promise.all(
      Array.from({ length: 500 }, async () => {
        const freshness = await readFreshness(h.database.pool, [partition]);
        expect(freshness.partitions[0]!.expired).toBe(true);
        await revalidateExpired(context, freshness);
      }),
    );
    await context.queue.idle();
    expect(paginationRuns("2022-02")).toBe(1);
    const after = await readFreshness(h.database.pool, [partition]);
    expect(after.state).toBe("fresh");
  });

  it("two app processes sharing one database: 2 × 250 requests → one pagination run", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../../test/storm-child.ts"), h.database.url, h.simulator.url, "kimeno_szamla", "2022-03", "250"], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes("ready"), 30_000, "child ready");
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));

    const context = h.inline();
    child.stdin.write("go\n");
    await Promise.all(Array.from({ length: 250 }, () => requestSync(context, "kimeno_szamla", ["2022-03"], "read")));
    await context.queue.idle();
    expect(await exited).toBe(0);
    expect(paginationRuns("2022-03")).toBe(1);
    const runs = await h.database.pool.query("select count(*)::int as n from sync_runs where partition = '2022-03'");
    expect(runs.rows[0].n).toBe(1);
  });
});
