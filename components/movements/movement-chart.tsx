"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { MovementSeries } from "@/lib/data/contracts";
import type { Granularity } from "@/lib/data/params";
import { formatNumber } from "@/lib/format";
import { periodLabel, seriesColors, seriesKey, seriesLabel } from "./series-style";
import styles from "./movements.module.css";

/**
 * In and out per period, stacked by movement type: what came in above the
 * axis, what went out (negative quantities) below it. Numbers become floats
 * only here, to draw; the table below has the exact figures.
 */
export function MovementChart({ series, granularity }: { series: MovementSeries[]; granularity: Granularity }) {
  const colors = seriesColors(series);
  const order = new Map(series.map((item, index) => [seriesKey(item), index]));
  const periods = series[0]?.points.map((point) => point.period) ?? [];
  const data = periods.map((period, index) => {
    const row: Record<string, string | number> = { period };
    for (const item of series) row[seriesKey(item)] = Number(item.points[index]?.quantity ?? 0);
    return row;
  });
  return (
    <figure className={styles.chart} data-testid="movement-chart" aria-label="Quantities in (above the axis) and out (below) per period, by movement type; the table below lists the same figures.">
      <BarChart responsive style={{ width: "100%", height: 340 }} data={data} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="period" tickFormatter={(period: string) => periodLabel(period, granularity)} minTickGap={16} />
        <YAxis tickFormatter={(value: number) => formatNumber(value)} width={80} />
        <ReferenceLine y={0} stroke="var(--muted)" />
        <Tooltip formatter={(value) => formatNumber(Number(value))} labelFormatter={(period) => periodLabel(String(period), granularity)} />
        {/* In the API's order (in before out, larger first), like the table – not alphabetical. */}
        <Legend itemSorter={(item) => order.get(String(item.dataKey)) ?? 0} />
        {series.map((item) => (
          <Bar key={seriesKey(item)} dataKey={seriesKey(item)} name={seriesLabel(item)} stackId="movements" fill={colors.get(seriesKey(item))} isAnimationActive={false} />
        ))}
      </BarChart>
    </figure>
  );
}
