import { describe, expect, it } from "vitest";
import { normalizeDecimal, setupSyncHarness } from "@/test/sync-harness";
import { syncPartition } from "./sync-partition";

const h = setupSyncHarness();

async function invoiceTotals(month: string) {
  const { rows } = await h.database.pool.query<{ lines: number; documents: number; net: string; gross: string; quantity: string }>(
    `select count(*)::int as lines, count(distinct invoice_no)::int as documents,
            sum(net_value)::text as net, sum(gross_value)::text as gross, sum(quantity)::text as quantity
       from sales_invoice_lines where to_char(fulfillment_date, 'YYYY-MM') = $1`,
    [month],
  );
  const row = rows[0]!;
  return { lines: row.lines, documents: row.documents, net: normalizeDecimal(row.net), gross: normalizeDecimal(row.gross), quantity: normalizeDecimal(row.quantity) };
}

function expectedInvoiceTotals(month: string) {
  const t = h.simulator.monthTotals("kimeno_szamla", month);
  return { lines: t.lines, documents: t.documents, net: normalizeDecimal(t.netValue), gross: normalizeDecimal(t.grossValue), quantity: normalizeDecimal(t.quantity) };
}

async function metadata(entity: string, partition: string) {
  const { rows } = await h.database.pool.query("select * from sync_metadata where entity = $1 and partition = $2", [entity, partition]);
  return rows[0];
}

describe("syncPartition", () => {
  it("brings a month of invoices into the cache, exact to the fillér, with history and freshness", async () => {
    const outcome = await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: "2024-03", trigger: "manual" });
    expect(outcome).toMatchObject({ status: "synced", entity: "kimeno_szamla", partition: "2024-03", removed: 0, dataIssues: 0 });
    const expected = expectedInvoiceTotals("2024-03");
    expect(await invoiceTotals("2024-03")).toEqual(expected);
    if (outcome.status !== "synced") throw new Error("not synced");
    expect(outcome.records).toBe(expected.lines);
    expect(outcome.pages).toBe(Math.floor(expected.documents / 200) + 1);

    const meta = await metadata("kimeno_szamla", "2024-03");
    expect(meta).toMatchObject({ status: "success", records: expected.lines, pages: outcome.pages, lock_token: null, last_error: null });
    const run = (await h.database.pool.query("select * from sync_runs where id = $1", [outcome.runId])).rows[0];
    expect(run).toMatchObject({ status: "success", trigger: "manual", pages: outcome.pages, records: expected.lines, data_issues: 0 });
    expect(meta.last_synced_at.getTime()).toBe(run.started_at.getTime());
    // Storno lines keep their sign.
    const storno = await h.database.pool.query<{ positive: number; lines: number }>(
      "select count(*) filter (where quantity > 0)::int as positive, count(*)::int as lines from sales_invoice_lines where is_storno",
    );
    expect(storno.rows[0]!.lines).toBeGreaterThan(0);
    expect(storno.rows[0]!.positive).toBe(0);
  });

  it("skips a fresh partition, and a forced re-sync updates rows without duplicating them", async () => {
    expect(await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: "2024-03", trigger: "read" })).toMatchObject({
      status: "skipped",
      reason: "fresh",
    });
    const before = await invoiceTotals("2024-03");
    const again = await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: "2024-03", trigger: "manual", force: true });
    expect(again.status).toBe("synced");
    expect(await invoiceTotals("2024-03")).toEqual(before);
    const stamped = await h.database.pool.query("select count(distinct sync_run_id)::int as runs from sales_invoice_lines where fulfillment_date between '2024-03-01' and '2024-03-31'");
    expect(stamped.rows[0].runs).toBe(1);
  });

  it("sweeps rows the ERP no longer has – only after the last page, only in its own month", async () => {
    const insertGhost = (invoice: string, date: string) =>
      h.database.pool.query(
        `insert into sales_invoice_lines (invoice_no, line_no, fulfillment_date, sku, quantity, net_price, vat_pct, gross_price, net_value, gross_value, raw_xml_hash, sync_run_id)
         values ($1, 1, $2, 'GHOST', 1, 100, 27, 127, 100, 127, 'x', gen_random_uuid())`,
        [invoice, date],
      );
    await insertGhost("SZ-GHOST-1", "2024-03-15");
    await insertGhost("SZ-GHOST-2", "2024-04-15");
    const outcome = await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: "2024-03", trigger: "manual", force: true });
    expect(outcome).toMatchObject({ status: "synced", removed: 1 });
    const ghosts = await h.database.pool.query("select invoice_no from sales_invoice_lines where sku = 'GHOST' order by 1");
    expect(ghosts.rows.map((r) => r.invoice_no)).toEqual(["SZ-GHOST-2"]);
    expect(await invoiceTotals("2024-03")).toEqual(expectedInvoiceTotals("2024-03"));
  });

  it("never stores deleted movement documents", async () => {
    const outcome = await syncPartition(h.deps(), { entity: "raktari_mozgas", partition: "2023-11", trigger: "manual" });
    expect(outcome.status).toBe("synced");
    const t = h.simulator.monthTotals("raktari_mozgas", "2023-11");
    expect(t.deletedDocuments).toBeGreaterThan(0);
    const { rows } = await h.database.pool.query(
      `select count(*)::int as lines, count(distinct document_no)::int as documents, sum(quantity)::text as quantity,
              count(*) filter (where (direction = 'out') <> (quantity < 0))::int as wrong_sign
         from warehouse_movements where movement_date between '2023-11-01' and '2023-11-30'`,
    );
    expect({ ...rows[0], quantity: normalizeDecimal(rows[0].quantity) }).toEqual({
      lines: t.lines,
      documents: t.documents,
      quantity: normalizeDecimal(t.quantity),
      wrong_sign: 0,
    });
  });

  it("replaces the stock snapshot and marks vanished products inactive", async () => {
    await h.database.pool.query(
      `insert into products (sku, name, raw_xml_hash, sync_run_id) values ('GONE-1', 'Régi termék', 'x', gen_random_uuid());
       insert into inventory_snapshot (sku, raw_xml_hash, sync_run_id) values ('GONE-1', 'x', gen_random_uuid());`,
    );
    const products = await syncPartition(h.deps(), { entity: "cikk", partition: "all", trigger: "manual" });
    const stock = await syncPartition(h.deps(), { entity: "keszlet", partition: "all", trigger: "manual" });
    expect(products).toMatchObject({ status: "synced", removed: 1 });
    expect(stock).toMatchObject({ status: "synced", removed: 1 });
    const counts = await h.database.pool.query(
      `select (select count(*)::int from products where active) as active,
              (select active from products where sku = 'GONE-1') as gone_active,
              (select count(*)::int from inventory_snapshot) as stock,
              (select count(*)::int from inventory_snapshot where sku = 'GONE-1') as gone_stock,
              (select count(*)::int from inventory_snapshot
                where total_available <> warehouse_1 + warehouse_2 + warehouse_3 + warehouse_4 + warehouse_5 + warehouse_6) as bad_totals`,
    );
    expect(counts.rows[0]).toMatchObject({ gone_active: false, gone_stock: 0, bad_totals: 0 });
    expect(counts.rows[0].stock).toBeGreaterThanOrEqual(6_500);
    expect(products.status === "synced" && products.records).toBe(counts.rows[0].stock);
  });
});

