import type { Granularity, SalesMetric } from "@/lib/data/params";
import { formatHuf, formatNumber } from "@/lib/format";

/** How each metric is named and written (Hungarian number format). */
export interface MetricFormat {
  label: string;
  /** Column headers and CSV: the unit the numbers are in. */
  unit: string;
  /** A full value: "1 234 567 Ft". */
  format(value: string | number | null): string;
  /** An axis tick: "1,2 M Ft". */
  formatAxis(value: number): string;
}

const compact = new Intl.NumberFormat("hu-HU", { notation: "compact", maximumFractionDigits: 1 });

export const METRICS: Record<SalesMetric, MetricFormat> = {
  gross: { label: "Gross value", unit: "Ft", format: (value) => formatHuf(value), formatAxis: (value) => `${compact.format(value)} Ft` },
  net: { label: "Net value", unit: "Ft", format: (value) => formatHuf(value), formatAxis: (value) => `${compact.format(value)} Ft` },
  quantity: { label: "Quantity", unit: "units", format: (value) => formatNumber(value), formatAxis: (value) => compact.format(value) },
  avg_gross_price: {
    label: "Average gross unit price",
    unit: "Ft",
    format: (value) => formatHuf(value, true),
    formatAxis: (value) => `${compact.format(value)} Ft`,
  },
};

export const METRIC_OPTIONS = (Object.keys(METRICS) as SalesMetric[]).map((value) => ({ value, label: METRICS[value].label }));

export const GRANULARITY_OPTIONS: ReadonlyArray<{ value: Granularity; label: string }> = [
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
];

/** A period as the chart, table and CSV show it: "2024-03" for months, the first day otherwise. */
export function formatPeriod(period: string, granularity: Granularity): string {
  return granularity === "month" ? period.slice(0, 7) : period;
}
