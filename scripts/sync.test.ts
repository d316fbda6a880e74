import { afterEach, describe, expect, it } from "vitest";
import { cliEnv, describeRun, parseCount, runCli } from "@/test/cli-process";
import { normalizeDecimal, setupSyncHarness } from "@/test/sync-harness";

/**
 * `npm run sync` end to end: the real CLI in a child process, against this
 * file's own database and an in-process simulator over HTTP. Nothing mocked.
 * The tests of the first describe build on each other (vitest runs a file's
 * tests in order): sync, re-run while fresh, forced re-run.
 */

const h = setupSyncHarness();
const MONTHS = ["2024-01", "2024-02"] as const;
const SYNC_ARGS = ["--entity", "kimeno_szamla", "--from", MONTHS[0], "--to", MONTHS[1]];

const env = () => cliEnv({ databaseUrl: h.database.url, simulatorUrl: h.simulator.url });

afterEach(() => {
  h.simulator.update({ faults: [], latencyMs: 0 });
});

/** What the cache holds for a month of invoices: line count and exact money sums. */
async function cachedInvoiceTotals(month: string) {
  const { rows } = await h.database.pool.query<{ lines: number; keys: number; net: string | null; gross: string | null }>(
    `select count(*)::int as lines, count(distinct (invoice_no, line_no))::int as keys,
            sum(net_value)::text as net, sum(gross_value)::text as gross
       from sales_invoice_lines where to_char(fulfillment_date, 'YYYY-MM') = $1`,
    [month],
  );
  const row = rows[0]!;
  return { lines: row.lines, keys: row.keys, net: normalizeDecimal(row.net), gross: normalizeDecimal(row.gross) };
}

/** The same figures as the simulator computes them from the records it serves. */
function simulatorInvoiceTotals(month: string) {
  const totals = h.simulator.monthTotals("kimeno_szamla", month);
  // keys = lines: every line is stored once (no duplicates from a re-run).
  return { lines: totals.lines, keys: totals.lines, net: normalizeDecimal(totals.netValue), gross: normalizeDecimal(totals.grossValue) };
}

/** The CLI's per-partition lines, e.g. "kimeno_szamla 2024-01: synced 1 761 records in 3 page(s), removed 0 (0s)". */
function partitionLines(stdout: string): string[] {
  return stdout.split("\n").filter((line) => /^kimeno_szamla \d{4}-\d{2}:/.test(line));
}

function syncedRecords(line: string | undefined): { month: string; records: number } | undefined {
  const match = line?.match(/^kimeno_szamla (\d{4}-\d{2}): synced ([\d\s]+) records in \d+ page\(s\)/);
  return match ? { month: match[1]!, records: parseCount(match[2]!) } : undefined;
}

async function syncRunCount(): Promise<number> {
  const { rows } = await h.database.pool.query<{ runs: number }>("select count(*)::int as runs from sync_runs");
  return rows[0]!.runs;
}

