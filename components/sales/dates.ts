/**
 * Calendar days as YYYY-MM-DD strings, for the Sales controls (browser and
 * server alike). Arithmetic runs in UTC on purpose: a day is a label here,
 * not an instant; only "today" depends on where the business is.
 */

/** The first day the ERP has history for. */
export const HISTORY_START = "2016-06-01";

/** Today in Budapest, whatever the time zone of the machine running this. */
export function todayInBudapest(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Budapest", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first day of the month `months` before (negative) or after the month of `day`. */
export function monthStart(day: string, months = 0): string {
  const date = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + months, 1));
  return date.toISOString().slice(0, 10);
}
