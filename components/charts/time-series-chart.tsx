"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./time-series-chart.module.css";

/** One point of a series: exact decimal strings (or numbers), null where there is no data. */
export interface ChartPoint {
  period: string;
  value: string | number | null;
  /** The same period of the comparison (e.g. a year earlier), drawn as a dashed overlay. */
  previous?: string | number | null;
}

export interface ChartSeries {
  key: string;
  label: string;
  points: readonly ChartPoint[];
}

export interface TimeSeriesChartProps {
  /** What the chart shows, for screen readers (the data itself is in the table beside it). */
  title: string;
  series: readonly ChartSeries[];
  type: "bar" | "line";
  /** Draw each series' `previous` values as a dashed line. */
  showPrevious?: boolean;
  previousLabel?: (label: string) => string;
  formatValue: (value: number) => string;
  formatAxis?: (value: number) => string;
  formatPeriod?: (period: string) => string;
  height?: number;
}

/** Enough for five compared products; colour-blind-safe (Okabe–Ito). */
const COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];

/**
 * Periods on the x axis, one bar or line per series, each series' previous
 * values as a dashed line in its colour. Nulls stay gaps – a missing month is
 * not a zero month. Strings become numbers here, for drawing only.
 */
export function TimeSeriesChart({ title, series, type, showPrevious = false, previousLabel = (label) => `${label}, previous`, formatValue, formatAxis = formatValue, formatPeriod = (period) => period, height = 320 }: TimeSeriesChartProps) {
  const rows = chartRows(series, showPrevious);
  const dots = rows.length <= 60;
  return (
    <figure className={styles.figure} aria-label={title} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" tickFormatter={formatPeriod} minTickGap={16} />
          <YAxis tickFormatter={formatAxis} width={84} />
          <Tooltip
            formatter={(value) => (typeof value === "number" ? formatValue(value) : "–")}
            labelFormatter={(label) => formatPeriod(String(label))}
            itemSorter={(item) => seriesOrder(item.dataKey)}
          />
          <Legend itemSorter={(item) => seriesOrder(item.dataKey)} />
          {series.map((item, index) =>
            type === "bar" ? (
              <Bar key={`v${index}`} dataKey={`v${index}`} name={item.label} fill={colorOf(index)} isAnimationActive={false} />
            ) : (
              <Line key={`v${index}`} dataKey={`v${index}`} name={item.label} stroke={colorOf(index)} strokeWidth={2} dot={dots} connectNulls={false} isAnimationActive={false} />
            ),
          )}
          {showPrevious
            ? series.map((item, index) => (
                <Line
                  key={`p${index}`}
                  dataKey={`p${index}`}
                  name={previousLabel(item.label)}
                  stroke={colorOf(index)}
                  strokeOpacity={0.7}
                  strokeDasharray="6 4"
                  strokeWidth={2}
                  dot={false}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))
            : null}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

const colorOf = (index: number) => COLORS[index % COLORS.length]!;

/** Legend and tooltip list the series in their given order, each followed by its previous values. */
function seriesOrder(dataKey: unknown): number {
  const match = /^([vp])(\d+)$/.exec(String(dataKey));
  return match ? Number(match[2]) * 2 + (match[1] === "p" ? 1 : 0) : Number.MAX_SAFE_INTEGER;
}

/**
 * Recharts wants one object per x value. Keys are positional (`v0`, `p0`…):
 * a SKU may contain dots, which Recharts would read as a property path.
 */
function chartRows(series: readonly ChartSeries[], showPrevious: boolean): Array<Record<string, string | number | null>> {
  const periods = series[0]?.points.map((point) => point.period) ?? [];
  return periods.map((period, row) => {
    const entry: Record<string, string | number | null> = { period };
    series.forEach((item, index) => {
      const point = item.points[row];
      entry[`v${index}`] = toNumber(point?.value);
      if (showPrevious) entry[`p${index}`] = toNumber(point?.previous);
    });
    return entry;
  });
}

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
