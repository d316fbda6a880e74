/**
 * `npm run bench -- throughput`: invoice lines per second through the sync's
 * own path – parse + map a page, store it in one statement, the next page
 * parsed while Postgres writes (lib/sync/read-ahead.ts, as syncPartition does)
 * – against COPY of the very same rows into the very same table, the fastest
 * way Postgres takes rows. Twelve months of simulator pages, recorded first
 * (no network in the timing), median of 5 runs each after a warm-up run. For scale, the same pages
 * through the whole syncPartition (claim, pages, sweep, rollups, release), one
 * month a run, from an ERP that answers at once.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { randomUUID } from "node:crypto";
import { claimSyncLock, releaseSyncLock } from "@/lib/sync/lock";
import { partitionFor } from "@/lib/sync/partitions";
import { readAhead } from "@/lib/sync/read-ahead";
import { inlineStepRunner } from "@/lib/sync/steps";
import { syncPartition } from "@/lib/sync/sync-partition";
import type { TharanisClient } from "@/lib/tharanis";
import { decodeResponse } from "@/lib/tharanis/client";
import { SIMULATOR_DEFAULTS } from "@/lib/tharanis/config";
import { buildLekerEnvelope } from "@/lib/tharanis/envelope";
import { buildQueryXml, DEFAULT_PAGE_SIZE } from "@/lib/tharanis/query";
import type { InvoiceLine } from "@/lib/tharanis/types";
import { monthBounds, monthRange } from "@/lib/sync/partitions";
import { storePage } from "@/lib/sync/store";
import { openBenchDatabase } from "./scratch";
import { startSimulatorProcess } from "./simulator-process";
import { fmt, median, printTable, type Row } from "./stats";

/** Timed runs of each way in, after an untimed one that warms the JIT and the table (medians are quoted). */
const WARM_UP = 1;
const RUNS = 5;

const COLUMNS = [
  "invoice_no", "line_no", "fulfillment_date", "sku", "product_name", "quantity", "net_price", "vat_pct",
  "gross_price", "net_value", "gross_value", "currency", "is_storno", "raw_xml_hash", "sync_run_id",
] as const;

