import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/test/database";
import { runMigrations } from "./migrate";

const database = setupTestDatabase();

describe("migrations", () => {
  it("seed entity_config with the design's TTLs, page size and lock timeout", async () => {
    const { rows } = await database.pool.query(
      "select entity, ttl_seconds, closed_month_ttl_seconds, page_size, enabled, lock_timeout_seconds from entity_config order by entity",
    );
    expect(rows).toEqual([
      { entity: "cikk", ttl_seconds: 86400, closed_month_ttl_seconds: null, page_size: 200, enabled: true, lock_timeout_seconds: 300 },
      { entity: "keszlet", ttl_seconds: 300, closed_month_ttl_seconds: null, page_size: 200, enabled: true, lock_timeout_seconds: 300 },
      { entity: "kimeno_szamla", ttl_seconds: 1800, closed_month_ttl_seconds: 604800, page_size: 200, enabled: true, lock_timeout_seconds: 300 },
      { entity: "raktari_mozgas", ttl_seconds: 1800, closed_month_ttl_seconds: 604800, page_size: 200, enabled: true, lock_timeout_seconds: 300 },
    ]);
  });

  it("are idempotent and safe to run from several processes at once", async () => {
    await Promise.all(Array.from({ length: 4 }, () => runMigrations(database.url)));
    const { rows } = await database.pool.query("select count(*)::int as applied from drizzle.__drizzle_migrations");
    expect(rows[0].applied).toBeGreaterThanOrEqual(3);
    const seeds = await database.pool.query("select count(*)::int as n from entity_config");
    expect(seeds.rows[0].n).toBe(4);
  });

  it("store money and quantities as numeric and every timestamp with a time zone", async () => {
    const { rows } = await database.pool.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public'`,
    );
    const type = (table: string, column: string) =>
      rows.find((r) => r.table_name === table && r.column_name === column)?.data_type;
    for (const column of ["quantity", "net_price", "vat_pct", "gross_price", "net_value", "gross_value"]) {
      expect(type("sales_invoice_lines", column)).toBe("numeric");
    }
    expect(type("warehouse_movements", "quantity")).toBe("numeric");
    for (const column of ["warehouse_1", "warehouse_6", "total_available"]) {
      expect(type("inventory_snapshot", column)).toBe("numeric");
    }
    const naive = rows.filter((r) => r.data_type === "timestamp without time zone");
    expect(naive).toEqual([]);
  });

  it("keep total_available equal to the sum of the six warehouses, exactly", async () => {
    const { rows } = await database.pool.query(
      `insert into inventory_snapshot (sku, warehouse_1, warehouse_2, warehouse_3, warehouse_4, warehouse_5, warehouse_6, raw_xml_hash, sync_run_id)
       values ('T-1', '0.1', '0.2', '85.00', '69.50', '0', '1e-4', 'h', gen_random_uuid())
       returning total_available::text`,
    );
    expect(rows[0].total_available).toBe("154.8001");
  });

  it("refuse a duplicate invoice line", async () => {
    const insert = `insert into sales_invoice_lines
      (invoice_no, line_no, fulfillment_date, sku, quantity, net_price, vat_pct, gross_price, net_value, gross_value, raw_xml_hash, sync_run_id)
      values ('SZ-1', 1, '2024-02-01', 'C1', 1, 10, 27, 12.7, 10, 12.7, 'h', gen_random_uuid())`;
    await database.pool.query(insert);
    await expect(database.pool.query(insert)).rejects.toThrow(/duplicate key/);
  });
});
