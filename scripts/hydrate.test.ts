import { afterEach, describe, expect, it } from "vitest";
import { cliEnv, describeRun, exitWithin, parseCount, runCli, startCli } from "@/test/cli-process";
import { normalizeDecimal, setupSyncHarness, waitFor } from "@/test/sync-harness";

/**
 * `npm run hydrate` end to end: the real CLI in a child process, against this
 * file's own database and an in-process simulator over HTTP. Nothing mocked.
 * Each test hydrates months of its own (2025, 2024, 2023), so the tests do not
 * depend on each other although they share the database.
 */

const h = setupSyncHarness();

const env = (extra: Record<string, string> = {}) => cliEnv({ databaseUrl: h.database.url, simulatorUrl: h.simulator.url }, extra);

afterEach(() => {
  h.simulator.update({ faults: [], latencyMs: 0, bigMonth: null });
});

type DatedEntity = "kimeno_szamla" | "raktari_mozgas";

/** Lines and exact sums the cache holds for one month of an entity. */
async function cachedTotals(entity: DatedEntity, month: string) {
  const sql =
    entity === "kimeno_szamla"
      ? `select count(*)::int as lines, sum(net_value)::text as net, sum(gross_value)::text as gross
           from sales_invoice_lines where to_char(fulfillment_date, 'YYYY-MM') = $1`
      : `select count(*)::int as lines, sum(quantity)::text as quantity
           from warehouse_movements where to_char(movement_date, 'YYYY-MM') = $1`;
  const row = (await h.database.pool.query<{ lines: number; net?: string | null; gross?: string | null; quantity?: string | null }>(sql, [month])).rows[0]!;
  return entity === "kimeno_szamla"
    ? { lines: row.lines, net: normalizeDecimal(row.net ?? null), gross: normalizeDecimal(row.gross ?? null) }
    : { lines: row.lines, quantity: normalizeDecimal(row.quantity ?? null) };
}

/** The same figures as the simulator computes them from the records it serves. */
function simulatorTotals(entity: DatedEntity, month: string) {
  if (entity === "kimeno_szamla") {
    const t = h.simulator.monthTotals("kimeno_szamla", month);
    return { lines: t.lines, net: normalizeDecimal(t.netValue), gross: normalizeDecimal(t.grossValue) };
  }
  const t = h.simulator.monthTotals("raktari_mozgas", month);
  return { lines: t.lines, quantity: normalizeDecimal(t.quantity) };
}

interface MetadataRow {
  entity: DatedEntity;
  partition: string;
  status: string;
  fresh: boolean;
  locked: boolean;
  records: number;
  pages: number;
  last_error: string | null;
}

/** sync_metadata of a year's months; `fresh` = synced within the entity's closed-month TTL. */
async function metadataOf(year: string): Promise<MetadataRow[]> {
  const { rows } = await h.database.pool.query<MetadataRow>(
    `select m.entity, m.partition, m.status, m.records, m.pages, m.last_error,
            m.lock_token is not null as locked,
            coalesce(m.status = 'success' and m.last_synced_at > now() - make_interval(secs => coalesce(c.closed_month_ttl_seconds, c.ttl_seconds)), false) as fresh
       from sync_metadata m join entity_config c using (entity)
      where m.partition like $1 order by m.entity, m.partition`,
    [`${year}-%`],
  );
  return rows;
}

async function hydrationsOf(from: string) {
  const { rows } = await h.database.pool.query<{
    id: string;
    mode: string;
    status: string;
    entities: string[];
    from_month: string;
    to_month: string;
    total_partitions: number;
    finished: boolean;
    error: string | null;
  }>(
    `select id, mode, status, entities, from_month, to_month, total_partitions, finished_at is not null as finished, error
       from hydrations where from_month = $1 order by started_at`,
    [from],
  );
  return rows;
}

/** Sync runs per partition of a year: all of them, and the successful ones. */
async function runsPerPartition(year: string): Promise<Map<string, { all: number; success: number }>> {
  const { rows } = await h.database.pool.query<{ entity: string; partition: string; all: number; success: number }>(
    `select entity, partition, count(*)::int as all, count(*) filter (where status = 'success')::int as success
       from sync_runs where partition like $1 group by entity, partition`,
    [`${year}-%`],
  );
  return new Map(rows.map((row) => [`${row.entity} ${row.partition}`, { all: row.all, success: row.success }]));
}

/** "Done: 6/6 partitions, 15 pages, 8 750 records in 2s; hydration done." */
function parseDone(stdout: string) {
  const match = stdout.match(/^Done: (\d+)\/(\d+) partitions, ([\d\s]+) pages, ([\d\s]+) records in \S+; hydration (\w+)\.$/m);
  return match ? { done: Number(match[1]), total: Number(match[2]), pages: parseCount(match[3]!), records: parseCount(match[4]!), status: match[5] } : undefined;
}

