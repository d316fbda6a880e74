import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db";
import type { InventoryResponse, InventoryRowDTO } from "./contracts";
import { coversOf, viewFreshness } from "./freshness";
import { LOW_STOCK_THRESHOLD, type InventoryParams } from "./params";

/**
 * The Stock view: every SKU of the stock snapshot with its product's name
 * (a SKU the product master does not know still shows), filtered, sorted and
 * paged in Postgres, with exact per-warehouse totals over every matching row
 * – one statement, next to the freshness of the stock and product snapshots.
 */
export async function readInventory(params: InventoryParams): Promise<InventoryResponse> {
  const [data, freshness] = await Promise.all([queryInventory(params), viewFreshness([coversOf("keszlet"), coversOf("cikk")])]);
  return { ...data, page: params.page, pageSize: params.pageSize, lowStockThreshold: LOW_STOCK_THRESHOLD, ...freshness };
}

type InventoryData = Pick<InventoryResponse, "rows" | "matching" | "totals">;

const WAREHOUSE_COLUMNS = [1, 2, 3, 4, 5, 6].map((n) => `warehouse_${n}`);

function orderBy({ sort, dir }: InventoryParams): SQL {
  // `sort` passed the schema's fixed list (the column names themselves), so it is safe as SQL text.
  const column = sort === "total" ? "total_available" : sort;
  const direction = dir === "desc" ? "desc" : "asc";
  if (column === "sku") return sql.raw(`sku ${direction}`);
  // Products without a name row sort last either way; equal values keep SKU order, so paging is stable.
  return sql.raw(`${column} ${direction} nulls last, sku asc`);
}

/** `%text%` for ILIKE, with the user's own % _ \ matched literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function filters({ q, low }: InventoryParams): SQL {
  const conditions: SQL[] = [];
  if (q) {
    const pattern = containsPattern(q);
    // Names are searched through products' trigram index; the snapshot's SKU column directly,
    // so SKUs without a product row are found as well.
    conditions.push(sql`(s.sku ilike ${pattern} or s.sku in (select p2.sku from products p2 where p2.name ilike ${pattern}))`);
  }
  if (low === "low") conditions.push(sql`s.total_available <= ${LOW_STOCK_THRESHOLD}`);
  if (low === "out") conditions.push(sql`s.total_available <= 0`);
  return conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}

interface ResultRow extends Record<string, unknown> {
  matching: number;
  totals: InventoryData["totals"];
  rows: InventoryRowDTO[];
}

async function queryInventory(params: InventoryParams): Promise<InventoryData> {
  const { db } = await getDb();
  const order = orderBy(params);
  // Numerics leave Postgres as text: JSON numbers would round them.
  const warehouses = sql.raw(`json_build_array(${WAREHOUSE_COLUMNS.map((c) => `${c}::text`).join(", ")})`);
  const warehouseSums = sql.raw(`json_build_array(${WAREHOUSE_COLUMNS.map((c) => `coalesce(sum(${c}), 0)::text`).join(", ")})`);
  // No CTE: totals are one pass over the snapshot alone, and the page joins product names onto
  // its own rows only – in SKU order straight off the unique index, without sorting all 6,800.
  const where = filters(params);
  const result = await db.execute<ResultRow>(sql`
    select summary.matching, summary.totals,
           (select coalesce(json_agg(json_build_object(
                      'sku', sku, 'name', name, 'category', category, 'unit', unit,
                      'warehouses', ${warehouses}, 'total', total_available::text) order by ${order}), '[]'::json)
              from (select s.sku, p.name, p.category, p.unit,
                           s.warehouse_1, s.warehouse_2, s.warehouse_3, s.warehouse_4, s.warehouse_5, s.warehouse_6,
                           s.total_available
                      from inventory_snapshot s
                      left join products p on p.sku = s.sku
                      ${where}
                     order by ${order} limit ${params.pageSize} offset ${(params.page - 1) * params.pageSize}) as page) as rows
      from (select count(*)::int as matching,
                   json_build_object('warehouses', ${warehouseSums}, 'total', coalesce(sum(s.total_available), 0)::text) as totals
              from inventory_snapshot s
              ${where}) as summary`);
  const row = result.rows[0]!;
  return { matching: row.matching, totals: row.totals, rows: row.rows };
}
