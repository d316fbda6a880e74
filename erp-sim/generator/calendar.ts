/**
 * Months, days and the ERP's date format. All clock arithmetic is in UTC so the
 * simulator answers the same on every machine whatever its time zone.
 */

/** A calendar month as "YYYY-MM" – the partition key the cache uses too. */
export type MonthKey = string;

export interface YearMonth {
  year: number;
  month: number; // 1..12
}

/** The ERP's history starts here; earlier months are empty. */
export const FIRST_MONTH: MonthKey = "2016-06";

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ERP_DATE = /^(\d{4})\.(\d{2})\.(\d{2})$/;

export function isMonthKey(text: string): boolean {
  return MONTH_KEY.test(text);
}

export function parseMonthKey(key: MonthKey): YearMonth {
  const match = MONTH_KEY.exec(key);
  if (!match) throw new Error(`not a month (YYYY-MM): ${key}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function monthKey(year: number, month: number): MonthKey {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** Months since 0000-01: lets months be compared, subtracted and iterated as numbers. */
export function monthOrdinal(key: MonthKey): number {
  const { year, month } = parseMonthKey(key);
  return year * 12 + (month - 1);
}

export function monthFromOrdinal(ordinal: number): MonthKey {
  return monthKey(Math.floor(ordinal / 12), (ordinal % 12) + 1);
}

export function addMonths(key: MonthKey, count: number): MonthKey {
  return monthFromOrdinal(monthOrdinal(key) + count);
}

/** The month an instant falls in (UTC). */
export function monthOfInstant(instant: Date): MonthKey {
  return monthKey(instant.getUTCFullYear(), instant.getUTCMonth() + 1);
}

export function daysInMonth(key: MonthKey): number {
  const { year, month } = parseMonthKey(key);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(key: MonthKey, day: number): number {
  const { year, month } = parseMonthKey(key);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Milliseconds since the epoch of a wall-clock time in the month (UTC). */
export function instantOf(key: MonthKey, day: number, secondOfDay: number): number {
  const { year, month } = parseMonthKey(key);
  return Date.UTC(year, month - 1, day) + secondOfDay * 1000;
}

/** The ERP's date format: YYYY.MM.DD. */
export function erpDate(key: MonthKey, day: number): string {
  return `${key.slice(0, 4)}.${key.slice(5, 7)}.${String(day).padStart(2, "0")}`;
}

/** True for a real calendar date written as YYYY.MM.DD. */
export function isErpDate(text: string): boolean {
  const match = ERP_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(monthKey(year, month));
}

/** The month of a YYYY.MM.DD date. */
export function monthOfErpDate(date: string): MonthKey {
  return `${date.slice(0, 4)}-${date.slice(5, 7)}`;
}
