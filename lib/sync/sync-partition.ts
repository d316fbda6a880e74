import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Entity, SyncTrigger } from "@/lib/db";
import { TharanisError, type DataIssue, type RecordOf, type TharanisClient } from "@/lib/tharanis";
import { breakerSettingsFromEnv, passBreaker, recordErpFailure, recordErpSuccess, type BreakerSettings } from "./breaker";
import { claimSyncLock, releaseSyncLock } from "./lock";
import { partitionFor, queryFor, ttlSecondsFor, type Partition } from "./partitions";
import { readAhead } from "./read-ahead";
import { rebuildRollups } from "./rollups";
import { holdLock, naturalKey, storePage, sweepPartition } from "./store";
import { inlineStepRunner, type StepRunner } from "./steps";

/**
 * syncPartition: the one way data gets from the ERP into the cache, used by
 * Inngest, the inline queue, the CLIs and the tests alike.
 *
 *   1. claim_sync_lock()            – skip unless this run wins (or the ERP breaker is open)
 *   2. page through the ERP          – the next page is fetched while this one is written
 *   3. upsert each page              – one statement, natural keys, stamped with the run id
 *   4. sweep after the last page     – rows the run did not see; a failed run deletes nothing
 *   5. release_sync_lock()           – counts or the error; sync_runs row; NOTIFY sync_changed
 *
 * Every ERP call and write is a named step, so under Inngest each page is
 * retried and memoised on its own. A request made during the run earns exactly
 * one follow-up run (see requestSync).
 */

export interface SyncDeps {
  pool: pg.Pool;
  client: TharanisClient;
  /** Runs a named unit of work: directly (default) or as an Inngest step. */
  step?: StepRunner;
  breaker?: BreakerSettings;
  signal?: AbortSignal;
  now?: () => Date;
  /** Called after each stored page (progress bars). */
  onPage?: (progress: PageProgress) => void;
}

export interface SyncRequest {
  entity: Entity;
  /** "YYYY-MM" or "all". */
  partition: string;
  trigger: SyncTrigger;
  /** Sync even if the partition is fresh. */
  force?: boolean;
  /** The hydration this job belongs to: skipped once that hydration is cancelled. */
  hydrationId?: string;
}

export interface PageProgress {
  entity: Entity;
  partition: string;
  page: number;
  documents: number;
  stored: number;
  last: boolean;
}

export type SkipReason = "fresh" | "locked" | "disabled" | "erp-unavailable" | "cancelled";

export type SyncOutcome =
  | { status: "skipped"; entity: Entity; partition: string; reason: SkipReason; detail?: string }
  | {
      status: "synced";
      entity: Entity;
      partition: string;
      runId: string;
      pages: number;
      records: number;
      removed: number;
      dataIssues: number;
      deletedDocuments: number;
      followUp?: SyncOutcome;
    }
  | { status: "failed"; entity: Entity; partition: string; runId: string; pages: number; records: number; error: string; erpFailure: boolean };

interface Claim {
  claimed: boolean;
  runId: string;
  pageSize: number;
  reason?: SkipReason;
  detail?: string;
}

interface FetchedPage<E extends Entity = Entity> {
  records: RecordOf<E>[];
  issues: DataIssue[];
  documents: number;
  deletedDocuments: number;
  last: boolean;
}

interface PageResult {
  documents: number;
  stored: number;
  issues: number;
  deletedDocuments: number;
  last: boolean;
}

const LOCK_LOST = "lost its lock (timed out and taken over)";

/** Thrown when the lock was taken over (this run stalled past the timeout): stop, write nothing more. */
export class LockLostError extends Error {
  constructor(partition: Partition, runId: string) {
    super(`sync run ${runId} of ${partition.entity} ${partition.key} ${LOCK_LOST}`);
    this.name = "LockLostError";
  }
}

/** Also recognises it after Inngest has carried it across a step boundary (as a StepError). */
function isLockLost(error: unknown): boolean {
  return error instanceof LockLostError || (error instanceof Error && error.message.includes(LOCK_LOST));
}

export async function syncPartition(deps: SyncDeps, request: SyncRequest): Promise<SyncOutcome> {
  const step = deps.step ?? inlineStepRunner();
  const first = await runOnce(deps, step, request, "");
  if (first.status !== "synced") return first;

  // Requests made while this run was under way are owed exactly one follow-up.
  const partition = partitionFor(request.entity, request.partition);
  const owed = await step("consume-rerun-request", () => consumeRerunRequest(deps.pool, partition));
  if (!owed) return first;
  const followUp = await runOnce(deps, step, { ...request, force: true }, "follow-up-");
  return { ...first, followUp };
}

