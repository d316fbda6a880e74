import type pg from "pg";
import { getDb } from "@/lib/db";
import { getEnv, jobsMode } from "@/lib/env";
import { getTharanisClient, type TharanisClient } from "@/lib/tharanis";
import { ErpGate, gatedClient } from "./erp-gate";
import { InlineSyncQueue, PRIORITY } from "./inline-queue";
import { createInngestDispatcher } from "./inngest-dispatcher";
import { requestSyncOf, type SyncDispatcher } from "./request-sync";
import { syncPartition, type SyncDeps } from "./sync-partition";

/** What every trigger needs: the database, the ERP client and where jobs go. */
export interface SyncContext {
  pool: pg.Pool;
  client: TharanisClient;
  dispatcher: SyncDispatcher;
  /** Inline mode only: the in-process queue (stats for the admin page, idle() for tests). */
  queue?: InlineSyncQueue;
  /** Inline mode only: the ERP call limit (in use / queued, for the admin page). */
  gate?: ErpGate;
}

export interface InlineOptions {
  pool: pg.Pool;
  client: TharanisClient;
  concurrency: number;
  /** Overrides for syncPartition (retry policy, breaker settings) – tests. Its client, if any, is gated too. */
  deps?: Partial<SyncDeps>;
}

/** Inline mode: an in-process queue running syncPartition, with the same dedupe and limits as Inngest. */
export function createInlineContext(options: InlineOptions): SyncContext & { queue: InlineSyncQueue; gate: ErpGate } {
  const { pool, client } = options;
  const gate = new ErpGate(options.concurrency);
  const queue = new InlineSyncQueue(
    (job) => syncPartition({ pool, ...options.deps, client: gatedClient(options.deps?.client ?? client, gate, PRIORITY[job.trigger]) }, job),
    options.concurrency,
  );
  const context: SyncContext & { queue: InlineSyncQueue; gate: ErpGate } = {
    pool,
    client,
    queue,
    gate,
    dispatcher: {
      mode: "inline",
      async dispatch(jobs) {
        queue.enqueue(jobs);
      },
      async hydrate(hydration, jobs) {
        await requestSyncOf(context, jobs, "hydrate", { force: hydration.force, hydrationId: hydration.hydrationId });
      },
      async cancelHydration(hydrationId) {
        queue.cancel((job) => job.hydrationId === hydrationId);
      },
    },
  };
  return context;
}

const GLOBAL_KEY = Symbol.for("erp-cache.sync-context");
type GlobalWithContext = typeof globalThis & { [GLOBAL_KEY]?: Promise<SyncContext> };

/** The process's sync context, from the environment (one per process, shared by all bundles). */
export function getSyncContext(): Promise<SyncContext> {
  const holder = globalThis as GlobalWithContext;
  holder[GLOBAL_KEY] ??= (async () => {
    const { pool } = await getDb();
    const client = getTharanisClient();
    if (jobsMode() === "inngest") return { pool, client, dispatcher: createInngestDispatcher() };
    return createInlineContext({ pool, client, concurrency: getEnv().ERP_MAX_CONCURRENCY });
  })().catch((error: unknown) => {
    delete holder[GLOBAL_KEY];
    throw error;
  });
  return holder[GLOBAL_KEY];
}

/** Lets queued syncs finish and forgets the process's context (graceful shutdown, tests). */
export async function closeSyncContext(): Promise<void> {
  const holder = globalThis as GlobalWithContext;
  const pending = holder[GLOBAL_KEY];
  if (!pending) return;
  const context = await pending.catch(() => undefined);
  await context?.queue?.idle();
  delete holder[GLOBAL_KEY];
}
