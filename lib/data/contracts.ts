import type { Entity } from "@/drizzle/schema";
import type { PartitionState, ViewState } from "@/lib/sync/freshness";
import type { Granularity, SalesMetric } from "./params";

/**
 * What the read layer returns, to pages (server components) and as JSON from
 * the API routes to client components. Money and quantities are exact decimal
 * strings; dates are YYYY-MM-DD; instants are ISO strings. Type-only imports:
 * safe to use from client components.
 */

export interface PartitionFreshnessDTO {
  entity: Entity;
  partition: string;
  state: PartitionState;
  syncing: boolean;
  lastSyncedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface FreshnessDTO {
  state: ViewState;
  total: number;
  counts: Record<PartitionState, number>;
  cached: number;
  oldestSyncedAt: string | null;
  newestSyncedAt: string | null;
  checkedAt: string;
  erp: { available: boolean; lastError: string | null; lastErrorAt: string | null; reopensAt: string | null };
  /** Per partition, for the badge's tooltip ("11 of 12 months fresh, 2024-03 refreshing"). */
  partitions: PartitionFreshnessDTO[];
}

/** Partitions a view covers: the SSE stream's `sync_changed` events are matched against these. */
export interface CoveredPartitions {
  entity: Entity;
  partitions: string[];
}

export interface WithFreshness {
  freshness: FreshnessDTO;
  covers: CoveredPartitions[];
}

export interface SeriesPoint {
  /** First day of the period (day, ISO week starting Monday, or month). */
  period: string;
  /** null where the cache has no data for the period. */
  value: string | null;
  /** With compare=yoy: the same period one year earlier. */
  previous?: string | null;
}

export interface Series {
  /** "all" or a SKU. */
  key: string;
  label: string;
  points: SeriesPoint[];
}

export interface SalesResponse extends WithFreshness {
  from: string;
  to: string;
  granularity: Granularity;
  metric: SalesMetric;
  compare: "none" | "yoy";
  series: Series[];
  /** Per series over the whole range: exact sums (avg_gross_price: gross ÷ quantity); `previous` with compare=yoy. */
  totals: Array<{ key: string; label: string; value: string | null; previous?: string | null; quantity: string; net: string; gross: string; lines: number }>;
}

export interface ProductHit {
  sku: string;
  name: string;
  category: string | null;
  manufacturer: string | null;
  unit: string | null;
  active: boolean;
}

/** With the freshness of the product list (`cikk`), so a search refetches when it is synced. */
export interface ProductSearchResponse extends WithFreshness {
  products: ProductHit[];
}

export interface InventoryRowDTO {
  sku: string;
  name: string | null;
  category: string | null;
  unit: string | null;
  /** Warehouses 1..6. */
  warehouses: string[];
  total: string;
}

export interface InventoryResponse extends WithFreshness {
  rows: InventoryRowDTO[];
  page: number;
  pageSize: number;
  /** Rows matching the filters (all pages). */
  matching: number;
  /** Sums over every matching row (not just this page), per warehouse and in all. */
  totals: { warehouses: string[]; total: string };
  lowStockThreshold: number;
}

export interface MovementSeries {
  movementType: string;
  direction: "in" | "out";
  points: Array<{ period: string; quantity: string; lines: number }>;
  /** Over the whole range (summed in Postgres, for the table's totals row). */
  total: { quantity: string; lines: number };
}

export interface MovementsResponse extends WithFreshness {
  from: string;
  to: string;
  granularity: Granularity;
  sku: string | null;
  /** The product's name when `sku` is given and the product master knows it. */
  productName: string | null;
  series: MovementSeries[];
  totals: { in: string; out: string; lines: number };
}

export interface ApiError {
  error: string;
  /** The offending query parameter, for 400s. */
  parameter?: string;
}

export interface PeriodSums {
  from: string;
  to: string;
  gross: string;
  net: string;
  lines: number;
}

/** Overview: this month so far against the same days of last month and of the same month last year. */
export interface RevenueOverview extends WithFreshness {
  today: string;
  current: PeriodSums;
  previousMonth: PeriodSums;
  previousYear: PeriodSums;
}

export interface TopProductsOverview extends WithFreshness {
  from: string;
  to: string;
  products: Array<{ sku: string; name: string | null; gross: string; net: string; quantity: string }>;
}

export interface StockAlertsOverview extends WithFreshness {
  threshold: number;
  products: number;
  outOfStock: number;
  low: number;
  /** The lowest totals first. */
  lowest: Array<{ sku: string; name: string | null; total: string }>;
}

export interface MovementsOverview extends WithFreshness {
  from: string;
  to: string;
  in: string;
  out: string;
  lines: number;
}
