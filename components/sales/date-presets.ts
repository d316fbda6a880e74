import { HISTORY_START, addDays, monthStart } from "./dates";

export interface DateRange {
  from: string;
  to: string;
}

export interface DatePreset {
  id: string;
  label: string;
  range(today: string): DateRange;
}

/** The ranges people ask for most, relative to today (Budapest). */
export const DATE_PRESETS: readonly DatePreset[] = [
  { id: "this-month", label: "This month", range: (today) => ({ from: monthStart(today), to: today }) },
  { id: "last-30-days", label: "Last 30 days", range: (today) => ({ from: addDays(today, -29), to: today }) },
  { id: "last-12-months", label: "Last 12 months", range: (today) => ({ from: monthStart(today, -11), to: today }) },
  { id: "this-year", label: "This year", range: (today) => ({ from: `${today.slice(0, 4)}-01-01`, to: today }) },
  {
    id: "last-year",
    label: "Last year",
    range: (today) => {
      const year = Number(today.slice(0, 4)) - 1;
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    },
  },
  { id: "all", label: "All", range: (today) => ({ from: HISTORY_START, to: today }) },
];

/** What the page shows when the URL names no range. */
export const DEFAULT_PRESET = DATE_PRESETS.find((preset) => preset.id === "last-12-months")!;

/** The preset a range is, if any (for aria-pressed on its button). */
export function presetOf(range: DateRange, today: string): DatePreset | undefined {
  return DATE_PRESETS.find((preset) => {
    const candidate = preset.range(today);
    return candidate.from === range.from && candidate.to === range.to;
  });
}
