import { readFileSync } from "node:fs";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FaultRule } from "@/erp-sim";
import type { InvoiceLine } from "@/lib/tharanis";
import { normalizeDecimal, setupSyncHarness, waitFor } from "@/test/sync-harness";
import { partitionFor, queryFor } from "./partitions";
import { syncPartition } from "./sync-partition";

// A hostile ERP at the sync level: XML bombs (entity expansion, deep nesting), a
// 50 MB answer and invalid UTF-8, each on the first and on a middle page of a
// cached month. Every one must end in a clear error naming the entity and page,
// leave the cache exactly as it was (nothing of the hostile page written), release
// the lock with the error, and the next sync must succeed with the same totals.
// The 50 MB answer must be refused while streaming: the simulator counts how much
// of it the client took before closing the connection.
const h = setupSyncHarness();
const ENTITY = "kimeno_szamla";
const MONTH = "2025-05";
const partition = partitionFor(ENTITY, MONTH);
/** The harness client's limit (20 MB, the app's default THARANIS_MAX_RESPONSE_MB). */
const MAX_RESPONSE_BYTES = 20 * 1_048_576;
const HUGE_MB = 50;

interface Snapshot {
  lines: number;
  keys: number;
  net: string;
  gross: string;
  quantity: string;
  /** md5 over every cached column but the run stamp, in key order: any changed value shows. */
  content: string;
}

async function snapshot(): Promise<Snapshot> {
  const { rows } = await h.database.pool.query(
    `select count(*)::int as lines, count(distinct (invoice_no, line_no))::int as keys,
            sum(net_value)::text as net, sum(gross_value)::text as gross, sum(quantity)::text as quantity,
            md5(coalesce(string_agg(concat_ws('|', invoice_no, line_no, fulfillment_date, sku, product_name, quantity, net_price,
                                              vat_pct, gross_price, net_value, gross_value, currency, is_storno, raw_xml_hash),
                                    E'\\n' order by invoice_no, line_no), '')) as content
       from sales_invoice_lines where fulfillment_date between '2025-05-01' and '2025-05-31'`,
  );
  const row = rows[0];
  return { ...row, net: normalizeDecimal(row.net), gross: normalizeDecimal(row.gross), quantity: normalizeDecimal(row.quantity) };
}

async function meta() {
  return (await h.database.pool.query("select * from sync_metadata where entity = $1 and partition = $2", [ENTITY, MONTH])).rows[0];
}

/** The kernel's upper bounds on what TCP buffers between the simulator and the client (Linux; generous elsewhere). */
function tcpBufferBytes(): number {
  try {
    const max = (file: string) => Number(readFileSync(file, "utf8").trim().split(/\s+/).at(-1));
    const total = max("/proc/sys/net/ipv4/tcp_rmem") + max("/proc/sys/net/ipv4/tcp_wmem");
    return Number.isFinite(total) ? total : 64 * 1_048_576;
  } catch {
    return 64 * 1_048_576;
  }
}

let pages = 0;
let pageSize = 0;
let baseline: Snapshot;

beforeAll(async () => {
  const first = await syncPartition(h.deps(), { entity: ENTITY, partition: MONTH, trigger: "manual" });
  if (first.status !== "synced") throw new Error(`baseline sync failed: ${JSON.stringify(first)}`);
  pages = first.pages;
  pageSize = (await h.database.pool.query("select page_size from entity_config where entity = $1", [ENTITY])).rows[0].page_size;
  baseline = await snapshot();
});
beforeEach(() => h.simulator.resetStats());
afterEach(() => h.simulator.update({ faults: [] }));

interface HostileCase {
  name: string;
  rule: Omit<FaultRule, "page" | "entity">;
  /** What the error says after "Tharanis kimeno_szamla page N: ". */
  message: RegExp;
}