export async function benchThroughput(): Promise<{ rows: Row[]; figures: Record<string, number> }> {
  const database = await openBenchDatabase();
  const simulator = await startSimulatorProcess({ ERP_SIM_LATENCY_MS: "0", ERP_SIM_NOW: "2026-12-03T12:00:00Z" });
  try {
    // The raw answers, as the ERP sends them: 12 months of invoice pages.
    const bodies: string[] = [];
    const bodiesByMonth = new Map<string, string[]>();
    for (const month of monthRange("2025-01", "2025-12")) {
      bodiesByMonth.set(month, []);
      const { first, last } = monthBounds(month);
      for (let page = 0; ; page += 1) {
        const envelope = buildLekerEnvelope(SIMULATOR_DEFAULTS, "kimeno_szamla", buildQueryXml("kimeno_szamla", { from: first, to: last }, page));
        const response = await fetch(simulator.url, { method: "POST", headers: { "Content-Type": "text/xml; charset=utf-8" }, body: envelope });
        const body = await response.text();
        const decoded = decodeResponse("kimeno_szamla", response.status, body, { entity: "kimeno_szamla", page }, []);
        bodiesByMonth.get(month)!.push(body);
        if (decoded.documents > 0) bodies.push(body);
        if (decoded.documents < DEFAULT_PAGE_SIZE) break;
      }
    }

    const clear = () => database.pool.query("truncate sales_invoice_lines");
    const decode = (body: string, page: number) => decodeResponse("kimeno_szamla", 200, body, { entity: "kimeno_szamla", page }, []);
    // The pages' writes need a run holding a lock, as in a real sync: one partition's stands in for all twelve months.
    const partition = partitionFor("kimeno_szamla", "2025-01");
    const claimRun = async () => {
      const runId = randomUUID();
      const claim = { entity: partition.entity, partition: partition.key, filterParams: partition.params, filterHash: partition.filterHash, ttlSeconds: 0, runId, trigger: "manual" as const, force: true };
      if (!(await claimSyncLock(database.pool, claim))) throw new Error("bench: could not claim the lock");
      return runId;
    };
    const releaseRun = (runId: string) => releaseSyncLock(database.pool, { entity: partition.entity, filterHash: partition.filterHash, runId, pages: bodies.length, records: lines });
    const syncRuns: number[] = [];
    const parseRuns: number[] = [];
    let lines = 0;
    for (let run = 0; run < WARM_UP + RUNS; run += 1) {
      await clear();
      const runId = await claimRun();
      let parsing = 0;
      lines = 0;
      const started = performance.now();
      await readAhead({
        fetch: async (page) => {
          // A real fetch waits for the ERP before it parses; this gives the write just handed to the pool the same chance to leave.
          await new Promise((resolve) => setImmediate(resolve));
          const parseStarted = performance.now();
          const decoded = decode(bodies[page]!, page);
          parsing += performance.now() - parseStarted;
          return { records: decoded.records as InvoiceLine[], last: page === bodies.length - 1 };
        },
        store: async ({ records }) => {
          const { held, stored } = await storePage(database.pool, partition, runId, records, []);
          if (!held) throw new Error("bench: lost the lock");
          lines += stored;
        },
        isLast: (fetched) => fetched.last,
      });
      if (run >= WARM_UP) {
        syncRuns.push(performance.now() - started);
        parseRuns.push(parsing);
      }
      await releaseRun(runId);
    }

    // The write path alone: the same pages already parsed, stored one after the other.
    const parsedPages = bodies.map((body, page) => decode(body, page).records as InvoiceLine[]);
    const storeRuns: number[] = [];
    for (let run = 0; run < WARM_UP + RUNS; run += 1) {
      await clear();
      const runId = await claimRun();
      const started = performance.now();
      for (const records of parsedPages) await storePage(database.pool, partition, runId, records, []);
      if (run >= WARM_UP) storeRuns.push(performance.now() - started);
      await releaseRun(runId);
    }

    // The whole sync, month by month, from an ERP that replays the recorded answers at once.
    const replay: TharanisClient = {
      url: "replay:",
      async fetchPage(entity, query, page) {
        const month = query.from!.slice(0, 7);
        const body = bodiesByMonth.get(month)?.[page];
        if (!body) throw new Error(`bench: no recorded page ${page} of ${month}`);
        const decoded = decode(body, page);
        return { entity, page, ...decoded, last: decoded.documents < DEFAULT_PAGE_SIZE, bytes: body.length, durationMs: 0 } as never;
      },
      readPages: () => {
        throw new Error("bench: not used");
      },
    };
    const fullRuns: number[] = [];
    for (let run = 0; run < WARM_UP + RUNS; run += 1) {
      await clear();
      const started = performance.now();
      for (const month of bodiesByMonth.keys()) {
        const outcome = await syncPartition({ pool: database.pool, client: replay, step: inlineStepRunner({ retries: 0, backoffMs: 0 }) }, { entity: "kimeno_szamla", partition: month, trigger: "manual", force: true });
        if (outcome.status !== "synced") throw new Error(`bench: sync of ${month} ${outcome.status}: ${JSON.stringify(outcome)}`);
      }
      if (run >= WARM_UP) fullRuns.push(performance.now() - started);
    }

    // The same rows, already mapped, as COPY text.
    const rows = parsedPages.flat();
    const runId = randomUUID();
    const escape = (value: string | number | boolean | null) => (value === null ? "\\N" : String(value).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n"));
    const text = rows
      .map((r) =>
        [r.invoiceNo, r.lineNo, r.fulfillmentDate, r.sku, r.productName, r.quantity, r.netPrice, r.vatPct, r.grossPrice, r.netValue, r.grossValue, r.currency, r.isStorno, r.rawHash, runId]
          .map(escape)
          .join("\t"),
      )
      .join("\n");
    const copyRuns: number[] = [];
    for (let run = 0; run < WARM_UP + RUNS; run += 1) {
      await clear();
      const client = await database.pool.connect();
      const started = performance.now();
      try {
        await pipeline(Readable.from([`${text}\n`]), client.query(copyFrom(`copy sales_invoice_lines (${COLUMNS.join(", ")}) from stdin`)));
      } finally {
        client.release();
      }
      if (run >= WARM_UP) copyRuns.push(performance.now() - started);
    }

    const syncRate = (lines * 1000) / median(syncRuns);
    const copyRate = (rows.length * 1000) / median(copyRuns);
    const fullRate = (lines * 1000) / median(fullRuns);
    const storeRate = (lines * 1000) / median(storeRuns);
    const figures = {
      pages: bodies.length,
      lines,
      syncMs: median(syncRuns),
      parseMs: median(parseRuns),
      copyMs: median(copyRuns),
      fullSyncMs: median(fullRuns),
      storeMs: median(storeRuns),
      storeLinesPerSecond: storeRate,
      storeRatio: storeRate / copyRate,
      syncLinesPerSecond: syncRate,
      copyLinesPerSecond: copyRate,
      fullSyncLinesPerSecond: fullRate,
      ratio: syncRate / copyRate,
    };
    const table: Row[] = [
      { measure: "input", value: `${bodies.length} pages, ${fmt(lines)} invoice lines`, note: "kimeno_szamla 2025, 200 invoices a page" },
      { measure: "parse + map + upsert", value: `${fmt(syncRate)} lines/s`, note: `median of ${RUNS}: ${fmt(median(syncRuns))} ms; parse + map alone ${fmt(median(parseRuns))} ms, overlapped with the writes` },
      { measure: "COPY of the same rows", value: `${fmt(copyRate)} lines/s`, note: `median of ${RUNS}: ${fmt(median(copyRuns))} ms (rows already mapped)` },
      { measure: "sync path ÷ COPY", value: fmt(figures.ratio, 2), note: "target ≥ 0.25" },
      { measure: "the writes alone (pages already parsed)", value: `${fmt(storeRate)} lines/s`, note: `median of ${RUNS}: ${fmt(median(storeRuns))} ms, one statement a page: ${fmt(figures.storeRatio, 2)}× COPY` },
      { measure: "whole syncPartition, 12 months", value: `${fmt(fullRate)} lines/s`, note: `median of ${RUNS}: ${fmt(median(fullRuns))} ms, claim + pages + sweep + rollups + release per month, ERP answering at once` },
    ];
    printTable("Sync throughput vs COPY", table);
    return { rows: table, figures };
  } finally {
    simulator.stop();
    await database.close();
  }
}
