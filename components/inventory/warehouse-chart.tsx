"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/format";
import styles from "./inventory.module.css";

/**
 * Available stock per warehouse over every product of the current filter.
 * Numbers become floats only here, to draw; the figure's caption lists the
 * exact values for screen readers.
 */
export function WarehouseChart({ totals }: { totals: string[] }) {
  const data = totals.map((quantity, index) => ({ warehouse: `W${index + 1}`, quantity: Number(quantity) }));
  return (
    <figure className={styles.chart} data-testid="warehouse-chart">
      <BarChart responsive style={{ width: "100%", height: 260 }} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="warehouse" tickLine={false} />
        <YAxis tickFormatter={(value: number) => formatNumber(value)} width={80} />
        <Tooltip formatter={(value) => formatNumber(Number(value))} labelFormatter={(label) => `Warehouse ${String(label).slice(1)}`} />
        <Bar dataKey="quantity" name="Available" fill="var(--accent)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
      <figcaption className="visually-hidden">
        Available stock by warehouse: {totals.map((quantity, index) => `warehouse ${index + 1}: ${formatNumber(quantity)}`).join("; ")}.
      </figcaption>
    </figure>
  );
}