async function runOnce(deps: SyncDeps, step: StepRunner, request: SyncRequest, prefix: string): Promise<SyncOutcome> {
  const { entity } = request;
  const partition = partitionFor(entity, request.partition);
  const base = { entity, partition: partition.key };

  const claim = await step(`${prefix}claim-lock`, () => claim_(deps, partition, request));
  if (!claim.claimed) {
    return { status: "skipped", ...base, reason: claim.reason ?? "fresh", ...(claim.detail ? { detail: claim.detail } : {}) };
  }

  const totals = { pages: 0, records: 0, issues: 0, deletedDocuments: 0 };
  const count = (page: number, result: PageResult) => {
    totals.pages += 1;
    totals.records += result.stored;
    totals.issues += result.issues;
    totals.deletedDocuments += result.deletedDocuments;
    deps.onPage?.({ ...base, page, documents: result.documents, stored: result.stored, last: result.last });
  };
  try {
    if (step.durable) {
      // Durable steps are memoised one by one, and a page is too big to memoise: each step fetches and stores its page.
      for (let page = 0; ; page += 1) {
        const result = await step(`${prefix}page-${page}`, async () => storeFetchedPage(deps, partition, claim, await fetchPage(deps, partition, claim, page)));
        count(page, result);
        if (result.last) break;
      }
    } else {
      // Otherwise page k+1 is fetched (a retried step) while page k is written.
      await readAhead({
        fetch: (page) => step(`${prefix}page-${page}`, () => fetchPage(deps, partition, claim, page)),
        store: (fetched) => storeFetchedPage(deps, partition, claim, fetched),
        isLast: (fetched) => fetched.last,
        stored: (result, page) => count(page, result),
      });
    }
    const removed = await step(`${prefix}sweep-and-release`, () => sweepAndRelease(deps.pool, partition, claim.runId, totals));
    return { status: "synced", ...base, runId: claim.runId, ...totals, dataIssues: totals.issues, removed };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const erpFailure = error instanceof TharanisError || /^Tharanis \w+ page \d+:/.test(message);
    if (!isLockLost(error)) {
      await step(`${prefix}release-failed`, () => releaseFailed(deps, partition, claim.runId, totals, message, erpFailure));
    }
    return { status: "failed", ...base, runId: claim.runId, pages: totals.pages, records: totals.records, error: message, erpFailure };
  }
}

async function claim_(deps: SyncDeps, partition: Partition, request: SyncRequest): Promise<Claim> {
  const { pool } = deps;
  const runId = randomUUID();
  const { rows } = await pool.query<{
    ttl_seconds: number;
    closed_month_ttl_seconds: number | null;
    page_size: number;
    enabled: boolean;
  }>("select ttl_seconds, closed_month_ttl_seconds, page_size, enabled from entity_config where entity = $1", [partition.entity]);
  const config = rows[0];
  if (!config?.enabled) return { claimed: false, runId, pageSize: 0, reason: "disabled" };
  if (request.hydrationId) {
    const hydration = await pool.query("select 1 from hydrations where id = $1 and status = 'cancelled'", [request.hydrationId]);
    if (hydration.rowCount) return { claimed: false, runId, pageSize: 0, reason: "cancelled" };
  }

  const gate = await passBreaker(pool);
  if (!gate.allowed) {
    const detail = `ERP unavailable until ${gate.reopensAt?.toISOString() ?? "further notice"}: ${gate.lastError ?? "repeated failures"}`;
    return { claimed: false, runId, pageSize: 0, reason: "erp-unavailable", detail };
  }

  const now = deps.now?.() ?? new Date();
  const ttlSeconds = ttlSecondsFor(partition, { ttlSeconds: config.ttl_seconds, closedMonthTtlSeconds: config.closed_month_ttl_seconds }, now);
  const claimed = await claimSyncLock(pool, {
    entity: partition.entity,
    partition: partition.key,
    filterParams: partition.params,
    filterHash: partition.filterHash,
    ttlSeconds,
    runId,
    trigger: request.trigger,
    force: request.force ?? false,
  });
  if (claimed) return { claimed, runId, pageSize: config.page_size };
  if (gate.probe) await pool.query("update erp_health set probe_started_at = null where id = 1"); // let another run probe

  const state = await pool.query<{ locked: boolean }>(
    "select lock_token is not null as locked from sync_metadata where entity = $1 and filter_hash = $2",
    [partition.entity, partition.filterHash],
  );
  return { claimed, runId, pageSize: config.page_size, reason: state.rows[0]?.locked ? "locked" : "fresh" };
}

