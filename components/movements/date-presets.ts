/**
 * Date-range presets of the Movements view, as calendar days (YYYY-MM-DD) in
 * the business's time zone – the same days the ERP's months are cut by.
 * Pure functions of "today", so server and browser agree and tests can pin it.
 */

const BUSINESS_TIME_ZONE = "Europe/Budapest";

export const PRESETS = [
  { id: "this-month", label: "This month" },
  { id: "last-30-days", label: "Last 30 days" },
  { id: "last-12-months", label: "Last 12 months" },
  { id: "this-year", label: "This year" },
  { id: "last-year", label: "Last year" },
] as const;
export type PresetId = (typeof PRESETS)[number]["id"];

/** What /movements shows without from/to in the URL. */
export const DEFAULT_PRESET: PresetId = "last-12-months";

export interface DayRange {
  from: string;
  to: string;
}

/** Today's date in Budapest. */
export function businessToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: BUSINESS_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function shiftDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first day of the month `months` months before `day`'s month. */
function monthStart(day: string, months = 0): string {
  const [year, month] = day.split("-").map(Number) as [number, number];
  const index = year * 12 + (month - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

export function presetRange(id: PresetId, today: string): DayRange {
  const year = Number(today.slice(0, 4));
  switch (id) {
    case "this-month":
      return { from: monthStart(today), to: today };
    case "last-30-days":
      return { from: shiftDays(today, -29), to: today };
    case "last-12-months":
      return { from: monthStart(today, 11), to: today };
    case "this-year":
      return { from: `${year}-01-01`, to: today };
    case "last-year":
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

/** Whether a range is exactly this preset today (in December "this year" and "last 12 months" both are). */
export function isPreset(id: PresetId, range: DayRange, today: string): boolean {
  const preset = presetRange(id, today);
  return preset.from === range.from && preset.to === range.to;
}

/** Without from/to in the URL the page shows `defaults`; one without the other is the user's to fix. */
export function withDefaultRange(input: Record<string, unknown>, defaults: DayRange): Record<string, unknown> {
  return "from" in input || "to" in input ? input : { ...input, ...defaults };
}
