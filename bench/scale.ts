import type pg from "pg";

/**
 * Multiplies the cached invoice history by `factor`: each line copied
 * `factor - 1` times under new invoice numbers *and new SKUs* (`sku~k`), so the
 * per-product rollup grows too, not just the sums. Then rebuilds the rollups
 * from the lines, as the migration that introduced them does.
 */
export async function multiplyHistory(pool: pg.Pool, factor: number): Promise<{ lines: number; skuDays: number; seconds: number }> {
  const started = performance.now();
  const client = await pool.connect();
  try {
    await client.query("set maintenance_work_mem = '256MB'");
    await client.query(
      `insert into sales_invoice_lines (invoice_no, line_no, fulfillment_date, sku, product_name, quantity, net_price, vat_pct,
                                        gross_price, net_value, gross_value, currency, is_storno, raw_xml_hash, sync_run_id, synced_at)
       select l.invoice_no || '~' || k, l.line_no, l.fulfillment_date, l.sku || '~' || k, l.product_name, l.quantity, l.net_price, l.vat_pct,
              l.gross_price, l.net_value, l.gross_value, l.currency, l.is_storno, l.raw_xml_hash, l.sync_run_id, l.synced_at
         from sales_invoice_lines l cross join generate_series(1, $1::int - 1) k
        where l.invoice_no not like '%~%'`,
      [factor],
    );
    await client.query("begin");
    await client.query("truncate sales_daily, sales_daily_sku");
    await client.query(
      `insert into sales_daily (day, lines, quantity, net_value, gross_value)
       select fulfillment_date, count(*), sum(quantity), sum(net_value), sum(gross_value) from sales_invoice_lines group by fulfillment_date`,
    );
    await client.query(
      `insert into sales_daily_sku (day, sku, lines, quantity, net_value, gross_value)
       select fulfillment_date, sku, count(*), sum(quantity), sum(net_value), sum(gross_value) from sales_invoice_lines group by fulfillment_date, sku`,
    );
    await client.query("commit");
    await client.query("vacuum analyze sales_invoice_lines");
    await client.query("vacuum analyze sales_daily");
    await client.query("vacuum analyze sales_daily_sku");
    const { rows } = await client.query<{ lines: number; sku_days: number }>(
      "select (select count(*) from sales_invoice_lines)::int as lines, (select count(*) from sales_daily_sku)::int as sku_days",
    );
    return { lines: rows[0]!.lines, skuDays: rows[0]!.sku_days, seconds: (performance.now() - started) / 1000 };
  } finally {
    client.release();
  }
}
