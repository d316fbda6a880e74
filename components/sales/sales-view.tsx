"use client";

import { useState } from "react";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { FreshnessBadge } from "@/components/freshness/freshness-badge";
import { Panel } from "@/components/ui/panel";
import { EmptyState, ErrorState } from "@/components/ui/states";
import type { SalesResponse } from "@/lib/data/contracts";
import { InvalidParams } from "@/components/ui/invalid-params";
import { formatPeriod, METRICS } from "./metrics";
import { salesContentState } from "./sales-content-state";
import { SalesControls } from "./sales-controls";
import { salesCsv, salesCsvFilename } from "./sales-csv";
import { SalesTable } from "./sales-table";
import { salesTableModel, seriesName } from "./sales-table-model";
import type { SalesView as SalesViewState } from "./sales-url";
import styles from "./sales-view.module.css";
import { useSalesQuery } from "./use-sales-query";
import { useSalesUrl } from "./use-sales-url";

interface ServerAnswer {
  view: SalesViewState;
  data: SalesResponse;
  /** The server's today (Budapest), so presets render the same on both sides. */
  today: string;
}

/** The Sales page below its server shell: URL state, data, and what to show for it. */
export function SalesView({ server }: { server: ServerAnswer }) {
  const [parsed, navigate] = useSalesUrl(server.view, server.today);
  if (!parsed.ok) {
    return <InvalidParams title="Sales" problem={{ parameter: parsed.parameter, message: parsed.message }} resetHref="/sales" />;
  }
  return <SalesDashboard view={parsed.view} navigate={navigate} server={server} />;
}

function SalesDashboard({ view, navigate, server }: { view: SalesViewState; navigate: (view: SalesViewState) => void; server: ServerAnswer }) {
  const query = useSalesQuery(view.params, { params: server.view.params, data: server.data });
  // Names of products picked before their series arrives, for the chips.
  const [pickedNames, setPickedNames] = useState<Record<string, string>>({});
  const data = query.data;
  const labels = new Map(data?.series.map((series) => [series.key, series.label]));
  const products = view.params.sku.map((sku) => ({ sku, name: labels.get(sku) ?? pickedNames[sku] ?? sku }));

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Sales</h1>
        {data ? <FreshnessBadge freshness={data.freshness} /> : null}
      </div>
      <SalesControls view={view} today={server.today} products={products} onChange={navigate} onPick={(product) => setPickedNames((names) => ({ ...names, [product.sku]: product.name }))} />
      {query.isError ? <ErrorState message={query.error.message} onRetry={() => void query.refetch()} /> : null}
      {data ? <SalesResult data={data} chart={view.chart} updating={query.isPlaceholderData} /> : null}
    </div>
  );
}

function SalesResult({ data, chart, updating }: { data: SalesResponse; chart: SalesViewState["chart"]; updating: boolean }) {
  const metric = METRICS[data.metric];
  const state = salesContentState(data);
  const table = salesTableModel(data);
  const title = `${metric.label} per ${data.granularity}`;
  const yoy = data.compare === "yoy";
  const exportCsv = () => downloadText(salesCsv(table), salesCsvFilename(data));
  return (
    <>
      <Panel
        id="sales-chart"
        title={title}
        actions={
          <>
            {updating ? <span className={styles.updating} role="status">Updating…</span> : null}
            <button type="button" className="button" onClick={exportCsv} disabled={state !== "data"}>
              Export CSV
            </button>
          </>
        }
      >
        <div aria-busy={updating} className={updating ? styles.dimmed : undefined}>
          {state === "data" ? (
            <TimeSeriesChart
              title={`${title}, ${data.from} – ${data.to}`}
              series={data.series.map((series) => ({ ...series, label: seriesName(series) }))}
              type={chart}
              showPrevious={yoy}
              previousLabel={(label) => `${label}, previous year`}
              formatValue={(value) => metric.format(value)}
              formatAxis={metric.formatAxis}
              formatPeriod={(period) => formatPeriod(period, data.granularity)}
            />
          ) : (
            <SalesEmptyState state={state} />
          )}
        </div>
      </Panel>
      {state === "data" ? (
        <Panel id="sales-table" title="Table">
          <SalesTable table={table} metric={data.metric} caption={`${metric.label} (${metric.unit}) per ${data.granularity}, ${data.from} – ${data.to}${yoy ? ", with the same periods a year earlier" : ""}`} />
        </Panel>
      ) : null}
    </>
  );
}

function SalesEmptyState({ state }: { state: "loading" | "unreachable" | "empty" }) {
  if (state === "loading") {
    return (
      <EmptyState title="Not cached yet – loading from the ERP…">
        The chart fills in by itself as the months arrive; no need to reload.
      </EmptyState>
    );
  }
  if (state === "unreachable") {
    return (
      <EmptyState title="Not cached – the ERP could not be reached">
        The badge above says why. The chart fills in when the ERP answers again.
      </EmptyState>
    );
  }
  return <EmptyState title="No sales in this range">Try a longer range, other products or another metric.</EmptyState>;
}

/** Saves `text` as a file through the browser's download, without a server round trip. */
function downloadText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