const CASES: HostileCase[] = [
  {
    name: "XML bomb (billion laughs: nested entity expansion)",
    rule: { kind: "xml-bomb" },
    message: /^malformed response: the answer contains a DTD \(refused: entity expansion\)$/,
  },
  {
    name: "deep nesting (100,000 nested elements)",
    rule: { kind: "deep-nesting" },
    message: /^malformed response: answer document is not well-formed XML: .*nested tags exceeded/i,
  },
  {
    name: `a ${HUGE_MB} MB answer`,
    rule: { kind: "huge", sizeMb: HUGE_MB },
    message: /^malformed response: answer larger than 20 MB \(THARANIS_MAX_RESPONSE_MB\); refused$/,
  },
  {
    name: "invalid UTF-8",
    rule: { kind: "invalid-utf8" },
    message: /^malformed response: the answer is not valid UTF-8$/,
  },
];

describe("the cached month is what the ERP serves", () => {
  it("has several pages, and adds up to the simulator's exact totals", () => {
    expect(pages).toBeGreaterThanOrEqual(3);
    const expected = h.simulator.monthTotals(ENTITY, MONTH);
    expect(baseline.lines).toBe(expected.lines);
    expect(baseline.keys).toBe(expected.lines);
    expect(baseline.net).toBe(normalizeDecimal(expected.netValue));
    expect(baseline.gross).toBe(normalizeDecimal(expected.grossValue));
  });
});

