/**
 * `npm run bench -- hydrate`: the full history (2016-06 → now, all four
 * entities) hydrated from the simulator at its default 300 ms per page,
 * through the inline queue at ERP_MAX_CONCURRENCY (default 4), into a scratch
 * database. Compared with the ideal: total pages × latency ÷ concurrency.
 */
import { ENTITIES } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createTharanisClient, SIMULATOR_DEFAULTS, type TharanisClient } from "@/lib/tharanis";
import { paginate } from "@/lib/tharanis/client";
import { createInlineContext } from "@/lib/sync/context";
import { hydrationProgress, startHydration } from "@/lib/sync/hydrate";
import { HISTORY_START_MONTH, monthOf } from "@/lib/sync/partitions";
import { inlineStepRunner } from "@/lib/sync/steps";
import { openBenchDatabase } from "./scratch";
import { startSimulatorProcess } from "./simulator-process";
import { fmt, median, printTable, type Row } from "./stats";

/** The client, recording how long each HTTP exchange with the ERP takes (parsing not included). */
function timedClient(client: TharanisClient): TharanisClient & { callsMs: number[] } {
  const callsMs: number[] = [];
  const fetchPage: TharanisClient["fetchPage"] = (entity, query, page, options = {}) => {
    const around = options.aroundCall ?? ((call) => call());
    return client.fetchPage(entity, query, page, {
      ...options,
      aroundCall: (call) =>
        around(async () => {
          const started = performance.now();
          try {
            return await call();
          } finally {
            callsMs.push(performance.now() - started);
          }
        }),
    });
  };
  return { url: client.url, fetchPage, readPages: (entity, query, options) => paginate(fetchPage, entity, query, options), callsMs };
}

export async function benchHydrate(): Promise<{ rows: Row[]; figures: Record<string, number> }> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 300);
  const concurrency = getEnv().ERP_MAX_CONCURRENCY;
  const database = await openBenchDatabase();
  const simulator = await startSimulatorProcess({ ERP_SIM_LATENCY_MS: String(latencyMs) });
  try {
    const client = timedClient(createTharanisClient({ url: simulator.url, credentials: SIMULATOR_DEFAULTS, timeoutMs: 60_000, maxResponseBytes: 20 * 1_048_576 }));
    const context = createInlineContext({ pool: database.pool, client, concurrency, deps: { step: inlineStepRunner({ retries: 2, backoffMs: 500 }) } });
    // Where the time beyond the ideal goes: ERP slots left idle, or ERP calls slower than the latency.
    let samples = 0;
    let slotsInUse = 0;
    const sampler = setInterval(() => {
      samples += 1;
      slotsInUse += context.gate.inUse;
    }, 20);
    const started = performance.now();
    const { id, total } = await startHydration(context, { entities: [...ENTITIES], from: HISTORY_START_MONTH, to: monthOf(new Date()), force: false });
    await context.queue.idle();
    const wallSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
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
      erpCallMedianMs: median(client.callsMs),
      erpSlotsBusy: slotsInUse / samples / concurrency,
    };
    const rows: Row[] = [
      { measure: "partitions (months × 2 + 2 snapshots)", value: `${total} (${progress.failed} failed)`, note: `${HISTORY_START_MONTH} → ${monthOf(new Date())}` },
      { measure: "pages / records", value: `${fmt(progress.pages)} / ${fmt(progress.records)}` },
      { measure: "wall time", value: `${fmt(wallSeconds, 1)} s`, note: `simulator ${latencyMs} ms/page, ERP_MAX_CONCURRENCY=${concurrency}, ${database.source} Postgres` },
      { measure: "ideal (pages × latency ÷ concurrency)", value: `${fmt(idealSeconds, 1)} s` },
      { measure: "wall ÷ ideal", value: fmt(figures.ratio, 2), note: "target ≤ 1.2" },
      { measure: "throughput", value: `${fmt(figures.recordsPerSecond)} records/s` },
      { measure: "ERP call (HTTP exchange), median", value: `${fmt(figures.erpCallMedianMs, 0)} ms`, note: `the simulator's latency is ${latencyMs} ms; the rest is transfer and waiting for a CPU` },
      { measure: "ERP slots busy", value: `${fmt(figures.erpSlotsBusy * 100, 0)} %`, note: `share of the ${concurrency} slots in use, sampled every 20 ms` },
    ];
    printTable("Hydration of the full history", rows);
    return { rows, figures };
  } finally {
    simulator.stop();
    await database.close();
  }
}
