import "server-only";
import { ENTITIES, getDb, type Entity, type Hydration } from "@/lib/db";
import { jobsMode } from "@/lib/env";
import { getSyncContext } from "@/lib/sync/context";
import { readFreshness, type PartitionFreshness } from "@/lib/sync/freshness";
import { hydrationProgress, type HydrationProgress } from "@/lib/sync/hydrate";
import { HISTORY_START_MONTH, isHotMonth, monthOf, monthRange, partitionsOf, SNAPSHOT_KEY, type Month } from "@/lib/sync/partitions";
import { DATED_ENTITIES, isDatedEntity } from "@/lib/tharanis/mapping";

/**
 * The admin's view of the cache: every partition's state (the coverage grid),
 * hydrations and their progress, and how hard the ERP is being worked right now.
 */

export type CellState = "fresh" | "closed" | "stale" | "syncing" | "never" | "error";

export interface CoverageCell {
  entity: Entity;
  partition: string;
  /** `closed`: a fresh closed month (checked on the long closed-month TTL). */
  state: CellState;
  records: number;
  pages: number;
  lastSyncedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface Coverage {
  /** Newest first. */
  months: string[];
  dated: Entity[];
  snapshots: Entity[];
  /** Keyed "entity/partition". */
  cells: Record<string, CoverageCell>;
  counts: Record<CellState, number>;
  total: number;
}

export async function getCoverage(now = new Date()): Promise<Coverage> {
  const { pool } = await getDb();
  const to = monthOf(now);
  const partitions = ENTITIES.flatMap((entity) => partitionsOf(entity, HISTORY_START_MONTH, to));
  const freshness = await readFreshness(pool, partitions);
  const counts: Record<CellState, number> = { fresh: 0, closed: 0, stale: 0, syncing: 0, never: 0, error: 0 };
  const cells: Record<string, CoverageCell> = {};
  for (const partition of freshness.partitions) {
    const cell = toCell(partition, now);
    counts[cell.state] += 1;
    cells[`${cell.entity}/${cell.partition}`] = cell;
  }
  return {
    months: monthRange(HISTORY_START_MONTH, to).reverse(),
    dated: [...DATED_ENTITIES],
    snapshots: ENTITIES.filter((entity) => !isDatedEntity(entity)),
    cells,
    counts,
    total: partitions.length,
  };
}

function toCell(partition: PartitionFreshness, now: Date): CoverageCell {
  const closed = partition.partition !== SNAPSHOT_KEY && !isHotMonth(partition.partition as Month, now);
  const state: CellState = partition.state === "fresh" && closed ? "closed" : partition.state;
  return {
    entity: partition.entity,
    partition: partition.partition,
    state,
    records: partition.records,
    pages: partition.pages,
    lastSyncedAt: partition.lastSyncedAt?.toISOString() ?? null,
    lastError: partition.lastError,
    lastErrorAt: partition.lastErrorAt?.toISOString() ?? null,
  };
}

export interface HydrationSummary extends Omit<HydrationProgress, "startedAt" | "finishedAt"> {
  entities: Entity[];
  from: string;
  to: string;
  force: boolean;
  mode: Hydration["mode"];
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** Over the hydration's lifetime so far. */
  pagesPerSecond: number;
  recordsPerSecond: number;
  /** Seconds left at the current pace; null until a partition is done. */
  etaSeconds: number | null;
}

export interface ErpLoad {
  mode: "inngest" | "inline";
  /** Syncs running now (all processes, from sync_runs). */
  runningSyncs: number;
  /** Inline mode: ERP calls in flight and waiting in this process. */
  erpCallsInFlight: number | null;
  erpCallsWaiting: number | null;
  erpConcurrencyLimit: number | null;
  breaker: { open: boolean; consecutiveFailures: number; reopensAt: string | null; lastError: string | null; lastErrorAt: string | null };
}

export interface ConsoleStatus {
  at: string;
  hydrations: HydrationSummary[];
  erp: ErpLoad;
}

/** Recent hydrations (running first) with progress and pace, and the ERP's load – the console's live panel. */
export async function getConsoleStatus(limit = 5): Promise<ConsoleStatus> {
  const { pool } = await getDb();
  const [recent, running, health] = await Promise.all([
    pool.query<{ id: string; entities: Entity[]; from_month: string; to_month: string; force: boolean; mode: Hydration["mode"]; requested_by: string | null }>(
      `select id, entities, from_month, to_month, force, mode, requested_by from hydrations
        order by (status = 'running') desc, started_at desc limit $1`,
      [limit],
    ),
    pool.query<{ n: number }>("select count(*)::int as n from sync_runs where status = 'running'"),
    pool.query<{ state: string; consecutive_failures: number; opened_until: Date | null; last_error: string | null; last_error_at: Date | null }>(
      "select state, consecutive_failures, opened_until, last_error, last_error_at from erp_health where id = 1",
    ),
  ]);
  const hydrations = await Promise.all(
    recent.rows.map(async (row) => {
      const progress = (await hydrationProgress(pool, row.id))!;
      const end = progress.finishedAt ?? new Date();
      const seconds = Math.max(0.001, (end.getTime() - progress.startedAt.getTime()) / 1000);
      const finished = progress.done + progress.failed;
      const remaining = Math.max(0, progress.total - finished);
      return {
        ...progress,
        entities: row.entities,
        from: row.from_month,
        to: row.to_month,
        force: row.force,
        mode: row.mode,
        requestedBy: row.requested_by,
        startedAt: progress.startedAt.toISOString(),
        finishedAt: progress.finishedAt?.toISOString() ?? null,
        pagesPerSecond: progress.pages / seconds,
        recordsPerSecond: progress.records / seconds,
        etaSeconds: progress.status === "running" && finished > 0 ? (seconds / finished) * remaining : null,
      } satisfies HydrationSummary;
    }),
  );
  const mode = jobsMode();
  const context = mode === "inline" ? await getSyncContext() : undefined;
  const breaker = health.rows[0];
  return {
    at: new Date().toISOString(),
    hydrations,
    erp: {
      mode,
      runningSyncs: running.rows[0]?.n ?? 0,
      erpCallsInFlight: context?.gate?.inUse ?? null,
      erpCallsWaiting: context?.gate?.queued ?? null,
      erpConcurrencyLimit: context?.gate?.limit ?? null,
      breaker: {
        open: breaker?.state === "open",
        consecutiveFailures: breaker?.consecutive_failures ?? 0,
        reopensAt: breaker?.opened_until?.toISOString() ?? null,
        lastError: breaker?.last_error ?? null,
        lastErrorAt: breaker?.last_error_at?.toISOString() ?? null,
      },
    },
  };
}

export const SYNC_RUN_STATUSES = ["running", "success", "error", "abandoned"] as const;

export interface SyncRunRow {
  id: string;
  entity: Entity;
  partition: string;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  pages: number;
  records: number;
  dataIssues: number;
  error: string | null;
}

export interface SyncRunsPage {
  runs: SyncRunRow[];
  page: number;
  pageSize: number;
  matching: number;
}

/** The sync history, newest first, filtered and paginated. */
export async function getSyncRuns(filter: { entity?: Entity; status?: string; trigger?: string; page: number; pageSize: number }): Promise<SyncRunsPage> {
  const { pool } = await getDb();
  const { rows } = await pool.query<{
    id: string;
    entity: Entity;
    partition: string;
    trigger: string;
    status: string;
    started_at: Date;
    finished_at: Date | null;
    pages: number;
    records: number;
    data_issues: number;
    error: string | null;
    matching: number;
  }>(
    `select id, entity, partition, trigger, status, started_at, finished_at, pages, records, data_issues, error,
            count(*) over ()::int as matching
       from sync_runs
      where ($1::text is null or entity = $1) and ($2::text is null or status = $2) and ($3::text is null or trigger = $3)
      order by started_at desc, id
      limit $4 offset $5`,
    [filter.entity ?? null, filter.status ?? null, filter.trigger ?? null, filter.pageSize, (filter.page - 1) * filter.pageSize],
  );
  let matching = rows[0]?.matching ?? 0;
  if (rows.length === 0 && filter.page > 1) {
    const count = await pool.query<{ n: number }>(
      `select count(*)::int as n from sync_runs
        where ($1::text is null or entity = $1) and ($2::text is null or status = $2) and ($3::text is null or trigger = $3)`,
      [filter.entity ?? null, filter.status ?? null, filter.trigger ?? null],
    );
    matching = count.rows[0]?.n ?? 0;
  }
  return {
    runs: rows.map((row) => ({
      id: row.id,
      entity: row.entity,
      partition: row.partition,
      trigger: row.trigger,
      status: row.status,
      startedAt: row.started_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      durationMs: row.finished_at ? row.finished_at.getTime() - row.started_at.getTime() : null,
      pages: row.pages,
      records: row.records,
      dataIssues: row.data_issues,
      error: row.error,
    })),
    page: filter.page,
    pageSize: filter.pageSize,
    matching,
  };
}
