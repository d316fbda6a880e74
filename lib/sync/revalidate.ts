import type pg from "pg";
import { expiredPartitions, type Freshness } from "./freshness";
import { requestSyncOf, type RequestSyncResult, type SyncDispatcher } from "./request-sync";

/**
 * The read path's half of stale-while-revalidate: after answering from the
 * cache, ask for the partitions the answer showed as out of date. The request
 * time is the freshness read's database clock, so a run that started before
 * the read owes a follow-up, and one that started after does not. While the
 * ERP breaker is open nothing is asked for, until its back-off has ended.
 */
export async function revalidateExpired(
  context: { pool: pg.Pool; dispatcher: SyncDispatcher },
  freshness: Freshness,
): Promise<RequestSyncResult> {
  const { erp, checkedAt } = freshness;
  if (!erp.available && erp.reopensAt && erp.reopensAt > checkedAt) return { dispatched: [], covered: [], coalesced: [] };
  return requestSyncOf(context, expiredPartitions(freshness), "read", { requestedAt: checkedAt });
}
