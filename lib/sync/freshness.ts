import type { Entity } from "@/lib/db";
import { readErpStatus, type ErpStatus } from "./breaker";
import type { Queryable } from "./lock";
import { partitionFor, ttlSecondsFor, type Partition } from "./partitions";

/**
 * How fresh a set of partitions is, from sync_metadata in one round trip.
 *
 * Per partition: `never` without data (also while its first sync runs – the
 * user is waiting for data, not for a refresh), unless its last attempt
 * failed (`error`); with data: `syncing` while a live lock is held, `error`
 * when the last attempt failed and the data is out of date, `stale` past its
 * TTL, `fresh` otherwise. `expired` (no data, or older than the TTL) is what
 * decides whether a read asks for a sync.
 */

export type PartitionState = "fresh" | "stale" | "syncing" | "never" | "error";
export type ViewState = PartitionState | "erp-unavailable";

export interface PartitionFreshness {
  entity: Entity;
  partition: string;
  state: PartitionState;
  /** A sync of it is running (also for never-cached partitions, whose state stays `never`). */
  syncing: boolean;
  expired: boolean;
  lastSyncedAt: Date | null;
  ttlSeconds: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** Of the last successful run. */
  records: number;
  pages: number;
}

export interface Freshness {
  /** One word for a badge, worst first: erp-unavailable, error, never (some data not cached yet), syncing, stale, fresh. */
  state: ViewState;
  total: number;
  counts: Record<PartitionState, number>;
  /** Partitions with cached data. */
  cached: number;
  oldestSyncedAt: Date | null;
  newestSyncedAt: Date | null;
  partitions: PartitionFreshness[];
  erp: ErpStatus;
  /** The database's clock when this was read (every age is relative to it). */
  checkedAt: Date;
}

interface Row {
  i: number;
  status: string | null;
  last_synced_at: Date | null;
  syncing: boolean | null;
  last_error: string | null;
  last_error_at: Date | null;
  records: number | null;
  pages: number | null;
  ttl_seconds: number;
  closed_month_ttl_seconds: number | null;
  db_now: Date;
}

export async function readFreshness(db: Queryable, partitions: readonly Partition[]): Promise<Freshness> {
  if (partitions.length === 0) return summarise([], await readErpStatus(db), new Date());
  // One round trip: the partitions, the breaker's row and the database clock together.
  const rows = await db.query<Row & { erp: ErpRow | null }>(
    `select w.i, m.status, m.last_synced_at, m.records, m.pages, m.last_error, m.last_error_at,
            m.lock_token is not null and m.locked_at > now() - make_interval(secs => c.lock_timeout_seconds) as syncing,
            c.ttl_seconds, c.closed_month_ttl_seconds, now() as db_now,
            (select row_to_json(h) from erp_health h where h.id = 1) as erp
       from unnest($1::text[], $2::text[]) with ordinality as w(entity, filter_hash, i)
       join entity_config c on c.entity = w.entity
       left join sync_metadata m on m.entity = w.entity and m.filter_hash = w.filter_hash
      order by w.i`,
    [partitions.map((p) => p.entity), partitions.map((p) => p.filterHash)],
  );
  const checkedAt = rows.rows[0]?.db_now ?? new Date();
  const details = rows.rows.map((row) => describe(partitions[Number(row.i) - 1]!, row, checkedAt));
  return summarise(details, erpStatusFrom(rows.rows[0]?.erp ?? null), checkedAt);
}

/** erp_health as row_to_json gives it (timestamps as ISO text). */
interface ErpRow {
  state: string;
  consecutive_failures: number;
  opened_until: string | null;
  last_error: string | null;
  last_error_at: string | null;
  last_success_at: string | null;
}

function erpStatusFrom(row: ErpRow | null): ErpStatus {
  const date = (value: string | null) => (value ? new Date(value) : null);
  return {
    available: !row || row.state === "closed",
    consecutiveFailures: row?.consecutive_failures ?? 0,
    reopensAt: date(row?.opened_until ?? null),
    lastError: row?.last_error ?? null,
    lastErrorAt: date(row?.last_error_at ?? null),
    lastSuccessAt: date(row?.last_success_at ?? null),
  };
}

function describe(partition: Partition, row: Row, now: Date): PartitionFreshness {
  const ttlSeconds = ttlSecondsFor(partition, { ttlSeconds: row.ttl_seconds, closedMonthTtlSeconds: row.closed_month_ttl_seconds }, now);
  const lastSyncedAt = row.last_synced_at;
  const expired = !lastSyncedAt || now.getTime() - lastSyncedAt.getTime() >= ttlSeconds * 1000;
  const syncing = row.syncing === true;
  let state: PartitionState;
  if (!lastSyncedAt) state = row.status === "error" && !syncing ? "error" : "never";
  else if (syncing) state = "syncing";
  else if (row.status === "error" && expired) state = "error";
  else state = expired ? "stale" : "fresh";
  return {
    entity: partition.entity,
    partition: partition.key,
    state,
    syncing,
    expired,
    lastSyncedAt,
    ttlSeconds,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    records: row.records ?? 0,
    pages: row.pages ?? 0,
  };
}

export function summarise(partitions: PartitionFreshness[], erp: ErpStatus, checkedAt: Date): Freshness {
  const counts: Record<PartitionState, number> = { fresh: 0, stale: 0, syncing: 0, never: 0, error: 0 };
  let oldest: Date | null = null;
  let newest: Date | null = null;
  let cached = 0;
  for (const partition of partitions) {
    counts[partition.state] += 1;
    const synced = partition.lastSyncedAt;
    if (!synced) continue;
    cached += 1;
    if (!oldest || synced < oldest) oldest = synced;
    if (!newest || synced > newest) newest = synced;
  }
  const total = partitions.length;
  let state: ViewState;
  if (!erp.available && counts.fresh < total) state = "erp-unavailable";
  else if (counts.error > 0) state = "error";
  else if (counts.never > 0) state = "never";
  else if (counts.syncing > 0) state = "syncing";
  else if (counts.stale > 0) state = "stale";
  else state = "fresh";
  return { state, total, counts, cached, oldestSyncedAt: oldest, newestSyncedAt: newest, partitions, erp, checkedAt };
}

/** Partitions a read should ask to refresh: out of date and not already being refreshed for it. */
export function expiredPartitions(freshness: Freshness): Array<{ entity: Entity; partition: string }> {
  return freshness.partitions.filter((p) => p.expired).map((p) => ({ entity: p.entity, partition: p.partition }));
}

export function partitionsFrom(refs: ReadonlyArray<{ entity: Entity; partition: string }>): Partition[] {
  return refs.map((ref) => partitionFor(ref.entity, ref.partition));
}
