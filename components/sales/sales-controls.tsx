"use client";

import { Segmented } from "@/components/ui/segmented";
import type { ProductHit } from "@/lib/data/contracts";
import { MAX_COMPARED_PRODUCTS, type Granularity, type SalesMetric } from "@/lib/data/params";
import { DateRangeControl } from "./date-range-control";
import { GRANULARITY_OPTIONS, METRIC_OPTIONS } from "./metrics";
import { ProductPicker, type PickedProduct } from "./product-picker";
import styles from "./sales-controls.module.css";
import type { ChartType, SalesView } from "./sales-url";

const CHART_OPTIONS: ReadonlyArray<{ value: ChartType; label: string }> = [
  { value: "bar", label: "Bars" },
  { value: "line", label: "Lines" },
];

/** Every filter of the Sales view; each change is a new URL (see useSalesUrl). */
export function SalesControls({ view, today, products, onChange, onPick }: { view: SalesView; today: string; products: readonly PickedProduct[]; onChange: (view: SalesView) => void; onPick: (product: ProductHit) => void }) {
  const { params } = view;
  const set = (patch: Partial<SalesView["params"]>) => onChange({ ...view, params: { ...params, ...patch } });
  return (
    <section className={`card ${styles.controls}`} aria-label="Filters">
      <ProductPicker
        selected={products}
        max={MAX_COMPARED_PRODUCTS}
        onAdd={(product) => {
          onPick(product);
          set({ sku: [...params.sku, product.sku] });
        }}
        onRemove={(sku) => set({ sku: params.sku.filter((item) => item !== sku) })}
      />
      <DateRangeControl range={{ from: params.from, to: params.to }} today={today} onChange={(range) => set(range)} />
      <div className="controls">
        <label className="field">
          Metric
          <select value={params.metric} onChange={(event) => set({ metric: event.target.value as SalesMetric })}>
            {METRIC_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <Segmented label="Per" value={params.granularity} options={GRANULARITY_OPTIONS} onChange={(granularity: Granularity) => set({ granularity })} />
        <Segmented label="Chart" value={view.chart} options={CHART_OPTIONS} onChange={(chart) => onChange({ ...view, chart })} />
        <label className={styles.toggle}>
          <input type="checkbox" checked={params.compare === "yoy"} onChange={(event) => set({ compare: event.target.checked ? "yoy" : "none" })} />
          Compare with the previous year
        </label>
      </div>
    </section>
  );
}
