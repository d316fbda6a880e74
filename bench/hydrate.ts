/**
 * `npm run bench -- hydrate`: the full history (2016-06 → now, all four
 * entities) hydrated from the simulator at its default 300 ms per page,
 * through the inline queue at ERP_MAX_CONCURRENCY (default 4), into a scratch
 * database. Compared with the ideal: total pages × latency ÷ concurrency.
 */
import { ENTITIES } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createTharanisClient, SIMULATOR_DEFAULTS } from "@/lib/tharanis";
import { createInlineContext } from "@/lib/sync/context";
import { hydrationProgress, startHydration } from "@/lib/sync/hydrate";
import { HISTORY_START_MONTH, monthOf } from "@/lib/sync/partitions";
import { inlineStepRunner } from "@/lib/sync/steps";
import { openBenchDatabase } from "./scratch";
import { startSimulatorProcess } from "./simulator-process";
import { fmt, printTable, type Row } from "./stats";

export async function benchHydrate(): Promise<{ rows: Row[]; figures: Record<string, number> }> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 300);
  const concurrency = getEnv().ERP_MAX_CONCURRENCY;
  const database = await openBenchDatabase();
  const simulator = await startSimulatorProcess({ ERP_SIM_LATENCY_MS: String(latencyMs) });
  try {
    const client = createTharanisClient({ url: simulator.url, credentials: SIMULATOR_DEFAULTS, timeoutMs: 60_000, maxResponseBytes: 20 * 1_048_576 });
    const context = createInlineContext({ pool: database.pool, client, concurrency, deps: { step: inlineStepRunner({ retries: 2, backoffMs: 500 }) } });
    const started = performance.now();
    const { id, total } = await startHydration(context, { entities: [...ENTITIES], from: HISTORY_START_MONTH, to: monthOf(new Date()), force: false });
    await context.queue.idle();
    const wallSeconds = (performance.now() - started) / 1000;
    const progress = (await hydrationProgress(database.pool, id))!;
    const idealSeconds = (progress.pages * latencyMs) / 1000 / concurrency;
    const figures = {
      partitions: total,
      failed: progress.failed,
      pages: progress.pages,
      records: progress.records,
      latencyMs,
      concurrency,
      wallSeconds,
      idealSeconds,
      ratio: wallSeconds / idealSeconds,
      recordsPerSecond: progress.records / wallSeconds,
    };
    const rows: Row[] = [
      { measure: "partitions (months × 2 + 2 snapshots)", value: `${total} (${progress.failed} failed)`, note: `${HISTORY_START_MONTH} → ${monthOf(new Date())}` },
      { measure: "pages / records", value: `${fmt(progress.pages)} / ${fmt(progress.records)}` },
      { measure: "wall time", value: `${fmt(wallSeconds, 1)} s`, note: `simulator ${latencyMs} ms/page, ERP_MAX_CONCURRENCY=${concurrency}, ${database.source} Postgres` },
      { measure: "ideal (pages × latency ÷ concurrency)", value: `${fmt(idealSeconds, 1)} s` },
      { measure: "wall ÷ ideal", value: fmt(figures.ratio, 2), note: "target ≤ 1.2" },
      { measure: "throughput", value: `${fmt(figures.recordsPerSecond)} records/s` },
    ];
    printTable("Hydration of the full history", rows);
    return { rows, figures };
  } finally {
    simulator.stop();
    await database.close();
  }
}
