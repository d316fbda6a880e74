import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeDecimal, setupSyncHarness, waitFor } from "@/test/sync-harness";
import { syncPartition } from "./sync-partition";

const h = setupSyncHarness({ simulator: { latencyMs: 400 } });
const MONTH = "2020-10";

describe("a sync process killed mid-run", () => {
  it("leaves a lock that times out; the next sync takes over and completes with exact counts", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../../test/sync-child.ts"), h.database.url, h.simulator.url, "kimeno_szamla", MONTH], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_, signal) => resolve(signal)));
    let killedRun = "";
    await waitFor(async () => {
      const { rows } = await h.database.pool.query("select id from sync_runs where partition = $1 and status = 'running' and pages >= 1", [MONTH]);
      killedRun = rows[0]?.id ?? "";
      return killedRun !== "";
    }, 30_000, "the child to store its first page");
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // The lock is still held: a sync now is refused.
    expect(await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: MONTH, trigger: "manual" })).toMatchObject({ status: "skipped", reason: "locked" });

    // Shorten the timeout (default 300 s) and wait it out.
    await h.database.pool.query("update entity_config set lock_timeout_seconds = 1 where entity = 'kimeno_szamla'");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const outcome = await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: MONTH, trigger: "manual" });
    expect(outcome.status).toBe("synced");

    const expected = h.simulator.monthTotals("kimeno_szamla", MONTH);
    const { rows } = await h.database.pool.query(
      `select count(*)::int as lines, count(distinct (invoice_no, line_no))::int as keys, sum(net_value)::text as net, sum(gross_value)::text as gross
         from sales_invoice_lines where to_char(fulfillment_date, 'YYYY-MM') = $1`,
      [MONTH],
    );
    expect({ ...rows[0], net: normalizeDecimal(rows[0].net), gross: normalizeDecimal(rows[0].gross) }).toEqual({
      lines: expected.lines,
      keys: expected.lines,
      net: normalizeDecimal(expected.netValue),
      gross: normalizeDecimal(expected.grossValue),
    });
    const killed = (await h.database.pool.query("select status, error from sync_runs where id = $1", [killedRun])).rows[0];
    expect(killed.status).toBe("abandoned");
    expect(killed.error).toMatch(/taken over/);
    expect((await h.database.pool.query("select status, lock_token from sync_metadata where partition = $1", [MONTH])).rows[0]).toEqual({
      status: "success",
      lock_token: null,
    });
  });
});
