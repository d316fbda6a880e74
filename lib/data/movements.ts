import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db";
import type { MovementSeries, MovementsResponse } from "./contracts";
import { coversOf, viewFreshness } from "./freshness";
import type { MovementsParams } from "./params";

/**
 * The Movements view: quantities in and out per movement type and period
 * (day, week from Monday, month), a point for every period of the range.
 * All products come from the daily rollup the sync maintains; one product
 * from its lines (index on sku + date). One query, summed in Postgres.
 */
export async function readMovements(params: MovementsParams): Promise<MovementsResponse> {
  const sku = params.sku[0] ?? null;
  const covers = [coversOf("raktari_mozgas", params.from, params.to), ...(sku ? [coversOf("cikk")] : [])];
  const [data, freshness] = await Promise.all([queryMovements(params, sku), viewFreshness(covers)]);
  return { from: params.from, to: params.to, granularity: params.granularity, sku, ...data, ...freshness };
}

type MovementsData = Pick<MovementsResponse, "series" | "totals" | "productName">;

interface ResultRow extends Record<string, unknown> {
  series: MovementSeries[];
  total_in: string;
  total_out: string;
  lines: number;
  product_name: string | null;
}

/** Per day, movement type and direction: the rollup for all products, the lines for one. */
function dailySums({ from, to }: MovementsParams, sku: string | null): SQL {
  if (!sku) {
    return sql`select day, movement_type, direction, lines, quantity
                 from movements_daily where day between ${from} and ${to}`;
  }
  return sql`select movement_date as day, movement_type, direction, count(*)::int as lines, sum(quantity) as quantity
               from warehouse_movements where sku = ${sku} and movement_date between ${from} and ${to}
              group by movement_date, movement_type, direction`;
}

async function queryMovements(params: MovementsParams, sku: string | null): Promise<MovementsData> {
  const { db } = await getDb();
  // The schema admits only day|week|month. Plain timestamps (not timestamptz) keep the
  // session's time zone out of date_trunc; Postgres weeks start on Monday.
  const unit = params.granularity;
  const step = `1 ${unit}`;
  const result = await db.execute<ResultRow>(sql`
    with daily as (${dailySums(params, sku)}),
    periods as (
      select generate_series(date_trunc(${unit}, ${params.from}::timestamp), date_trunc(${unit}, ${params.to}::timestamp), ${step}::interval)::date as period
    ), sums as (
      select date_trunc(${unit}, day::timestamp)::date as period, movement_type, direction, sum(lines)::int as lines, sum(quantity) as quantity
        from daily group by 1, 2, 3
    ), kinds as (
      select movement_type, direction, sum(lines)::int as lines, sum(quantity) as quantity from sums group by 1, 2
    ), series as (
      select k.movement_type, k.direction, k.lines, k.quantity,
             json_agg(json_build_object('period', p.period, 'quantity', coalesce(s.quantity, 0)::text, 'lines', coalesce(s.lines, 0)) order by p.period) as points
        from kinds k
       cross join periods p
        left join sums s on s.period = p.period and s.movement_type = k.movement_type and s.direction = k.direction
       group by k.movement_type, k.direction, k.lines, k.quantity
    )
    select (select coalesce(json_agg(json_build_object(
                     'movementType', movement_type, 'direction', direction,
                     'total', json_build_object('quantity', quantity::text, 'lines', lines), 'points', points)
                   order by direction, abs(quantity) desc, movement_type), '[]'::json)
              from series) as series,
           (select coalesce(sum(quantity) filter (where direction = 'in'), 0)::text from kinds) as total_in,
           (select coalesce(sum(quantity) filter (where direction = 'out'), 0)::text from kinds) as total_out,
           (select coalesce(sum(lines), 0)::int from kinds) as lines,
           ${sku ? sql`(select name from products where sku = ${sku})` : sql`null::text`} as product_name`);
  const row = result.rows[0]!;
  return { series: row.series, totals: { in: row.total_in, out: row.total_out, lines: row.lines }, productName: row.product_name };
}
