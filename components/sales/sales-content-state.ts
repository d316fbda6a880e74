import type { SalesResponse } from "@/lib/data/contracts";

/**
 * What the view can show for an answer: its data; nothing yet because months
 * are still on their way from the ERP (or cannot come: the ERP failed); or a
 * range that truly had no sales.
 */
export type SalesContentState = "data" | "loading" | "unreachable" | "empty";

export function salesContentState(data: SalesResponse): SalesContentState {
  const shows = (value: string | null | undefined) => value !== null && value !== undefined && value !== "0";
  if (data.series.some((series) => series.points.some((point) => shows(point.value) || shows(point.previous)))) return "data";
  const uncached = data.freshness.partitions.filter((partition) => partition.entity === "kimeno_szamla" && partition.lastSyncedAt === null);
  if (uncached.length === 0) return "empty";
  const failing = data.freshness.state === "erp-unavailable" || uncached.some((partition) => partition.state === "error");
  return failing ? "unreachable" : "loading";
}
