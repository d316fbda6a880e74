/**
 * `npm run bench -- erp`: the ERP integration's own cost.
 *  - parse throughput: invoice lines per second through unwrap + parse + map
 *    of a 200-document page (no network), median of 60 runs;
 *  - the simulator's request rate at latency 0, sequential and 4 at a time
 *    (raw HTTP, the simulator in its own process);
 *  - the client's full fetchPage (HTTP + parse + map) against it, sequential.
 */
import { buildLekerEnvelope } from "@/lib/tharanis/envelope";
import { createTharanisClient, decodeResponse } from "@/lib/tharanis/client";
import { buildQueryXml } from "@/lib/tharanis/query";
import { SIMULATOR_DEFAULTS } from "@/lib/tharanis/config";
import { startSimulatorProcess } from "./simulator-process";
import { fmt, median, percentile, printTable, throughput, timeRuns, type Row } from "./stats";

export async function benchErp(): Promise<{ rows: Row[]; figures: Record<string, number> }> {
  const simulator = await startSimulatorProcess({ ERP_SIM_LATENCY_MS: "0", ERP_SIM_NOW: "2026-12-03T12:00:00Z" });
  try {
    const query = { from: "2025-10-01", to: "2025-10-31" };
    const envelope = (page: number) => buildLekerEnvelope(SIMULATOR_DEFAULTS, "kimeno_szamla", buildQueryXml("kimeno_szamla", query, page));
    const post = async (page: number) => {
      const response = await fetch(simulator.url, { method: "POST", headers: { "Content-Type": "text/xml; charset=utf-8" }, body: envelope(page) });
      return { status: response.status, body: await response.text() };
    };

    const sample = await post(0);
    const context = { entity: "kimeno_szamla" as const, page: 0 };
    const decoded = decodeResponse("kimeno_szamla", sample.status, sample.body, context, []);
    const lines = decoded.records.length;
    const parse = await timeRuns(60, () => decodeResponse("kimeno_szamla", sample.status, sample.body, context, []), 15);
    const parseMs = median(parse);

    await throughput(1, 1_000, (i) => post(i % 2)); // warm-up: JIT, month generation
    const sequential = await throughput(1, 4_000, (i) => post(i % 2));
    const concurrent = await throughput(4, 4_000, (i) => post(i % 2));

    const client = createTharanisClient({ url: simulator.url, credentials: SIMULATOR_DEFAULTS, timeoutMs: 30_000, maxResponseBytes: 20 * 1_048_576 });
    const fetchPage = await timeRuns(40, () => client.fetchPage("kimeno_szamla", query, 0), 5);

    const figures = {
      pageDocuments: decoded.documents,
      pageLines: lines,
      pageBytes: Buffer.byteLength(sample.body),
      parseMedianMs: parseMs,
      parseP95Ms: percentile(parse, 95),
      parseLinesPerSecond: (lines * 1000) / parseMs,
      simulatorSequentialRps: sequential,
      simulatorConcurrent4Rps: concurrent,
      clientFetchPageMedianMs: median(fetchPage),
    };
    const rows: Row[] = [
      { measure: "sample page", value: `${decoded.documents} invoices, ${lines} lines, ${fmt(figures.pageBytes / 1024)} KiB`, note: "kimeno_szamla 2025-10, page 0" },
      { measure: "parse + map, median (p95)", value: `${fmt(parseMs, 1)} ms (${fmt(figures.parseP95Ms, 1)} ms)`, note: "60 runs after 15 warm-up" },
      { measure: "parse throughput", value: `${fmt(figures.parseLinesPerSecond)} invoice lines/s`, note: "lines ÷ median" },
      { measure: "simulator, sequential", value: `${fmt(sequential)} requests/s`, note: "latency 0, own process, 4 s" },
      { measure: "simulator, 4 concurrent", value: `${fmt(concurrent)} requests/s`, note: "latency 0, own process, 4 s" },
      { measure: "client fetchPage (HTTP + parse + map)", value: `${fmt(figures.clientFetchPageMedianMs, 1)} ms median`, note: "40 runs" },
    ];
    printTable("ERP client and simulator", rows);
    return { rows, figures };
  } finally {
    simulator.stop();
  }
}
