import "server-only";
import { getDb } from "@/lib/db";
import { monthsOfDateRange } from "@/lib/sync/partitions";
import type { CoveredPartitions, FreshnessDTO, SalesResponse, Series, SeriesPoint } from "./contracts";
import { coversOf, viewFreshness } from "./freshness";
import type { Granularity, SalesMetric, SalesParams } from "./params";

/**
 * The Sales view: sums of the daily rollups (`sales_daily`, `sales_daily_sku`)
 * per period, per product or for all products, optionally with the same
 * periods one year earlier. Every sum and the average price are computed in
 * Postgres and travel as exact decimal strings; JavaScript only places them
 * on the periods of the range.
 */
export async function getSales(params: SalesParams): Promise<SalesResponse> {
  const { from, to, granularity, metric, compare } = params;
  const previous = compare === "yoy" ? previousRange(from, to, granularity) : null;
  const covers = salesCovers(from, to, previous);
  const keys = params.sku.length > 0 ? params.sku : [ALL_PRODUCTS];
  const [rows, view] = await Promise.all([readBuckets(params, previous), viewFreshness(covers)]);
  const known = cachedMonths(view.freshness);
  const periods = periodsOf(from, to, granularity);

  const series: Series[] = [];
  const totals: SalesResponse["totals"] = [];
  for (const key of keys) {
    const own = rows.filter((row) => row.key === key);
    const label = key === ALL_PRODUCTS ? ALL_PRODUCTS_LABEL : (own[0]?.label ?? key);
    const current = new Map(own.filter((row) => row.side === "current").map((row) => [row.period, row]));
    const earlier = new Map(own.filter((row) => row.side === "previous").map((row) => [row.period, row]));
    const points = periods.map((period): SeriesPoint => {
      const span = clip(period, granularity, from, to);
      const point: SeriesPoint = { period, value: valueOf(current.get(period), metric, known, span) };
      if (previous) point.previous = valueOf(earlier.get(period), metric, known, shiftSpan(span, previous.shift));
      return point;
    });
    series.push({ key, label, points });
    const total = current.get(TOTAL);
    totals.push({
      key,
      label,
      value: valueOf(total, metric, known, { from, to }),
      ...(previous ? { previous: valueOf(earlier.get(TOTAL), metric, known, previous) } : {}),
      quantity: total?.quantity ?? "0",
      net: total?.net ?? "0",
      gross: total?.gross ?? "0",
      lines: total?.lines ?? 0,
    });
  }
  return { from, to, granularity, metric, compare, series, totals, ...view };
}

export const ALL_PRODUCTS = "all";
const ALL_PRODUCTS_LABEL = "All products";
/** The period of a series' row over the whole range (GROUPING SETS total). */
const TOTAL = "total";

interface BucketRow {
  key: string;
  label: string | null;
  side: "current" | "previous" | null;
  /** Period start, or TOTAL for the whole range. */
  period: string;
  lines: number;
  /** One column per metric, named as the metric. */
  quantity: string;
  net: string;
  gross: string;
  avg_gross_price: string | null;
}

/**
 * One statement: every key (a SKU, or "all") with its name, and per side
 * (current range / the previous year's range shifted onto it) the sums per
 * period plus the total over the range (GROUPING SETS). Previous-year days are
 * moved forward by the shift before bucketing, so both sides share periods.
 */
async function readBuckets(params: SalesParams, previous: PreviousRange | null): Promise<BucketRow[]> {
  const values: unknown[] = [];
  const $ = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const perSku = params.sku.length > 0;
  const keys = $(perSku ? params.sku : [ALL_PRODUCTS]);
  const table = perSku ? "sales_daily_sku" : "sales_daily";
  const key = perSku ? "sku" : `'${ALL_PRODUCTS}'::text`;
  const skuFilter = perSku ? `and sku = any(${keys}::text[])` : "";
  const granularity = $(params.granularity);
  const side = (name: string, from: string, to: string, shift?: string) =>
    `select ${key} as key, '${name}' as side,
            date_trunc(${granularity}, ${shift ? `day + ${$(shift)}::interval` : "day::timestamp"})::date as period,
            lines, quantity, net_value, gross_value
       from ${table} where day between ${$(from)}::date and ${$(to)}::date ${skuFilter}`;
  const sources = [side("current", params.from, params.to)];
  if (previous) sources.push(side("previous", previous.from, previous.to, previous.shift));
  const text = `
    with source as (${sources.join(" union all ")}),
    sums as (
      select key, side, period, sum(lines)::int as lines, sum(quantity) as quantity, sum(net_value) as net, sum(gross_value) as gross
        from source
       group by grouping sets ((key, side, period), (key, side))
    )
    select k.key, p.name as label, s.side, coalesce(s.period::text, '${TOTAL}') as period, s.lines,
           trim_scale(s.quantity)::text as quantity, trim_scale(s.net)::text as net, trim_scale(s.gross)::text as gross,
           case when s.quantity = 0 then null else trim_scale(round(s.gross / s.quantity, 2))::text end as avg_gross_price
      from unnest(${keys}::text[]) as k(key)
      left join products p on p.sku = k.key
      left join sums s on s.key = k.key`;
  const { pool } = await getDb();
  const { rows } = await pool.query<BucketRow>(text, values);
  return rows;
}

