// npm run bench [-- <suite> ...]: runs benchmarks and prints their figures.
// Suites: erp (client parse throughput, simulator request rate), hydrate (full history at 300 ms/page),
// read (API latency vs a trivial route, first paint, first-load JS, on a production build).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { benchErp } from "@/bench/erp";
import { benchHydrate } from "@/bench/hydrate";
import { benchRead } from "@/bench/read";
import { runCli, UsageError } from "./cli-context";

const SUITES = { erp: benchErp, hydrate: benchHydrate, read: benchRead } as const;
type Suite = keyof typeof SUITES;

runCli(async () => {
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const suites = (requested.length ? requested : Object.keys(SUITES)) as Suite[];
  const unknown = suites.filter((suite) => !(suite in SUITES));
  if (unknown.length) throw new UsageError(`unknown suite(s): ${unknown.join(", ")}`, `npm run bench -- [${Object.keys(SUITES).join("|")}]`);

  const results: Record<string, unknown> = {};
  for (const suite of suites) results[suite] = (await SUITES[suite]()).figures;
  const folder = path.resolve(import.meta.dirname, "../bench/results");
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, `${suites.join("-")}.json`), `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`);
  return 0;
});
