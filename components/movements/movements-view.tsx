"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson, queryString } from "@/components/api";
import { FreshnessBadge } from "@/components/freshness/freshness-badge";
import { InvalidParams } from "@/components/ui/invalid-params";
import { Panel } from "@/components/ui/panel";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import type { FreshnessDTO, MovementsResponse } from "@/lib/data/contracts";
import { GRANULARITIES, type Granularity, type MovementsParams } from "@/lib/data/params";
import { formatNumber } from "@/lib/format";
import type { DayRange } from "./date-presets";
import { DateRangeControls } from "./date-range-controls";
import { MovementChart } from "./movement-chart";
import { MovementTable } from "./movement-table";
import { MovementTotals } from "./movement-totals";
import { MovementsEmpty } from "./movements-empty";
import { ProductFilter } from "./product-filter";
import { useMovementsParams } from "./use-movements-params";
import styles from "./movements.module.css";

const GRANULARITY_OPTIONS = GRANULARITIES.map((value) => ({ value, label: value === "day" ? "Days" : value === "week" ? "Weeks" : "Months" }));

/** More bars than this cannot be read (nor drawn quickly): ask for a coarser granularity instead. */
const MAX_PERIODS = 400;

/** While part of the view is not cached yet a sync is filling it: poll as well, in case its live event came before the page listened. */
const CACHE_FILL_POLL_MS = 5_000;
const isFilling = (freshness: FreshnessDTO) => freshness.erp.available && freshness.partitions.some((partition) => !partition.lastSyncedAt);

/**
 * The Movements view: range, granularity and product from the URL; data from
 * /api/movements (the server's first read as initial data), refetched live
 * when a covered month finishes syncing (see components/providers.tsx).
 */
export function MovementsView({ defaults, today, initialParams, initialData }: { defaults: DayRange; today: string; initialParams: MovementsParams; initialData: MovementsResponse }) {
  const { params, problem, update } = useMovementsParams(defaults);
  const query = useQuery({
    queryKey: ["movements", params],
    queryFn: ({ signal }) => fetchJson<MovementsResponse>(`/api/movements${queryString(params)}`, signal),
    initialData: sameParams(params, initialParams) ? initialData : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (current.state.data && isFilling(current.state.data.freshness) ? CACHE_FILL_POLL_MS : false),
  });

  if (problem) return <InvalidParams title="Movements" problem={problem} resetHref="/movements" />;
  const data = query.data;
  const periods = data?.series[0]?.points.length ?? 0;

  return (
    <>
      <div className="page-header">
        <h1>Movements</h1>
        {data ? <FreshnessBadge freshness={data.freshness} /> : null}
      </div>
      <p className={styles.subtitle}>
        {params.sku[0] ? (
          <>
            Product <strong>{params.sku[0]}</strong>
            {data?.sku === params.sku[0] && data.productName ? ` – ${data.productName}` : null}
          </>
        ) : (
          "All products"
        )}
      </p>
      <div className="stack">
        <div className="card controls">
          <DateRangeControls range={{ from: params.from, to: params.to }} today={today} onChange={(range) => update(range)} />
          <Segmented label="Granularity" value={params.granularity} options={GRANULARITY_OPTIONS} onChange={(granularity) => update({ granularity })} />
          <ProductFilter sku={params.sku[0] ?? null} onChange={(sku) => update({ sku: sku ? [sku] : [] })} />
        </div>
        {query.isError ? <ErrorState message={query.error.message} onRetry={() => void query.refetch()} /> : null}
        {data ? (
          <div className={query.isPlaceholderData ? styles.busy : undefined} aria-busy={query.isFetching}>
            <div className="stack">
              <MovementTotals totals={data.totals} />
              <Panel title="In and out by movement type" id="movement-chart">
                {data.series.length === 0 ? (
                  <MovementsEmpty data={data} />
                ) : periods > MAX_PERIODS ? (
                  <TooManyPeriods periods={periods} granularity={params.granularity} onCoarser={(granularity) => update({ granularity })} />
                ) : (
                  <MovementChart series={data.series} granularity={data.granularity} />
                )}
              </Panel>
              {data.series.length > 0 && periods <= MAX_PERIODS ? (
                <Panel title="Figures" id="movement-figures">
                  <MovementTable series={data.series} granularity={data.granularity} />
                </Panel>
              ) : null}
            </div>
          </div>
        ) : query.isError ? null : (
          <Skeleton height={340} label="Loading movements…" />
        )}
      </div>
    </>
  );
}

function TooManyPeriods({ periods, granularity, onCoarser }: { periods: number; granularity: Granularity; onCoarser: (granularity: Granularity) => void }) {
  const coarser = granularity === "day" ? "week" : "month";
  return (
    <div className="empty-state" role="status">
      <p className="empty-title">
        {formatNumber(periods)} {granularity}s are too many to show one by one
      </p>
      <button type="button" className="button" onClick={() => onCoarser(coarser)}>
        Show by {coarser}
      </button>
    </div>
  );
}

function sameParams(a: MovementsParams, b: MovementsParams): boolean {
  return a.from === b.from && a.to === b.to && a.granularity === b.granularity && a.sku.join() === b.sku.join();
}
