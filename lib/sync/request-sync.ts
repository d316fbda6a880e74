import type pg from "pg";
import type { Entity, SyncTrigger } from "@/lib/db";
import { loadEntityConfigs } from "./entity-config";
import type { HydrationParams, PlannedJob } from "./hydrate";
import type { SyncJob } from "./inline-queue";
import { partitionFor, ttlSecondsFor } from "./partitions";

/**
 * Hands jobs to whatever runs syncs: Inngest (events whose id deduplicates
 * them) or the in-process queue of inline mode.
 */
export interface SyncDispatcher {
  readonly mode: "inngest" | "inline";
  dispatch(jobs: SyncJob[]): Promise<void>;
  /** Starts the fan-out of a recorded hydration (see lib/sync/hydrate.ts); `jobs` is its plan. */
  hydrate(hydration: HydrationParams & { hydrationId: string }, jobs: PlannedJob[]): Promise<void>;
  /** Stops a hydration's jobs that have not started; running partitions finish. */
  cancelHydration(hydrationId: string): Promise<void>;
}

export interface RequestSyncOptions {
  /** Sync even if fresh – an explicit "refresh now" (admins, forced hydration). */
  force?: boolean;
  hydrationId?: string;
  /**
   * When the caller asked (database clock). A forced request made after a run
   * began earns that run one follow-up. Default: now.
   */
  requestedAt?: Date;
}

export interface RequestSyncResult {
  /** "entity/partition" handed to Inngest / the queue (which may still find them fresh or taken). */
  dispatched: string[];
  /** Syncing right now: the run under way will make them fresh, so nothing more is asked. */
  covered: string[];
  /** Forced while syncing (since before the request): marked for exactly one follow-up run. */
  coalesced: string[];
}

/**
 * The one entry point for every trigger (reads, cron, hydration, admins, CLIs).
 *
 * A partition that is syncing right now is not dispatched again. A TTL-driven
 * request (a read, the cron) is satisfied by the run under way – its data is
 * fresh when it lands – so a burst of reads straddling a run's start, from any
 * number of processes, still costs one ERP pagination. A forced request made
 * after the run began asks for what the ERP got since: the run owes exactly
 * one follow-up (rerun_requested, consumed by the run when it ends).
 * Everything else is dispatched; duplicates die downstream (event ids, queue
 * dedupe) and, finally, at claim_sync_lock().
 */
export async function requestSync(
  context: { pool: pg.Pool; dispatcher: SyncDispatcher },
  entity: Entity,
  partitions: readonly string[],
  trigger: SyncTrigger,
  options: RequestSyncOptions = {},
): Promise<RequestSyncResult> {
  return requestSyncOf(context, partitions.map((partition) => ({ entity, partition })), trigger, options);
}

/** requestSync for partitions of several entities, dispatched in the order given (hydration: newest first). */
export async function requestSyncOf(
  context: { pool: pg.Pool; dispatcher: SyncDispatcher },
  refs: ReadonlyArray<{ entity: Entity; partition: string }>,
  trigger: SyncTrigger,
  options: RequestSyncOptions = {},
): Promise<RequestSyncResult> {
  const wanted = new Map(
    refs.map((ref) => {
      const partition = partitionFor(ref.entity, ref.partition);
      return [`${partition.entity}/${partition.key}`, partition] as const;
    }),
  );
  if (wanted.size === 0) return { dispatched: [], covered: [], coalesced: [] };
  const all = [...wanted.values()];
  const force = options.force ?? false;

  // Live runs of the wanted partitions; for a forced request, those begun before it owe a follow-up.
  const { rows } = await context.pool.query<{ entity: Entity; partition: string; follow_up: boolean }>(
    `with live as (
       select m.id, m.entity, m.partition, r.started_at < coalesce($4::timestamptz, now()) as begun_before
         from unnest($1::text[], $2::text[]) as w(entity, partition)
         join sync_metadata m on m.entity = w.entity and m.partition = w.partition
         join entity_config c on c.entity = m.entity
         join sync_runs r on r.id = m.lock_token
        where m.locked_at > now() - make_interval(secs => c.lock_timeout_seconds)
     ),
     marked as (
       update sync_metadata m set rerun_requested = true
         from live where $3 and live.begun_before and m.id = live.id
       returning m.id
     )
     select live.entity, live.partition, live.id in (select id from marked) as follow_up from live`,
    [all.map((p) => p.entity), all.map((p) => p.key), force, options.requestedAt ?? null],
  );
  const live = new Map(rows.map((row) => [`${row.entity}/${row.partition}`, row.follow_up]));
  const toDispatch = all.filter((p) => !live.has(`${p.entity}/${p.key}`));
  if (toDispatch.length > 0) {
    const configs = await loadEntityConfigs(context.pool);
    const now = new Date();
    await context.dispatcher.dispatch(
      toDispatch.map((partition) => {
        const config = configs.get(partition.entity);
        return {
          entity: partition.entity,
          partition: partition.key,
          trigger,
          force,
          ttlSeconds: config ? ttlSecondsFor(partition, config, now) : 60,
          ...(options.hydrationId ? { hydrationId: options.hydrationId } : {}),
        };
      }),
    );
  }
  return {
    dispatched: toDispatch.map((p) => `${p.entity}/${p.key}`),
    covered: [...live].filter(([, followUp]) => !followUp).map(([key]) => key),
    coalesced: [...live].filter(([, followUp]) => followUp).map(([key]) => key),
  };
}
