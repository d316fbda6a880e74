"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson, queryString } from "@/components/api";
import { FreshnessBadge } from "@/components/freshness/freshness-badge";
import { InvalidParams } from "@/components/ui/invalid-params";
import { Panel } from "@/components/ui/panel";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import type { FreshnessDTO, InventoryResponse } from "@/lib/data/contracts";
import { LOW_STOCK_THRESHOLD, type InventoryParams } from "@/lib/data/params";
import { formatNumber } from "@/lib/format";
import { InventoryEmpty } from "./inventory-empty";
import { InventoryTable } from "./inventory-table";
import { Pagination } from "./pagination";
import { SearchBox } from "./search-box";
import { useInventoryParams } from "./use-inventory-params";
import { WarehouseChart } from "./warehouse-chart";
import styles from "./inventory.module.css";

const LOW_OPTIONS = [
  { value: "all", label: "All" },
  { value: "low", label: `Low (≤ ${LOW_STOCK_THRESHOLD})` },
  { value: "out", label: "Out of stock" },
] as const;

/** While part of the view is not cached yet a sync is filling it: poll as well, in case its live event came before the page listened. */
const CACHE_FILL_POLL_MS = 5_000;
const isFilling = (freshness: FreshnessDTO) => freshness.erp.available && freshness.partitions.some((partition) => !partition.lastSyncedAt);

/**
 * The Stock view: filters from the URL, data from /api/inventory (the server's
 * first read as initial data), refetched live when the stock or product
 * snapshot changes (see components/providers.tsx).
 */
export function InventoryView({ initialParams, initialData }: { initialParams: InventoryParams; initialData: InventoryResponse }) {
  const { params, problem, update } = useInventoryParams();
  const query = useQuery({
    queryKey: ["inventory", params],
    queryFn: ({ signal }) => fetchJson<InventoryResponse>(`/api/inventory${queryString(params)}`, signal),
    initialData: sameParams(params, initialParams) ? initialData : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (current.state.data && isFilling(current.state.data.freshness) ? CACHE_FILL_POLL_MS : false),
  });

  if (problem) return <InvalidParams title="Stock" problem={problem} resetHref="/inventory" />;
  const data = query.data;
  const filtered = params.q !== "" || params.low !== "all";

  return (
    <>
      <div className="page-header">
        <h1>Stock</h1>
        {data ? <FreshnessBadge freshness={data.freshness} /> : null}
      </div>
      <div className="stack">
        <div className="card controls">
          <SearchBox label="Search by SKU or name" placeholder="e.g. C10050 or kávé" value={params.q} onSearch={(q) => update({ q }, { replace: true })} />
          <Segmented label="Stock level" value={params.low} options={LOW_OPTIONS} onChange={(low) => update({ low })} />
        </div>
        {query.isError ? <ErrorState message={query.error.message} onRetry={() => void query.refetch()} /> : null}
        {data ? (
          <>
            {data.matching > 0 ? (
              <Panel title="Stock by warehouse" id="warehouse-chart" actions={<span className={styles.matching}>{filtered ? `${formatNumber(data.matching)} matching products` : `all ${formatNumber(data.matching)} products`}</span>}>
                <WarehouseChart totals={data.totals.warehouses} />
              </Panel>
            ) : null}
            <Panel title="Stock per product" id="stock-table">
              <div className={query.isPlaceholderData ? styles.busy : undefined} aria-busy={query.isFetching}>
                {data.rows.length > 0 ? (
                  <InventoryTable data={data} params={params} onSort={(sort) => update({ sort, dir: sort === params.sort ? (params.dir === "asc" ? "desc" : "asc") : firstDirection(sort) })} />
                ) : (
                  <InventoryEmpty data={data} filtered={filtered} onReset={() => update({ q: "", low: "all" })} onLastPage={() => update({ page: Math.max(1, Math.ceil(data.matching / params.pageSize)) })} />
                )}
              </div>
              {data.matching > 0 ? <Pagination page={params.page} pageSize={params.pageSize} matching={data.matching} onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize })} /> : null}
            </Panel>
          </>
        ) : query.isError ? null : (
          <Skeleton height={480} label="Loading stock…" />
        )}
      </div>
    </>
  );
}

/** Names and SKUs read best A→Z; quantities largest first. */
function firstDirection(sort: InventoryParams["sort"]): "asc" | "desc" {
  return sort === "sku" || sort === "name" ? "asc" : "desc";
}

function sameParams(a: InventoryParams, b: InventoryParams): boolean {
  return (Object.keys(a) as Array<keyof InventoryParams>).every((key) => a[key] === b[key]);
}
