/**
 * When documents happen: business days (weekends quiet), business hours, and numbers
 * that run through the year in posting order – so sorting by (date, number) is the
 * same as sorting by posting time, and "what exists at time T" is a prefix.
 */
import { daysInMonth, FIRST_MONTH, instantOf, monthKey, monthOrdinal, parseMonthKey, weekday, type MonthKey } from "./calendar";
import type { Random } from "./random";

/** Relative activity by weekday, Sunday first. */
const WEEKDAY_WEIGHTS = [0.1, 1, 1, 1, 1, 1, 0.35];
const OPENING_SECOND = 7 * 3600;
const CLOSING_SECOND = 19 * 3600;

export interface PostingTime {
  day: number;
  secondOfDay: number;
  /** Epoch milliseconds (UTC) at which the ERP shows the document. */
  postedAt: number;
}

export function dayWeights(month: MonthKey): number[] {
  const weights: number[] = [];
  for (let day = 1; day <= daysInMonth(month); day++) weights.push(WEEKDAY_WEIGHTS[weekday(month, day)] ?? 1);
  return weights;
}

export function postingTime(month: MonthKey, day: number, secondOfDay: number): PostingTime {
  return { day, secondOfDay, postedAt: instantOf(month, day, secondOfDay) };
}

/** A second of the day within opening hours. */
export function randomBusinessSecond(random: Random): number {
  return random.int(OPENING_SECOND, CLOSING_SECOND - 1);
}

/** A business-weighted day and a time within opening hours. */
export function randomPostingTime(random: Random, month: MonthKey, weights: readonly number[]): PostingTime {
  const day = random.weightedIndex(weights) + 1;
  return postingTime(month, day, randomBusinessSecond(random));
}

/** Stable sort by posting time (ties keep generation order). */
export function inPostingOrder<T extends { postedAt: number }>(items: readonly T[]): T[] {
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => a.item.postedAt - b.item.postedAt || a.order - b.order)
    .map((entry) => entry.item);
}

/** "SZ-2024-00228": prefix, year, sequence within the year. */
export function documentNumber(prefix: string, month: MonthKey, sequence: number): string {
  return `${prefix}-${month.slice(0, 4)}-${String(sequence).padStart(5, "0")}`;
}

/**
 * The first sequence number of a month: numbering restarts every January (or at the
 * start of history), so it needs the document counts of the earlier months that year.
 */
export function firstSequenceOfMonth(month: MonthKey, documentCount: (month: MonthKey) => number): number {
  const { year } = parseMonthKey(month);
  const start = Math.max(monthOrdinal(monthKey(year, 1)), monthOrdinal(FIRST_MONTH));
  let sequence = 1;
  for (let ordinal = start; ordinal < monthOrdinal(month); ordinal++) {
    sequence += documentCount(monthKey(Math.floor(ordinal / 12), (ordinal % 12) + 1));
  }
  return sequence;
}
