/**
 * "Today's month grows as the day goes on": the ERP shows a document once it is posted.
 * Past months are complete, the current month is cut at `now`, future months are empty.
 */
import { monthOfInstant, monthOrdinal, type MonthKey } from "./calendar";

export type MonthState = "past" | "current" | "future";

export function monthState(month: MonthKey, now: Date): MonthState {
  const difference = monthOrdinal(month) - monthOrdinal(monthOfInstant(now));
  return difference < 0 ? "past" : difference === 0 ? "current" : "future";
}

/**
 * How many of a month's documents (sorted by posting time) the ERP shows at `now`:
 * always a prefix, because documents are numbered in posting order.
 */
export function visibleCount(postedAt: ArrayLike<number>, month: MonthKey, now: Date): number {
  const state = monthState(month, now);
  if (state === "past") return postedAt.length;
  if (state === "future") return 0;
  const cutoff = now.getTime();
  let low = 0;
  let high = postedAt.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((postedAt[middle] as number) <= cutoff) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function visibleDocuments<T extends { postedAt: number }>(documents: readonly T[], month: MonthKey, now: Date): T[] {
  return documents.slice(0, visibleCount(documents.map((document) => document.postedAt), month, now));
}