describe("scripts/sync.ts", () => {
  it("syncs two months: exit 0, one line per month with its record count, the cache equal to the ERP's totals", async () => {
    const result = await runCli("sync", SYNC_ARGS, env());
    expect(result.code, describeRun(result)).toBe(0);

    const lines = partitionLines(result.stdout);
    expect(lines, describeRun(result)).toHaveLength(2);
    for (const [index, month] of MONTHS.entries()) {
      const expected = simulatorInvoiceTotals(month);
      // The printed count is what was stored, and the store is exactly the ERP's month.
      expect(syncedRecords(lines[index]), lines[index]).toEqual({ month, records: expected.lines });
      expect(await cachedInvoiceTotals(month)).toEqual(expected);
    }
  });

  it("a re-run while the months are fresh skips them without a single ERP request", async () => {
    const before = h.simulator.stats();
    const runsBefore = await syncRunCount();

    const result = await runCli("sync", SYNC_ARGS, env());
    expect(result.code, describeRun(result)).toBe(0);
    const lines = partitionLines(result.stdout);
    expect(lines, describeRun(result)).toHaveLength(2);
    for (const [index, month] of MONTHS.entries()) expect(lines[index]).toContain(`kimeno_szamla ${month}: skipped – fresh`);

    expect(h.simulator.stats()).toEqual(before);
    expect(await syncRunCount()).toBe(runsBefore); // not even a run was recorded
    for (const month of MONTHS) expect(await cachedInvoiceTotals(month)).toEqual(simulatorInvoiceTotals(month));
  });

  it("--force syncs the fresh months again, rewriting rows in place instead of duplicating them", async () => {
    h.simulator.resetStats();
    const result = await runCli("sync", [...SYNC_ARGS, "--force"], env());
    expect(result.code, describeRun(result)).toBe(0);

    const lines = partitionLines(result.stdout);
    expect(lines, describeRun(result)).toHaveLength(2);
    for (const [index, month] of MONTHS.entries()) {
      expect(syncedRecords(lines[index]), lines[index]).toEqual({ month, records: simulatorInvoiceTotals(month).lines });
      expect(await cachedInvoiceTotals(month)).toEqual(simulatorInvoiceTotals(month));
      // The ERP was really asked again: one pagination (page 0 request) per month.
      // (the simulator's canonical query names the month's first day as "teljdat>=2024.01.01")
      const query = h.simulator.stats().byQuery.find((q) => q.entity === "kimeno_szamla" && q.query.includes(`teljdat>=${month.replace("-", ".")}.01`));
      expect(query?.paginationRuns, JSON.stringify(h.simulator.stats().byQuery)).toBe(1);
      // Every row of the month now carries the forced run's id: rewritten, not left from the first run.
      const { rows } = await h.database.pool.query<{ stamps: number; latest: boolean }>(
        `select count(distinct l.sync_run_id)::int as stamps,
                bool_and(l.sync_run_id = m.last_run_id) as latest
           from sales_invoice_lines l
           join sync_metadata m on m.entity = 'kimeno_szamla' and m.partition = $1
          where to_char(l.fulfillment_date, 'YYYY-MM') = $1`,
        [month],
      );
      expect(rows[0]).toEqual({ stamps: 1, latest: true });
    }
    const { rows } = await h.database.pool.query<{ partition: string; runs: number }>(
      "select partition, count(*)::int as runs from sync_runs where entity = 'kimeno_szamla' and status = 'success' group by partition order by partition",
    );
    expect(rows).toEqual(MONTHS.map((partition) => ({ partition, runs: 2 })));
  });

  // Bad input is refused before anything is opened: exit 2, a one-line reason (no stack), no ERP request.
  it.each([
    { name: "an unknown entity", args: ["--entity", "nope"], problem: /--entity must be one of .*kimeno_szamla/ },
    { name: "month 13", args: ["--entity", "kimeno_szamla", "--from", "2024-13"], problem: /--from must be a month YYYY-MM, got "2024-13"/ },
    { name: "--from after --to", args: ["--entity", "kimeno_szamla", "--from", "2024-05", "--to", "2024-01"], problem: /--from 2024-05 is after --to 2024-01/ },
  ])("refuses $name with exit 2 and a message naming the problem", async ({ args, problem }) => {
    const before = h.simulator.stats();
    const runsBefore = await syncRunCount();

    const result = await runCli("sync", args, env());
    expect(result.code, describeRun(result)).toBe(2);
    expect(result.stderr).toMatch(problem);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(partitionLines(result.stdout)).toEqual([]);

    expect(h.simulator.stats()).toEqual(before);
    expect(await syncRunCount()).toBe(runsBefore);
  });

  it("exits 1 and prints the failure when the ERP fails; the month stays uncached and marked failed", async () => {
    const MONTH = "2024-03"; // never synced, so the CLI must call the ERP
    h.simulator.update({ faults: [{ kind: "soap-fault", entity: "kimeno_szamla", message: "simulated ERP outage" }] });

    const result = await runCli("sync", ["--entity", "kimeno_szamla", "--from", MONTH, "--to", MONTH], env());
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`kimeno_szamla ${MONTH}: FAILED after 0 page\\(s\\): .*simulated ERP outage`));
    expect(h.simulator.stats().faultsInjected).toBeGreaterThan(0);

    expect((await cachedInvoiceTotals(MONTH)).lines).toBe(0);
    const { rows } = await h.database.pool.query<{ status: string; last_error: string | null; last_synced_at: Date | null }>(
      "select status, last_error, last_synced_at from sync_metadata where entity = 'kimeno_szamla' and partition = $1",
      [MONTH],
    );
    expect(rows).toEqual([{ status: "error", last_error: expect.stringContaining("simulated ERP outage"), last_synced_at: null }]);
  });
});
