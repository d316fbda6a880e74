import type pg from "pg";
import { ENTITIES } from "@/lib/db";
import { createInlineContext } from "@/lib/sync/context";
import { hydrationProgress, startHydration } from "@/lib/sync/hydrate";
import { HISTORY_START_MONTH, monthOf } from "@/lib/sync/partitions";
import { inlineStepRunner } from "@/lib/sync/steps";
import { createTharanisClient, SIMULATOR_DEFAULTS } from "@/lib/tharanis";

/** Hydrates the full history (every entity) from a simulator into `pool`; returns what it took. */
export async function fillCache(pool: pg.Pool, simulatorUrl: string, concurrency = 4) {
  const client = createTharanisClient({ url: simulatorUrl, credentials: SIMULATOR_DEFAULTS, timeoutMs: 60_000, maxResponseBytes: 20 * 1_048_576 });
  const context = createInlineContext({ pool, client, concurrency, deps: { step: inlineStepRunner({ retries: 2, backoffMs: 500 }) } });
  const started = performance.now();
  const { id, total } = await startHydration(context, { entities: [...ENTITIES], from: HISTORY_START_MONTH, to: monthOf(new Date()), force: false });
  await context.queue.idle();
  const progress = (await hydrationProgress(pool, id))!;
  if (progress.failed > 0) throw new Error(`hydration left ${progress.failed} partition(s) failed`);
  return { partitions: total, pages: progress.pages, records: progress.records, seconds: (performance.now() - started) / 1000 };
}
