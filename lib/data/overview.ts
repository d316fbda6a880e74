import "server-only";
import { getDb } from "@/lib/db";
import { addMonths, dayOf, monthOf } from "@/lib/sync/partitions";
import type { MovementsOverview, PeriodSums, RevenueOverview, StockAlertsOverview, TopProductsOverview } from "./contracts";
import { coversOf, hotCoversOf, viewFreshness } from "./freshness";
import { LOW_STOCK_THRESHOLD } from "./params";

/**
 * The overview's widgets, one read function each so each streams on its own.
 * "This month" is the calendar month in Budapest, up to and including today.
 */

interface Today {
  today: string;
  monthStart: string;
}

function today(now = new Date()): Today {
  return { today: dayOf(now), monthStart: `${monthOf(now)}-01` };
}

/** The same day of another month, clamped to that month's length (31 March → 28/29 February). */
function shiftDay(day: string, months: number): string {
  const month = addMonths(day.slice(0, 7) as `${number}-${number}`, months);
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return `${month}-${String(Math.min(Number(day.slice(8, 10)), lastDay)).padStart(2, "0")}`;
}

export async function getRevenueOverview(now = new Date()): Promise<RevenueOverview> {
  const { today: day, monthStart } = today(now);
  const periods = {
    current: { from: monthStart, to: day },
    previousMonth: { from: shiftDay(monthStart, -1), to: shiftDay(day, -1) },
    previousYear: { from: shiftDay(monthStart, -12), to: shiftDay(day, -12) },
  };
  const { pool } = await getDb();
  const [sums, freshness] = await Promise.all([
    pool.query<{ period: keyof typeof periods; gross: string; net: string; lines: number }>(
      `select p.period, coalesce(sum(d.gross_value), 0)::text as gross, coalesce(sum(d.net_value), 0)::text as net,
              coalesce(sum(d.lines), 0)::int as lines
         from unnest($1::text[], $2::date[], $3::date[]) as p(period, from_day, to_day)
         left join sales_daily d on d.day between p.from_day and p.to_day
        group by p.period`,
      [Object.keys(periods), Object.values(periods).map((p) => p.from), Object.values(periods).map((p) => p.to)],
    ),
    viewFreshness([
      { entity: "kimeno_szamla", partitions: [...new Set(Object.values(periods).map((p) => p.from.slice(0, 7)))] },
    ]),
  ]);
  const of = (period: keyof typeof periods): PeriodSums => {
    const row = sums.rows.find((r) => r.period === period);
    return { ...periods[period], gross: row?.gross ?? "0", net: row?.net ?? "0", lines: row?.lines ?? 0 };
  };
  return { today: day, current: of("current"), previousMonth: of("previousMonth"), previousYear: of("previousYear"), ...freshness };
}

export async function getTopProducts(limit = 10, now = new Date()): Promise<TopProductsOverview> {
  const { today: day, monthStart } = today(now);
  const { pool } = await getDb();
  const [top, freshness] = await Promise.all([
    pool.query<{ sku: string; name: string | null; gross: string; net: string; quantity: string }>(
      `select s.sku, p.name, sum(s.gross_value)::text as gross, sum(s.net_value)::text as net, sum(s.quantity)::text as quantity
         from sales_daily_sku s left join products p on p.sku = s.sku
        where s.day between $1 and $2
        group by s.sku, p.name
        order by sum(s.gross_value) desc, s.sku
        limit $3`,
      [monthStart, day, limit],
    ),
    viewFreshness([coversOf("kimeno_szamla", monthStart, day), hotCoversOf("cikk")]),
  ]);
  return { from: monthStart, to: day, products: top.rows, ...freshness };
}

export async function getStockAlerts(listed = 8): Promise<StockAlertsOverview> {
  const { pool } = await getDb();
  const [counts, lowest, freshness] = await Promise.all([
    pool.query<{ products: number; out_of_stock: number; low: number }>(
      `select count(*)::int as products,
              count(*) filter (where total_available <= 0)::int as out_of_stock,
              count(*) filter (where total_available > 0 and total_available <= $1)::int as low
         from inventory_snapshot`,
      [LOW_STOCK_THRESHOLD],
    ),
    pool.query<{ sku: string; name: string | null; total: string }>(
      `select i.sku, p.name, i.total_available::text as total
         from inventory_snapshot i left join products p on p.sku = i.sku
        where i.total_available <= $1
        order by i.total_available, i.sku
        limit $2`,
      [LOW_STOCK_THRESHOLD, listed],
    ),
    viewFreshness([hotCoversOf("keszlet"), hotCoversOf("cikk")]),
  ]);
  const row = counts.rows[0]!;
  return { threshold: LOW_STOCK_THRESHOLD, products: row.products, outOfStock: row.out_of_stock, low: row.low, lowest: lowest.rows, ...freshness };
}

export async function getMovementsOverview(now = new Date()): Promise<MovementsOverview> {
  const { today: day, monthStart } = today(now);
  const { pool } = await getDb();
  const [sums, freshness] = await Promise.all([
    pool.query<{ in: string; out: string; lines: number }>(
      `select coalesce(sum(quantity) filter (where direction = 'in'), 0)::text as in,
              coalesce(sum(quantity) filter (where direction = 'out'), 0)::text as out,
              coalesce(sum(lines), 0)::int as lines
         from movements_daily where day between $1 and $2`,
      [monthStart, day],
    ),
    viewFreshness([coversOf("raktari_mozgas", monthStart, day)]),
  ]);
  return { from: monthStart, to: day, ...sums.rows[0]!, ...freshness };
}
