// npm run bench [-- <suite> ...]: runs the benchmarks, prints their tables and writes the
// report to bench/results/latest.md and latest.json (a subset of suites: <suites>.md/.json).
// Suites: erp (parse throughput, simulator request rate), throughput (sync path vs COPY),
// memory (peak RSS for a 50,000-line month), hydrate (full history at 300 ms/page), read
// (API latency on a production build vs a trivial route and vs the ERP, single flight, 10× scale).
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchErp } from "@/bench/erp";
import { benchHydrate } from "@/bench/hydrate";
import { benchMemory } from "@/bench/memory";
import { benchRead } from "@/bench/read";
import { fmt, printedTables, printTable, type Row } from "@/bench/stats";
import { benchThroughput } from "@/bench/throughput";
import { runCli, UsageError } from "./cli-context";

const SUITES = { erp: benchErp, throughput: benchThroughput, memory: benchMemory, hydrate: benchHydrate, read: benchRead } as const;
type Suite = keyof typeof SUITES;

/* eslint-disable @typescript-eslint/no-explicit-any -- each suite's figures are plain JSON read back for the summary */
/** The issue's targets, one line each, from whatever suites ran. */
function summary(results: Record<string, any>): Row[] {
  const rows: Row[] = [];
  const read = results.read;
  if (read) {
    const trivial = read.endpoints["trivial route (/api/health)"];
    for (const [name, { c1, c10 }] of Object.entries<any>(read.endpoints)) {
      if (name.startsWith("trivial")) continue;
      const direct = read.direct[name];
      rows.push({
        measure: `read ${name}`,
        value: `p50/p95 c1 ${fmt(c1.p50, 1)}/${fmt(c1.p95, 1)} ms, c10 ${fmt(c10.p50, 1)}/${fmt(c10.p95, 1)} ms`,
        note: `c10 p95 ÷ trivial: ${fmt(c10.p95 / trivial.c10.p95, 2)}×${direct ? `; ERP direct (latency 0) ÷ cache (c1 p50): ${fmt(direct.ms / c1.p50, 0)}×` : ""}`,
      });
    }
    for (const storm of read.singleFlight) {
      rows.push({ measure: `single flight: ${storm.readers} stale reads`, value: `${storm.paginationRuns} ERP run(s)`, note: "target 1" });
    }
    for (const [name, { c1, c10 }] of Object.entries<any>(read.scale.endpoints)) {
      const normal = read.endpoints[name];
      rows.push({
        measure: `scale ×10 (${fmt(read.scale.lines)} lines): ${name}`,
        value: `p50/p95 c1 ${fmt(c1.p50, 1)}/${fmt(c1.p95, 1)} ms, c10 ${fmt(c10.p50, 1)}/${fmt(c10.p95, 1)} ms`,
        note: normal ? `c1 p50 ÷ normal: ${fmt(c1.p50 / normal.c1.p50, 2)}×` : "",
      });
    }
  }
  const throughput = results.throughput;
  if (throughput) {
    rows.push({
      measure: "sync throughput (parse + upsert) vs COPY",
      value: `${fmt(throughput.syncLinesPerSecond)} vs ${fmt(throughput.copyLinesPerSecond)} lines/s`,
      note: `ratio ${fmt(throughput.ratio, 2)} (target ≥ 0.25); the writes alone: ${fmt(throughput.storeRatio, 2)}× COPY`,
    });
  }
  const hydrate = results.hydrate;
  if (hydrate) {
    rows.push({
      measure: "hydration, full history",
      value: `${fmt(hydrate.wallSeconds, 1)} s vs ideal ${fmt(hydrate.idealSeconds, 1)} s`,
      note: `ratio ${fmt(hydrate.ratio, 2)} (target ≤ 1.2); ${fmt(hydrate.pages)} pages × ${hydrate.latencyMs} ms ÷ ${hydrate.concurrency}`,
    });
  }
  const memory = results.memory;
  if (memory) {
    rows.push({ measure: `memory: sync of a ${fmt(memory.lines)}-line month`, value: `peak RSS ${fmt(memory.peakRssMb, 0)} MB`, note: "target < 300 MB" });
  }
  const erp = results.erp;
  if (erp) {
    rows.push({ measure: "ERP response parse + map", value: `${fmt(erp.parseLinesPerSecond)} lines/s`, note: `median ${fmt(erp.parseMedianMs, 1)} ms for a ${erp.pageLines}-line page` });
  }
  return rows;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function machine(): string {
  let postgres = "embedded Postgres";
  if (process.env.DATABASE_URL) postgres = "DATABASE_URL's Postgres";
  let commit = "";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    commit = "unknown";
  }
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB RAM, Node ${process.version}, ${postgres}, commit ${commit}`;
}

runCli(async () => {
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const suites = (requested.length ? requested : Object.keys(SUITES)) as Suite[];
  const unknown = suites.filter((suite) => !(suite in SUITES));
  if (unknown.length) throw new UsageError(`unknown suite(s): ${unknown.join(", ")}`, `npm run bench -- [${Object.keys(SUITES).join("|")}]`);

  const results: Record<string, unknown> = {};
  for (const suite of suites) {
    console.log(`\n[bench] ${suite}…`);
    results[suite] = (await SUITES[suite]()).figures;
  }
  const tables = [...printedTables];
  const overview = printTable("Summary", summary(results));

  const at = new Date().toISOString();
  const name = requested.length ? suites.join("-") : "latest";
  const folder = path.resolve(import.meta.dirname, "../bench/results");
  await mkdir(folder, { recursive: true });
  const markdown = [`# Benchmark report`, "", `${at} · ${machine()} · \`npm run bench${requested.length ? ` -- ${suites.join(" ")}` : ""}\``, "", overview, ...tables].join("\n");
  await writeFile(path.join(folder, `${name}.md`), `${markdown}\n`);
  await writeFile(path.join(folder, `${name}.json`), `${JSON.stringify({ at, machine: machine(), results }, null, 2)}\n`);
  console.log(`[bench] report: bench/results/${name}.md`);
  return 0;
});