/** How many page requests the simulator had for the query of one month (page 0 = a pagination run). */
function paginationRunsOf(entity: DatedEntity, month: string): number {
  const day = `${month.replace("-", ".")}.01`; // the canonical query says "teljdat>=2023.02.01" / "datum>=…"
  return h.simulator
    .stats()
    .byQuery.filter((q) => q.entity === entity && q.query.includes(`>=${day}`))
    .reduce((sum, q) => sum + q.paginationRuns, 0);
}

describe("scripts/hydrate.ts", () => {
  it("hydrates two entities × three months: exit 0, a summary, every partition fresh and exact, a 'cli' hydration done", async () => {
    const entities: DatedEntity[] = ["kimeno_szamla", "raktari_mozgas"];
    const months = ["2025-01", "2025-02", "2025-03"];
    const result = await runCli("hydrate", ["--from", "2025-01", "--to", "2025-03", "--entities", entities.join(","), "--concurrency", "2"], env());
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain("Hydrating kimeno_szamla, raktari_mozgas 2025-01 → 2025-03: 6 partition(s), 0 already fresh; concurrency 2.");

    // Every month of both entities is fresh, unlocked, and holds exactly what the ERP serves.
    const metadata = await metadataOf("2025");
    expect(metadata.map((m) => `${m.entity} ${m.partition}`)).toEqual(entities.flatMap((e) => months.map((m) => `${e} ${m}`)));
    let expectedRecords = 0;
    for (const row of metadata) {
      const expected = simulatorTotals(row.entity, row.partition);
      expectedRecords += expected.lines;
      expect(row, `${row.entity} ${row.partition}`).toMatchObject({ status: "success", fresh: true, locked: false, records: expected.lines });
      expect(await cachedTotals(row.entity, row.partition), `${row.entity} ${row.partition}`).toEqual(expected);
    }

    // The summary adds up to what was stored.
    expect(parseDone(result.stdout), describeRun(result)).toEqual({
      done: 6,
      total: 6,
      pages: metadata.reduce((sum, m) => sum + m.pages, 0),
      records: expectedRecords,
      status: "done",
    });
    expect(await hydrationsOf("2025-01")).toEqual([
      expect.objectContaining({ mode: "cli", status: "done", entities, to_month: "2025-03", total_partitions: 6, finished: true, error: null }),
    ]);

    // stderr is not a terminal here: the progress bar prints whole lines (every 5 s, and at the end).
    const progress = result.stderr.split("\n").filter((line) => line.includes("partitions"));
    expect(progress.length, result.stderr).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatch(/6\/6 partitions · .* pages · .* records · .*ETA/);
  });

  it("resumes after Ctrl-C: exit 130 leaves the hydration running; the same command finishes it without re-syncing a month", async () => {
    const args = ["--from", "2024-01", "--to", "2024-12", "--entities", "kimeno_szamla", "--concurrency", "2"];
    // Slow pages (300 ms each, 3–4 a month) so that the interrupt lands while months are still left.
    h.simulator.update({ latencyMs: 300 });
    const first = startCli("hydrate", args, env());
    await waitFor(async () => (await metadataOf("2024")).filter((m) => m.fresh).length >= 2, 30_000, "two months synced by the first run");
    first.child.kill("SIGINT");
    const interrupted = await exitWithin(first, 20_000);
    expect(interrupted.code, describeRun(interrupted)).toBe(130);
    expect(interrupted.stderr).toContain("Interrupted");

    // The interrupted run let go of the months it had under way: no lock left behind, no run
    // still 'running' (a lock left behind would block the resume for lock_timeout_seconds).
    const afterInterrupt = await metadataOf("2024");
    expect(afterInterrupt.filter((m) => m.locked).map((m) => m.partition)).toEqual([]);
    const running = await h.database.pool.query("select partition from sync_runs where partition like '2024-%' and status = 'running'");
    expect(running.rows).toEqual([]);

    // What the first run finished, read after it exited (more may have landed after the poll).
    const doneFirst = afterInterrupt.filter((m) => m.fresh).map((m) => `${m.entity} ${m.partition}`);
    expect(doneFirst.length).toBeGreaterThanOrEqual(2);
    expect(doneFirst.length, "the interrupt came too late to test a resume").toBeLessThan(12);
    const [hydration, ...others] = await hydrationsOf("2024-01");
    expect(others).toEqual([]);
    expect(hydration).toMatchObject({ mode: "cli", status: "running", total_partitions: 12, finished: false });

    h.simulator.update({ latencyMs: 0 });
    const second = await runCli("hydrate", args, env());
    expect(second.code, describeRun(second)).toBe(0);
    expect(second.stdout).toContain(`Resuming hydration ${hydration!.id}`);
    expect(second.stdout).toMatch(new RegExp(`: ${12 - doneFirst.length} partition\\(s\\) left\\.`));
    expect(parseDone(second.stdout)).toMatchObject({ done: 12 - doneFirst.length, total: 12 - doneFirst.length, status: "done" });

    // The same hydration row was finished; no second one was started.
    expect(await hydrationsOf("2024-01")).toEqual([expect.objectContaining({ id: hydration!.id, status: "done", finished: true })]);

    // All twelve months are fresh and exact; each was synced successfully exactly once, and the
    // months the first run finished were never touched again (not even a failed attempt).
    const metadata = await metadataOf("2024");
    expect(metadata).toHaveLength(12);
    const runs = await runsPerPartition("2024");
    for (const row of metadata) {
      const key = `${row.entity} ${row.partition}`;
      expect(row, key).toMatchObject({ fresh: true, locked: false });
      expect(await cachedTotals(row.entity, row.partition), key).toEqual(simulatorTotals(row.entity, row.partition));
      expect(runs.get(key)?.success, key).toBe(1);
      if (doneFirst.includes(key)) expect(runs.get(key)?.all, key).toBe(1);
    }
  });

  it("Ctrl-C releases the months under way even when they must wait for a database connection, so a resume can take them", async () => {
    // Five workers (--concurrency 4, plus the spare) share a pool of two connections: at the
    // interrupt, most runs under way must wait for a connection to record their end. The CLI
    // must let them before it exits, or their locks stay for lock_timeout_seconds (300 s).
    const args = ["--from", "2022-01", "--to", "2022-12", "--entities", "kimeno_szamla", "--concurrency", "4"];
    const cli = env({ DATABASE_POOL_MAX: "2", HYDRATE_RETRY_PAUSES_MS: "100,100" });
    h.simulator.update({ latencyMs: 300 });
    const first = startCli("hydrate", args, cli);
    await waitFor(
      async () => (await h.database.pool.query("select 1 from sync_runs where partition like '2022-%' and status = 'running' and pages >= 1")).rowCount! >= 3,
      30_000,
      "three months under way",
    );
    first.child.kill("SIGINT");
    const interrupted = await exitWithin(first, 20_000);
    expect(interrupted.code, describeRun(interrupted)).toBe(130);

    const locked = (await metadataOf("2022")).filter((m) => m.locked).map((m) => `${m.partition} (${m.status})`);
    expect(locked, "months left locked by the interrupted run").toEqual([]);
    const running = await h.database.pool.query("select partition from sync_runs where partition like '2022-%' and status = 'running'");
    expect(running.rows).toEqual([]);

    // The user-visible consequence: the same command, run at once, finishes the hydration.
    h.simulator.update({ latencyMs: 0 });
    const second = await runCli("hydrate", args, cli);
    expect(second.code, describeRun(second)).toBe(0);
    expect(second.stdout).toContain("Resuming hydration");
    expect((await metadataOf("2022")).filter((m) => m.fresh)).toHaveLength(12);
  });

  it("retries a month that keeps failing, then exits 1 naming it and its error; the hydration is marked failed", async () => {
    // Fault rules cannot name a month, only an entity and a page. So make 2023-02 a big month
    // (4,000 invoice lines: 5 pages of 200 invoices) and fail page 3, which only it has.
    const months = ["2023-01", "2023-02", "2023-03"];
    const FAILING = "2023-02";
    h.simulator.update({
      bigMonth: { month: FAILING, lines: 4_000 },
      faults: [{ kind: "soap-fault", entity: "kimeno_szamla", page: 3, message: "simulated outage on page 3" }],
    });
    const pagesOf = (month: string) => Math.floor(h.simulator.monthTotals("kimeno_szamla", month).documents / 200) + 1;
    for (const month of months) expect(pagesOf(month) > 3, month).toBe(month === FAILING);

    // The CLI pauses 5 s and 30 s before its two retry rounds; HYDRATE_RETRY_PAUSES_MS shortens them.
    const result = await runCli(
      "hydrate",
      ["--from", months[0]!, "--to", months.at(-1)!, "--entities", "kimeno_szamla", "--concurrency", "2"],
      env({ HYDRATE_RETRY_PAUSES_MS: "100,100" }),
    );
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toMatch(/^retrying 1 failed partition\(s\)/m);
    expect(result.stderr).toMatch(/^1 partition\(s\) still failing after 2 retr/m);
    expect(result.stderr).toMatch(new RegExp(`^  kimeno_szamla ${FAILING}: .*simulated outage on page 3`, "m"));
    expect(result.stderr).toMatch(/^Summary: 2\/3 partitions, /m);
    // The first attempt and both retry rounds each paginated the month from page 0.
    expect(paginationRunsOf("kimeno_szamla", FAILING)).toBe(3);

    const [hydration, ...others] = await hydrationsOf(months[0]!);
    expect(others).toEqual([]);
    expect(hydration).toMatchObject({ mode: "cli", status: "failed", total_partitions: 3, finished: true, error: "1 partition(s) failed" });

    // The failing month is recorded as failed; the others were hydrated in full.
    const metadata = await metadataOf("2023");
    expect(metadata.map((m) => m.partition)).toEqual(months);
    for (const row of metadata) {
      if (row.partition === FAILING) {
        expect(row).toMatchObject({ status: "error", fresh: false, locked: false, last_error: expect.stringContaining("simulated outage on page 3") });
      } else {
        expect(row, row.partition).toMatchObject({ status: "success", fresh: true });
        expect(await cachedTotals(row.entity, row.partition), row.partition).toEqual(simulatorTotals(row.entity, row.partition));
      }
    }
  });
});