describe("a hostile ERP answer", () => {
  for (const hostile of CASES) {
    for (const where of ["first", "middle"] as const) {
      it(`${hostile.name} on the ${where} page: a clear error, nothing written, lock released, the next sync recovers`, async () => {
        const page = where === "first" ? 0 : Math.floor(pages / 2);
        expect(page).toBeLessThan(pages - 1); // the middle page is not the last one
        const syncedBefore = (await meta()).last_synced_at as Date;
        const runsBefore = (await h.database.pool.query("select count(*)::int as n from sync_runs")).rows[0].n as number;

        h.simulator.update({ faults: [{ ...hostile.rule, entity: ENTITY, page }] });
        const failed = await syncPartition(h.deps(), { entity: ENTITY, partition: MONTH, trigger: "manual", force: true });

        // The error: failed at that page, an ERP failure, a message that says what and where.
        expect(failed).toMatchObject({ status: "failed", entity: ENTITY, partition: MONTH, pages: page, erpFailure: true });
        if (failed.status !== "failed") return;
        const prefix = `Tharanis ${ENTITY} page ${page}: `;
        expect(failed.error.startsWith(prefix)).toBe(true);
        expect(failed.error.slice(prefix.length)).toMatch(hostile.message);
        expect(failed.error.length).toBeLessThan(300); // no echo of the hostile answer
        expect(h.simulator.stats().faultsInjected).toBe(1);
        // It stopped at the hostile page: no page after it was asked for.
        const asked = h.simulator.stats().byQuery.find((q) => q.entity === ENTITY)?.pages;
        expect(asked).toEqual(Array.from({ length: page + 1 }, (_, i) => i));

        // The cache: exactly as it was, to the last digit of every value.
        expect(await snapshot()).toEqual(baseline);

        // Nothing of the hostile page: none of its lines carries the failed run's stamp;
        // only the pages before it were stored (again, unchanged).
        const run = (await h.database.pool.query("select status, error, pages, records, finished_at from sync_runs where id = $1", [failed.runId])).rows[0];
        expect(run).toMatchObject({ status: "error", error: failed.error, pages: page, records: failed.records });
        expect(run.finished_at).toBeInstanceOf(Date);
        const stamped = (await h.database.pool.query("select invoice_no, line_no from sales_invoice_lines where sync_run_id = $1", [failed.runId])).rows;
        expect(stamped.length).toBe(failed.records);
        if (page === 0) expect(stamped).toEqual([]);
        else expect(stamped.length).toBeGreaterThan(0);
        h.simulator.update({ faults: [] }); // to read what the hostile page would have held
        const hostilePage = await h.client.fetchPage(ENTITY, queryFor(partition, pageSize), page);
        const hostileKeys = new Set((hostilePage.records as InvoiceLine[]).map((line) => `${line.invoiceNo}/${line.lineNo}`));
        expect(hostileKeys.size).toBeGreaterThan(0);
        expect(stamped.filter((row) => hostileKeys.has(`${row.invoice_no}/${row.line_no}`))).toEqual([]);
        // No padding, no replacement characters, nothing a hostile answer carried.
        const odd = await h.database.pool.query(
          "select count(*)::int as n from sales_invoice_lines where length(sku) > 64 or sku like '%AAAA%' or sku like '%' || chr(65533) || '%'",
        );
        expect(odd.rows[0].n).toBe(0);

        // The lock: released with the error; the last good sync time kept.
        const m = await meta();
        expect(m).toMatchObject({ status: "error", lock_token: null, last_error: failed.error });
        expect((m.last_synced_at as Date).getTime()).toBe(syncedBefore.getTime());
        expect((await h.database.pool.query("select count(*)::int as n from sync_runs")).rows[0].n).toBe(runsBefore + 1);

        if (hostile.rule.kind === "huge") {
          // Bounded memory: the client refused the answer while it streamed, instead of
          // reading 50 MB. The simulator saw the connection closed before the end, having
          // handed over no more than the client's limit plus what TCP buffers can hold.
          await waitFor(() => h.simulator.stats().largeAnswers.some((a) => a.fault === "huge"), 10_000, "the huge answer to end");
          const answer = h.simulator.stats().largeAnswers.find((a) => a.fault === "huge")!;
          expect(answer).toMatchObject({ entity: ENTITY, page, complete: false });
          expect(answer.bytes).toBeGreaterThanOrEqual(HUGE_MB * 1_048_576 - 1_024);
          expect(answer.sentBytes).toBeGreaterThan(MAX_RESPONSE_BYTES / 2);
          expect(answer.sentBytes).toBeLessThan(answer.bytes);
          expect(answer.sentBytes).toBeLessThanOrEqual(MAX_RESPONSE_BYTES + tcpBufferBytes() + 1_048_576);
        }

        // Recovery: with the ERP sane again, the next sync completes with the same totals.
        const retry = await syncPartition(h.deps(), { entity: ENTITY, partition: MONTH, trigger: "manual", force: true });
        expect(retry).toMatchObject({ status: "synced", pages, removed: 0 });
        if (retry.status !== "synced") return;
        expect(retry.records).toBe(baseline.lines);
        expect(await snapshot()).toEqual(baseline);
        expect((await h.database.pool.query("select count(*)::int as n from sales_invoice_lines where sync_run_id = $1", [retry.runId])).rows[0].n).toBe(baseline.lines);
        const recovered = await meta();
        expect(recovered).toMatchObject({ status: "success", lock_token: null, last_error: null });
        expect((recovered.last_synced_at as Date).getTime()).toBeGreaterThan(syncedBefore.getTime());
      });
    }
  }
});

describe("a normal answer over 1 MB", () => {
  it("is counted as taken in full by the client (the measure above can tell the difference)", async () => {
    // The same huge answer, but small enough for the client's limit: read to the end.
    h.simulator.update({ faults: [{ kind: "huge", sizeMb: 3, entity: ENTITY, page: 0 }] });
    const page = await h.client.fetchPage(ENTITY, queryFor(partition, pageSize), 0);
    expect(page.records.length).toBeGreaterThan(0);
    await waitFor(() => h.simulator.stats().largeAnswers.length > 0, 10_000, "the 3 MB answer to end");
    const [answer] = h.simulator.stats().largeAnswers;
    expect(answer).toMatchObject({ entity: ENTITY, page: 0, fault: "huge", complete: true });
    expect(answer!.sentBytes).toBe(answer!.bytes);
  });
});