/**
 * The metric of a bucket. A period without rows is 0 when every month it
 * touches is cached (nothing was sold), and null – a gap, not a zero – when
 * some of it was never loaded. An average of nothing is always null.
 */
function valueOf(row: BucketRow | undefined, metric: SalesMetric, cached: ReadonlySet<string>, span: DaySpan): string | null {
  if (row) return row[metric];
  if (metric === "avg_gross_price") return null;
  return monthsOfDateRange(span.from, span.to).every((month) => cached.has(month)) ? "0" : null;
}

function cachedMonths(freshness: FreshnessDTO): Set<string> {
  return new Set(freshness.partitions.filter((p) => p.entity === "kimeno_szamla" && p.lastSyncedAt !== null).map((p) => p.partition));
}

/** Invoice months of the range (and of the previous year's range), plus product names. */
function salesCovers(from: string, to: string, previous: PreviousRange | null): CoveredPartitions[] {
  const months = new Set(coversOf("kimeno_szamla", from, to).partitions);
  if (previous) for (const month of coversOf("kimeno_szamla", previous.from, previous.to).partitions) months.add(month);
  return [
    { entity: "kimeno_szamla", partitions: [...months].sort() },
    coversOf("cikk"),
  ];
}

// --- calendar arithmetic on YYYY-MM-DD (UTC, no time zones involved) ---

interface DaySpan {
  from: string;
  to: string;
}

interface PreviousRange extends DaySpan {
  /** Added to a previous-year day to land on the current range (Postgres interval). */
  shift: string;
}

/**
 * The same periods one year earlier. Weeks go back 52 weeks, so they stay
 * Monday-aligned and compare like weekdays; days and months go back one
 * calendar year (29 February has no counterpart and compares with nothing).
 */
export function previousRange(from: string, to: string, granularity: Granularity): PreviousRange {
  if (granularity === "week") return { from: addDays(from, -364), to: addDays(to, -364), shift: "364 days" };
  return { from: addYears(from, -1), to: addYears(to, -1), shift: "1 year" };
}

/** Every period start of the range, oldest first; weeks start on Monday. */
export function periodsOf(from: string, to: string, granularity: Granularity): string[] {
  const periods: string[] = [];
  for (let period = periodStart(from, granularity); period <= to; period = nextPeriod(period, granularity)) periods.push(period);
  return periods;
}

export function periodStart(day: string, granularity: Granularity): string {
  if (granularity === "month") return `${day.slice(0, 7)}-01`;
  if (granularity === "week") return addDays(day, -((toDate(day).getUTCDay() + 6) % 7));
  return day;
}

function nextPeriod(period: string, granularity: Granularity): string {
  if (granularity === "day") return addDays(period, 1);
  if (granularity === "week") return addDays(period, 7);
  const date = toDate(period);
  return fromDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
}

/** The days of a period that lie inside the range. */
function clip(period: string, granularity: Granularity, from: string, to: string): DaySpan {
  const end = addDays(nextPeriod(period, granularity), -1);
  return { from: period < from ? from : period, to: end > to ? to : end };
}

/** A span of the current range moved back onto the previous year's days. */
function shiftSpan(span: DaySpan, shift: string): DaySpan {
  if (shift === "364 days") return { from: addDays(span.from, -364), to: addDays(span.to, -364) };
  return { from: addYears(span.from, -1), to: addYears(span.to, -1) };
}

function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return fromDate(date);
}

/** Calendar years; 29 February becomes 28 February, as in Postgres. */
function addYears(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) + years;
  const month = Number(day.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dayOfMonth = Math.min(Number(day.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, "0")}-${day.slice(5, 7)}-${String(dayOfMonth).padStart(2, "0")}`;
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const fromDate = (date: Date) => date.toISOString().slice(0, 10);