async function fetchPage(deps: SyncDeps, partition: Partition, claim: Claim, page: number): Promise<FetchedPage> {
  // A run that lost its lock must not spend an ERP call on a page it may not write.
  const held = await deps.pool.query("select 1 from sync_metadata where entity = $1 and filter_hash = $2 and lock_token = $3", [
    partition.entity,
    partition.filterHash,
    claim.runId,
  ]);
  if (!held.rowCount) throw new LockLostError(partition, claim.runId);
  const result = await deps.client.fetchPage(partition.entity, queryFor(partition, claim.pageSize), page, { signal: deps.signal });
  await recordErpSuccess(deps.pool);
  const { records, duplicates } = dedupe(partition.entity, result.records, page);
  return { records, issues: [...result.issues, ...duplicates], documents: result.documents, deletedDocuments: result.deletedDocuments, last: result.last };
}

async function storeFetchedPage(deps: SyncDeps, partition: Partition, claim: Claim, fetched: FetchedPage): Promise<PageResult> {
  const { held, stored } = await storePage(deps.pool, partition, claim.runId, fetched.records, fetched.issues);
  if (!held) throw new LockLostError(partition, claim.runId);
  return { documents: fetched.documents, stored, issues: fetched.issues.length, deletedDocuments: fetched.deletedDocuments, last: fetched.last };
}

/** The same line twice (the ERP's order shifted between pages): keep the last, report the rest. */
function dedupe<E extends Entity>(entity: E, records: RecordOf<E>[], page: number) {
  const byKey = new Map<string, RecordOf<E>>();
  const duplicates: DataIssue[] = [];
  for (const record of records) {
    const key = naturalKey(entity, record);
    if (byKey.has(key)) {
      duplicates.push({ entity, page, record: key.replace("\u0000", "/"), field: "key", value: key.replace("\u0000", "/"), problem: "sent twice on one page; the last copy was kept" });
    }
    byKey.set(key, record);
  }
  return { records: [...byKey.values()], duplicates };
}

async function sweepAndRelease(pool: pg.Pool, partition: Partition, runId: string, totals: { pages: number; records: number }): Promise<number> {
  const connection = await pool.connect();
  try {
    await connection.query("begin");
    if (!(await holdLock(connection, partition, runId))) throw new LockLostError(partition, runId);
    const removed = await sweepPartition(connection, partition, runId);
    await rebuildRollups(connection, partition);
    // Same transaction: readers never see the sweep without the new rollups and freshness, or the reverse.
    await releaseSyncLock(connection, { entity: partition.entity, filterHash: partition.filterHash, runId, pages: totals.pages, records: totals.records });
    await connection.query("commit");
    return removed;
  } catch (error) {
    await connection.query("rollback").catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}

async function releaseFailed(
  deps: SyncDeps,
  partition: Partition,
  runId: string,
  totals: { pages: number; records: number },
  message: string,
  erpFailure: boolean,
): Promise<boolean> {
  // The failure may be the database itself (restarting, unreachable for a moment):
  // keep trying for a while, so the error is recorded and the lock freed at once
  // instead of after the lock timeout.
  for (let attempt = 0; ; attempt += 1) {
    try {
      if (erpFailure) await recordErpFailure(deps.pool, message, deps.breaker ?? breakerSettingsFromEnv());
      return await releaseSyncLock(deps.pool, {
        entity: partition.entity,
        filterHash: partition.filterHash,
        runId,
        pages: totals.pages,
        records: totals.records,
        error: message,
      });
    } catch (error) {
      if (attempt >= RELEASE_RETRY_DELAYS_MS.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, RELEASE_RETRY_DELAYS_MS[attempt]));
    }
  }
}

const RELEASE_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000];

/** Takes the follow-up owed to requests made during the run, if any (atomically: one taker). */
async function consumeRerunRequest(pool: pg.Pool, partition: Partition): Promise<boolean> {
  const { rowCount } = await pool.query(
    `update sync_metadata set rerun_requested = false
      where entity = $1 and filter_hash = $2 and rerun_requested and lock_token is null
      returning id`,
    [partition.entity, partition.filterHash],
  );
  return (rowCount ?? 0) > 0;
}
