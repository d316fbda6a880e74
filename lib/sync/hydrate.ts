import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Entity, Hydration } from "@/lib/db";
import { isDatedEntity } from "@/lib/tharanis/mapping";
import { readFreshness } from "./freshness";
import { HISTORY_START_MONTH, monthOf, parseMonth, partitionsOf, type Month } from "./partitions";
import type { SyncDispatcher } from "./request-sync";

/**
 * Hydration: filling the cache with history, one job per month (and one per
 * snapshot entity), newest month first so recent dashboards fill in first.
 * Fresh months are skipped unless forced, which also makes a re-run resume
 * where an interrupted one stopped.
 */

export interface HydrationParams {
  entities: Entity[];
  from: Month;
  to: Month;
  force: boolean;
}

export interface PlannedJob {
  entity: Entity;
  partition: string;
}

export function hydrationDefaults(now: Date): { from: Month; to: Month } {
  return { from: HISTORY_START_MONTH, to: monthOf(now) };
}

export function validateHydrationParams(params: HydrationParams, now: Date): HydrationParams {
  const from = parseMonth(params.from, "from");
  const to = parseMonth(params.to, "to");
  if (from > to) throw new RangeError(`from (${from}) is after to (${to})`);
  if (from < HISTORY_START_MONTH) throw new RangeError(`from (${from}) is before the ERP's history starts (${HISTORY_START_MONTH})`);
  if (to > monthOf(now)) throw new RangeError(`to (${to}) is in the future`);
  if (params.entities.length === 0) throw new RangeError("entities must not be empty");
  return { ...params, from, to, entities: [...new Set(params.entities)] };
}

/** The jobs of a hydration: newest month first, across entities; fresh ones left out unless forced. */
export async function planHydration(pool: pg.Pool, params: HydrationParams): Promise<{ jobs: PlannedJob[]; skippedFresh: number }> {
  const partitions = params.entities.flatMap((entity) => partitionsOf(entity, params.from, params.to));
  const freshness = params.force ? undefined : await readFreshness(pool, partitions);
  const wanted = partitions.filter((_, index) => params.force || freshness!.partitions[index]!.state !== "fresh");
  const jobs = wanted
    .map((p) => ({ entity: p.entity, partition: p.key }))
    // Snapshots first (one page-run each, and every view needs them), then months newest first.
    .sort((a, b) => rank(b) - rank(a) || (a.partition < b.partition ? 1 : a.partition > b.partition ? -1 : 0));
  return { jobs, skippedFresh: partitions.length - wanted.length };
}

function rank(job: PlannedJob): number {
  return isDatedEntity(job.entity) ? 0 : 1;
}

export async function recordHydration(
  pool: pg.Pool,
  params: HydrationParams,
  mode: Hydration["mode"],
  totalPartitions: number,
  requestedBy?: string,
): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `insert into hydrations (id, entities, from_month, to_month, force, mode, status, total_partitions, requested_by)
     values ($1, $2, $3, $4, $5, $6, 'running', $7, $8)`,
    [id, params.entities, params.from, params.to, params.force, mode, totalPartitions, requestedBy ?? null],
  );
  return id;
}

export interface HydrationProgress {
  id: string;
  status: Hydration["status"];
  total: number;
  done: number;
  failed: number;
  syncing: number;
  records: number;
  pages: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/**
 * Progress from the cache itself, the same in every mode and process: a
 * partition is done once a run that started after the hydration succeeded.
 * Marks the hydration done when every planned partition is done or failed.
 */
export async function hydrationProgress(pool: pg.Pool, id: string): Promise<HydrationProgress | null> {
  const { rows } = await pool.query<{
    status: Hydration["status"];
    total_partitions: number;
    started_at: Date;
    finished_at: Date | null;
    done: number;
    failed: number;
    syncing: number;
    records: string;
    pages: string;
  }>(
    `select h.status, h.total_partitions, h.started_at, h.finished_at,
            count(*) filter (where m.last_synced_at >= h.started_at)::int as done,
            count(*) filter (where m.status = 'error' and m.last_error_at >= h.started_at
                               and (m.last_synced_at is null or m.last_synced_at < h.started_at))::int as failed,
            count(*) filter (where m.status = 'syncing')::int as syncing,
            coalesce((select sum(r.records) from sync_runs r where r.trigger = 'hydrate' and r.started_at >= h.started_at), 0) as records,
            coalesce((select sum(r.pages) from sync_runs r where r.trigger = 'hydrate' and r.started_at >= h.started_at), 0) as pages
       from hydrations h
       left join sync_metadata m
         on m.entity = any(h.entities)
        and (m.partition = 'all' or m.partition between h.from_month and h.to_month)
      where h.id = $1
      group by h.id`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  let status = row.status;
  let finishedAt = row.finished_at;
  if (status === "running" && row.done + row.failed >= row.total_partitions) {
    const finished = await pool.query<{ finished_at: Date; status: Hydration["status"] }>(
      `update hydrations set status = $2, finished_at = now() where id = $1 and status = 'running' returning finished_at, status`,
      [id, row.failed > 0 ? "failed" : "done"],
    );
    status = finished.rows[0]?.status ?? status;
    finishedAt = finished.rows[0]?.finished_at ?? finishedAt;
  }
  return {
    id,
    status,
    total: row.total_partitions,
    done: Math.min(row.done, row.total_partitions),
    failed: row.failed,
    syncing: row.syncing,
    records: Number(row.records),
    pages: Number(row.pages),
    startedAt: row.started_at,
    finishedAt,
  };
}

export async function markHydrationCancelled(pool: pg.Pool, id: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `update hydrations set status = 'cancelled', finished_at = now() where id = $1 and status = 'running'`,
    [id],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Records a hydration and starts it the way this process runs jobs (Inngest
 * event or inline queue). Returns at once; progress comes from hydrationProgress().
 */
export async function startHydration(
  context: { pool: pg.Pool; dispatcher: SyncDispatcher },
  params: HydrationParams,
  options: { requestedBy?: string; now?: Date } = {},
): Promise<{ id: string; total: number; skippedFresh: number }> {
  const valid = validateHydrationParams(params, options.now ?? new Date());
  const { jobs, skippedFresh } = await planHydration(context.pool, valid);
  const id = await recordHydration(context.pool, valid, context.dispatcher.mode, jobs.length, options.requestedBy);
  await context.dispatcher.hydrate({ ...valid, hydrationId: id }, jobs);
  if (jobs.length === 0) await hydrationProgress(context.pool, id); // nothing to do: done at once
  return { id, total: jobs.length, skippedFresh };
}

export async function cancelHydration(context: { pool: pg.Pool; dispatcher: SyncDispatcher }, id: string): Promise<boolean> {
  const cancelled = await markHydrationCancelled(context.pool, id);
  if (cancelled) await context.dispatcher.cancelHydration(id);
  return cancelled;
}
