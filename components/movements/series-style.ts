import type { Granularity } from "@/lib/data/params";
import type { MovementSeries } from "@/lib/data/contracts";

/** Greens/blues for what comes in, reds/oranges for what goes out; by rank within the direction. */
const IN_COLORS = ["#157f3b", "#1f5eff", "#0891b2", "#65a30d", "#7c3aed"];
const OUT_COLORS = ["#b42318", "#f29d38", "#c2417d", "#8f3a26", "#e0642c", "#a15c00"];

export function seriesKey(series: Pick<MovementSeries, "movementType" | "direction">): string {
  return `${series.direction}:${series.movementType}`;
}

export function seriesLabel(series: Pick<MovementSeries, "movementType" | "direction">): string {
  return `${series.movementType} (${series.direction})`;
}

/** A colour per series, stable for a given list (the API orders series by direction, then size). */
export function seriesColors(series: readonly MovementSeries[]): Map<string, string> {
  const colors = new Map<string, string>();
  const rank = { in: 0, out: 0 };
  for (const item of series) {
    const palette = item.direction === "in" ? IN_COLORS : OUT_COLORS;
    colors.set(seriesKey(item), palette[rank[item.direction]++ % palette.length]!);
  }
  return colors;
}

const monthLabel = new Intl.DateTimeFormat("hu-HU", { year: "numeric", month: "short", timeZone: "UTC" });
const dayLabel = new Intl.DateTimeFormat("hu-HU", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" });

/** "2024. jan.", or the first day "2024. 01. 08." (a week is named by its Monday). */
export function periodLabel(period: string, granularity: Granularity): string {
  const date = new Date(`${period}T00:00:00Z`);
  return granularity === "month" ? monthLabel.format(date) : dayLabel.format(date);
}
