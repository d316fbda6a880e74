/**
 * `npm run bench -- throughput`: invoice lines per second through the sync's
 * own path – parse + map a page, upsert it in one statement – against COPY of
 * the very same rows into the very same table, the fastest way Postgres takes
 * rows. Twelve months of simulator pages, median of 3 runs each.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { randomUUID } from "node:crypto";
import { decodeResponse } from "@/lib/tharanis/client";
import { SIMULATOR_DEFAULTS } from "@/lib/tharanis/config";
import { buildLekerEnvelope } from "@/lib/tharanis/envelope";
import { buildQueryXml, DEFAULT_PAGE_SIZE } from "@/lib/tharanis/query";
import type { InvoiceLine } from "@/lib/tharanis/types";
import { monthBounds, monthRange } from "@/lib/sync/partitions";
import { upsertRecords } from "@/lib/sync/store";
import { openBenchDatabase } from "./scratch";
import { startSimulatorProcess } from "./simulator-process";
import { fmt, median, printTable, type Row } from "./stats";

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
    for (const month of monthRange("2025-01", "2025-12")) {
      const { first, last } = monthBounds(month);
      for (let page = 0; ; page += 1) {
        const envelope = buildLekerEnvelope(SIMULATOR_DEFAULTS, "kimeno_szamla", buildQueryXml("kimeno_szamla", { from: first, to: last }, page));
        const response = await fetch(simulator.url, { method: "POST", headers: { "Content-Type": "text/xml; charset=utf-8" }, body: envelope });
        const body = await response.text();
        const decoded = decodeResponse("kimeno_szamla", response.status, body, { entity: "kimeno_szamla", page }, []);
        if (decoded.documents > 0) bodies.push(body);
        if (decoded.documents < DEFAULT_PAGE_SIZE) break;
      }
    }

    const clear = () => database.pool.query("truncate sales_invoice_lines");
    const syncRuns: number[] = [];
    const parseRuns: number[] = [];
    let lines = 0;
    for (let run = 0; run < 3; run += 1) {
      await clear();
      const client = await database.pool.connect();
      const runId = randomUUID();
      const started = performance.now();
      lines = 0;
      let parsing = 0;
      try {
        for (const [page, body] of bodies.entries()) {
          const parseStarted = performance.now();
          const { records } = decodeResponse("kimeno_szamla", 200, body, { entity: "kimeno_szamla", page }, []);
          parsing += performance.now() - parseStarted;
          await client.query("begin");
          lines += await upsertRecords(client, "kimeno_szamla", records as InvoiceLine[], runId);
          await client.query("commit");
        }
      } finally {
        client.release();
      }
      syncRuns.push(performance.now() - started);
      parseRuns.push(parsing);
    }

    // The same rows, already mapped, as COPY text.
    const rows = bodies.flatMap((body, page) => decodeResponse("kimeno_szamla", 200, body, { entity: "kimeno_szamla", page }, []).records as InvoiceLine[]);
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
    for (let run = 0; run < 3; run += 1) {
      await clear();
      const client = await database.pool.connect();
      const started = performance.now();
      try {
        await pipeline(Readable.from([`${text}\n`]), client.query(copyFrom(`copy sales_invoice_lines (${COLUMNS.join(", ")}) from stdin`)));
      } finally {
        client.release();
      }
      copyRuns.push(performance.now() - started);
    }

    const syncRate = (lines * 1000) / median(syncRuns);
    const copyRate = (rows.length * 1000) / median(copyRuns);
    const figures = { pages: bodies.length, lines, syncMs: median(syncRuns), parseMs: median(parseRuns), copyMs: median(copyRuns), syncLinesPerSecond: syncRate, copyLinesPerSecond: copyRate, ratio: syncRate / copyRate };
    const table: Row[] = [
      { measure: "input", value: `${bodies.length} pages, ${fmt(lines)} invoice lines`, note: "kimeno_szamla 2025, 200 invoices a page" },
      { measure: "parse + map + upsert", value: `${fmt(syncRate)} lines/s`, note: `median of 3: ${fmt(median(syncRuns))} ms, of which parse + map ${fmt(median(parseRuns))} ms` },
      { measure: "COPY of the same rows", value: `${fmt(copyRate)} lines/s`, note: `median of 3: ${fmt(median(copyRuns))} ms (rows already mapped)` },
      { measure: "sync path ÷ COPY", value: fmt(figures.ratio, 2), note: "target ≥ 0.25" },
    ];
    printTable("Sync throughput vs COPY", table);
    return { rows: table, figures };
  } finally {
    simulator.stop();
    await database.close();
  }
}
