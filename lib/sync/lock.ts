import type { Entity, SyncTrigger } from "@/lib/db";

/** Anything that can run a parameterised query: a pg Pool, Client or PoolClient. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface ClaimRequest {
  entity: Entity;
  partition: string;
  filterParams: Record<string, unknown>;
  filterHash: string;
  ttlSeconds: number;
  runId: string;
  trigger: SyncTrigger;
  force?: boolean;
}

/** True when this run won the partition's lock (see claim_sync_lock() in the migrations). */
export async function claimSyncLock(db: Queryable, request: ClaimRequest): Promise<boolean> {
  const { rows } = await db.query<{ claimed: boolean }>(
    "select claim_sync_lock($1, $2, $3, $4, $5, $6, $7, $8) as claimed",
    [
      request.entity,
      request.partition,
      JSON.stringify(request.filterParams),
      request.filterHash,
      request.ttlSeconds,
      request.runId,
      request.trigger,
      request.force ?? false,
    ],
  );
  return rows[0]?.claimed === true;
}

export interface ReleaseRequest {
  entity: Entity;
  filterHash: string;
  runId: string;
  pages: number;
  records: number;
  /** Set when the run failed: the partition keeps its previous last_synced_at. */
  error?: string;
}

/** False when the run no longer held the lock (it timed out and was taken over). */
export async function releaseSyncLock(db: Queryable, request: ReleaseRequest): Promise<boolean> {
  const { rows } = await db.query<{ released: boolean }>(
    "select release_sync_lock($1, $2, $3, $4, $5, $6) as released",
    [request.entity, request.filterHash, request.runId, request.pages, request.records, request.error ?? null],
  );
  return rows[0]?.released === true;
}
