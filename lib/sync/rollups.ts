import type { PoolClient } from "pg";
import { monthBounds, type Month, type Partition } from "./partitions";

/**
 * Rebuilds the daily rollups of one month from its cached lines. Runs inside
 * the sweep-and-release transaction, so readers see lines, rollups and
 * freshness change together. A month of ~2,500 lines aggregates in a few ms.
 */
export async function rebuildRollups(client: PoolClient, partition: Partition): Promise<void> {
  if (partition.entity !== "kimeno_szamla" && partition.entity !== "raktari_mozgas") return;
  const { first, last } = monthBounds(partition.key as Month);
  if (partition.entity === "kimeno_szamla") {
    await client.query("delete from sales_daily where day between $1 and $2", [first, last]);
    await client.query(
      `insert into sales_daily (day, lines, quantity, net_value, gross_value)
       select fulfillment_date, count(*), sum(quantity), sum(net_value), sum(gross_value)
         from sales_invoice_lines where fulfillment_date between $1 and $2
        group by fulfillment_date`,
      [first, last],
    );
    await client.query("delete from sales_daily_sku where day between $1 and $2", [first, last]);
    await client.query(
      `insert into sales_daily_sku (day, sku, lines, quantity, net_value, gross_value)
       select fulfillment_date, sku, count(*), sum(quantity), sum(net_value), sum(gross_value)
         from sales_invoice_lines where fulfillment_date between $1 and $2
        group by fulfillment_date, sku`,
      [first, last],
    );
    return;
  }
  await client.query("delete from movements_daily where day between $1 and $2", [first, last]);
  await client.query(
    `insert into movements_daily (day, movement_type, direction, lines, quantity)
     select movement_date, movement_type, direction, count(*), sum(quantity)
       from warehouse_movements where movement_date between $1 and $2
      group by movement_date, movement_type, direction`,
    [first, last],
  );
}
