import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/erp-sim";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { createScratchDatabase, freePort } from "@/lib/db/scratch";
import { createTharanisClient, SIMULATOR_DEFAULTS } from "@/lib/tharanis";
import { normalizeDecimal, SIM_NOW, waitFor } from "@/test/sync-harness";
import { inlineStepRunner } from "./steps";
import { syncPartition } from "./sync-partition";

// A Postgres of this test's own (the shared test server must not be restarted),
// restarted while a sync is between pages.
const MONTH = "2021-09";
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

describe("Postgres restarted mid-sync", () => {
  it("fails the sync cleanly (error recorded, lock freed) and the next one succeeds with exact totals", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "erp-cache-test-restart-"));
    await chmod(folder, 0o755);
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const dataDir = path.join(folder, "pg");
    const port = await freePort();
    let server: EmbeddedServer = await startEmbeddedPostgres({ dataDir, port, settings: { fsync: "off" } });
    cleanups.push(() => server.stop());
    const database = await createScratchDatabase(server.url, "erp_cache_restart");
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    pool.on("error", () => {}); // idle clients die with the server; the pool replaces them
    cleanups.push(() => pool.end());

    const simulator = await startSimulator({ port: 0, latencyMs: 400, now: SIM_NOW });
    cleanups.push(() => simulator.stop());
    const client = createTharanisClient({ url: simulator.url, credentials: SIMULATOR_DEFAULTS, timeoutMs: 30_000, maxResponseBytes: 2e7 });
    const deps = { pool, client, step: inlineStepRunner({ retries: 0, backoffMs: 0 }) };

    const running = syncPartition(deps, { entity: "kimeno_szamla", partition: MONTH, trigger: "manual" });
    await waitFor(async () => {
      const { rows } = await pool.query("select 1 from sync_runs where partition = $1 and pages >= 1", [MONTH]);
      return rows.length > 0;
    }, 30_000, "the first page to be stored");

    // Down for longer than one ERP page, so the next page's write finds no database.
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server = await startEmbeddedPostgres({ dataDir, port, settings: { fsync: "off" } });

    const outcome = await running;
    expect(outcome.status).toBe("failed");
    const meta = (await pool.query("select status, lock_token, last_error from sync_metadata where partition = $1", [MONTH])).rows[0];
    expect(meta).toMatchObject({ status: "error", lock_token: null });
    expect(meta.last_error).toMatch(/terminat|connection|ECONNREFUSED|shut/i);

    const retry = await syncPartition(deps, { entity: "kimeno_szamla", partition: MONTH, trigger: "manual" });
    expect(retry.status).toBe("synced");
    const { rows } = await pool.query(
      "select count(*)::int as lines, count(distinct (invoice_no, line_no))::int as keys, sum(gross_value)::text as gross from sales_invoice_lines",
    );
    const expected = simulator.monthTotals("kimeno_szamla", MONTH);
    expect({ ...rows[0], gross: normalizeDecimal(rows[0].gross) }).toEqual({ lines: expected.lines, keys: expected.lines, gross: normalizeDecimal(expected.grossValue) });
  }, 120_000);
});
