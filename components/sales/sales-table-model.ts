import type { SalesResponse } from "@/lib/data/contracts";
import { formatPeriod, METRICS } from "./metrics";

/**
 * The table under the chart, as data: the chart's periods × series (and the
 * previous year beside each series when compared), with the totals. The table
 * renders it and the CSV export writes it, so the two cannot disagree.
 */
export interface SalesTableModel {
  columns: SalesTableColumn[];
  rows: Array<{ period: string; label: string; cells: Array<string | null> }>;
  totals: { label: string; cells: Array<string | null> };
}

export interface SalesTableColumn {
  header: string;
  seriesKey: string;
  side: "value" | "previous";
}

export const PERIOD_HEADER = "Period";
export const TOTAL_LABEL = "Total";

/** How a series is named on screen: a product by name and SKU (names repeat across makers). */
export function seriesName(series: { key: string; label: string }): string {
  return series.key === "all" ? series.label : `${series.label} (${series.key})`;
}

export function salesTableModel(data: SalesResponse): SalesTableModel {
  const metric = METRICS[data.metric];
  const yoy = data.compare === "yoy";
  const columns = data.series.flatMap((series): SalesTableColumn[] => {
    const header = `${seriesName(series)} – ${metric.label} (${metric.unit})`;
    const value: SalesTableColumn = { header, seriesKey: series.key, side: "value" };
    return yoy ? [value, { header: `${header}, previous year`, seriesKey: series.key, side: "previous" }] : [value];
  });
  const periods = data.series[0]?.points.map((point) => point.period) ?? [];
  const rows = periods.map((period, index) => ({
    period,
    label: formatPeriod(period, data.granularity),
    cells: data.series.flatMap((series) => {
      const point = series.points[index];
      const value = point?.value ?? null;
      return yoy ? [value, point?.previous ?? null] : [value];
    }),
  }));
  const totals = {
    label: TOTAL_LABEL,
    cells: data.totals.flatMap((total) => (yoy ? [total.value, total.previous ?? null] : [total.value])),
  };
  return { columns, rows, totals };
}