describe("rollups", () => {
  it("equal the cached lines, day by day and product by product, after every sync", async () => {
    // The sweep test above planted a line by hand in a month no sync has touched since.
    await h.database.pool.query("delete from sales_invoice_lines where sku = 'GHOST'");
    await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: "2024-05", trigger: "manual" });
    await syncPartition(h.deps(), { entity: "raktari_mozgas", partition: "2024-05", trigger: "manual" });
    const differences = await h.database.pool.query(
      `select 'sales_daily' as rollup, count(*)::int as n from (
         select fulfillment_date as day, count(*)::int as lines, sum(quantity) as q, sum(net_value) as n, sum(gross_value) as g
           from sales_invoice_lines group by 1
         except select day, lines, quantity, net_value, gross_value from sales_daily) d
       union all
       select 'sales_daily_sku', count(*)::int from (
         select fulfillment_date, sku, count(*)::int, sum(quantity), sum(net_value), sum(gross_value)
           from sales_invoice_lines group by 1, 2
         except select day, sku, lines, quantity, net_value, gross_value from sales_daily_sku) d
       union all
       select 'movements_daily', count(*)::int from (
         select movement_date, movement_type, direction, count(*)::int, sum(quantity) from warehouse_movements group by 1, 2, 3
         except select day, movement_type, direction, lines, quantity from movements_daily) d`,
    );
    expect(differences.rows).toEqual([
      { rollup: "sales_daily", n: 0 },
      { rollup: "sales_daily_sku", n: 0 },
      { rollup: "movements_daily", n: 0 },
    ]);
    const may = await h.database.pool.query("select count(*)::int as days, sum(gross_value)::text as gross from sales_daily where day between '2024-05-01' and '2024-05-31'");
    expect(may.rows[0].days).toBeGreaterThan(20);
    expect(normalizeDecimal(may.rows[0].gross)).toBe(normalizeDecimal(h.simulator.monthTotals("kimeno_szamla", "2024-05").grossValue));
  });
});
