import type { PoolClient } from "pg";
import type { Entity } from "@/lib/db";
import type { InvoiceLine, MovementLine, ProductRecord, RecordOf, StockLevel } from "@/lib/tharanis";
import { monthBounds, type Month, type Partition } from "./partitions";

/**
 * Writes of the sync engine. Each page is upserted in ONE statement (arrays
 * unnested server-side) on the natural key; rows carry the run id so that the
 * sweep after the last page can tell what the run did not see.
 */

type Upsert<R> = (client: PoolClient, records: R[], runId: string) => Promise<number>;

const upsertInvoiceLines: Upsert<InvoiceLine> = async (client, rows, runId) => {
  const result = await client.query(
    `insert into sales_invoice_lines
       (invoice_no, line_no, fulfillment_date, sku, product_name, quantity, net_price, vat_pct,
        gross_price, net_value, gross_value, currency, is_storno, raw_xml_hash, sync_run_id, synced_at)
     select u.*, $15::uuid, now()
       from unnest($1::text[], $2::int[], $3::date[], $4::text[], $5::text[], $6::numeric[], $7::numeric[],
                   $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::text[], $13::boolean[], $14::text[])
         as u(invoice_no, line_no, fulfillment_date, sku, product_name, quantity, net_price, vat_pct,
              gross_price, net_value, gross_value, currency, is_storno, raw_xml_hash)
     on conflict (invoice_no, line_no) do update set
       fulfillment_date = excluded.fulfillment_date, sku = excluded.sku, product_name = excluded.product_name,
       quantity = excluded.quantity, net_price = excluded.net_price, vat_pct = excluded.vat_pct,
       gross_price = excluded.gross_price, net_value = excluded.net_value, gross_value = excluded.gross_value,
       currency = excluded.currency, is_storno = excluded.is_storno, raw_xml_hash = excluded.raw_xml_hash,
       sync_run_id = excluded.sync_run_id, synced_at = excluded.synced_at`,
    [
      rows.map((r) => r.invoiceNo),
      rows.map((r) => r.lineNo),
      rows.map((r) => r.fulfillmentDate),
      rows.map((r) => r.sku),
      rows.map((r) => r.productName),
      rows.map((r) => r.quantity),
      rows.map((r) => r.netPrice),
      rows.map((r) => r.vatPct),
      rows.map((r) => r.grossPrice),
      rows.map((r) => r.netValue),
      rows.map((r) => r.grossValue),
      rows.map((r) => r.currency),
      rows.map((r) => r.isStorno),
      rows.map((r) => r.rawHash),
      runId,
    ],
  );
  return result.rowCount ?? 0;
};

const upsertMovementLines: Upsert<MovementLine> = async (client, rows, runId) => {
  const result = await client.query(
    `insert into warehouse_movements
       (document_no, line_no, movement_date, direction, movement_type, sku, quantity, raw_xml_hash, sync_run_id, synced_at)
     select u.*, $9::uuid, now()
       from unnest($1::text[], $2::int[], $3::date[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[])
         as u(document_no, line_no, movement_date, direction, movement_type, sku, quantity, raw_xml_hash)
     on conflict (document_no, line_no) do update set
       movement_date = excluded.movement_date, direction = excluded.direction, movement_type = excluded.movement_type,
       sku = excluded.sku, quantity = excluded.quantity, raw_xml_hash = excluded.raw_xml_hash,
       sync_run_id = excluded.sync_run_id, synced_at = excluded.synced_at`,
    [
      rows.map((r) => r.documentNo),
      rows.map((r) => r.lineNo),
      rows.map((r) => r.movementDate),
      rows.map((r) => r.direction),
      rows.map((r) => r.movementType),
      rows.map((r) => r.sku),
      rows.map((r) => r.quantity),
      rows.map((r) => r.rawHash),
      runId,
    ],
  );
  return result.rowCount ?? 0;
};

const upsertStockLevels: Upsert<StockLevel> = async (client, rows, runId) => {
  const level = (index: number) => rows.map((r) => r.warehouses[index]);
  const result = await client.query(
    `insert into inventory_snapshot
       (sku, warehouse_1, warehouse_2, warehouse_3, warehouse_4, warehouse_5, warehouse_6, raw_xml_hash, sync_run_id, synced_at)
     select u.*, $9::uuid, now()
       from unnest($1::text[], $2::numeric[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::text[])
         as u(sku, warehouse_1, warehouse_2, warehouse_3, warehouse_4, warehouse_5, warehouse_6, raw_xml_hash)
     on conflict (sku) do update set
       warehouse_1 = excluded.warehouse_1, warehouse_2 = excluded.warehouse_2, warehouse_3 = excluded.warehouse_3,
       warehouse_4 = excluded.warehouse_4, warehouse_5 = excluded.warehouse_5, warehouse_6 = excluded.warehouse_6,
       raw_xml_hash = excluded.raw_xml_hash, sync_run_id = excluded.sync_run_id, synced_at = excluded.synced_at`,
    [rows.map((r) => r.sku), level(0), level(1), level(2), level(3), level(4), level(5), rows.map((r) => r.rawHash), runId],
  );
  return result.rowCount ?? 0;
};

const upsertProducts: Upsert<ProductRecord> = async (client, rows, runId) => {
  const result = await client.query(
    `insert into products (sku, name, category, manufacturer, unit, active, raw_xml_hash, sync_run_id, synced_at)
     select u.*, $8::uuid, now()
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[])
         as u(sku, name, category, manufacturer, unit, active, raw_xml_hash)
     on conflict (sku) do update set
       name = excluded.name, category = excluded.category, manufacturer = excluded.manufacturer, unit = excluded.unit,
       active = excluded.active, raw_xml_hash = excluded.raw_xml_hash, sync_run_id = excluded.sync_run_id,
       synced_at = excluded.synced_at`,
    [
      rows.map((r) => r.sku),
      rows.map((r) => r.name),
      rows.map((r) => r.category),
      rows.map((r) => r.manufacturer),
      rows.map((r) => r.unit),
      rows.map((r) => r.active),
      rows.map((r) => r.rawHash),
      runId,
    ],
  );
  return result.rowCount ?? 0;
};

const UPSERTS: { [E in Entity]: Upsert<RecordOf<E>> } = {
  kimeno_szamla: upsertInvoiceLines,
  raktari_mozgas: upsertMovementLines,
  keszlet: upsertStockLevels,
  cikk: upsertProducts,
};

export async function upsertRecords<E extends Entity>(client: PoolClient, entity: E, records: RecordOf<E>[], runId: string): Promise<number> {
  if (records.length === 0) return 0;
  return (UPSERTS[entity] as Upsert<RecordOf<E>>)(client, records, runId);
}

/** The natural key of a record: duplicates within one page would break a single-statement upsert. */
export function naturalKey(entity: Entity, record: RecordOf<Entity>): string {
  switch (entity) {
    case "kimeno_szamla": {
      const line = record as InvoiceLine;
      return `${line.invoiceNo}\u0000${line.lineNo}`;
    }
    case "raktari_mozgas": {
      const line = record as MovementLine;
      return `${line.documentNo}\u0000${line.lineNo}`;
    }
    default:
      return (record as StockLevel | ProductRecord).sku;
  }
}

/**
 * After the last page: removes the partition's rows this run did not see (the
 * ERP deleted them or moved them to another month). Products are marked
 * inactive instead, so old sales keep their names. Returns rows affected.
 */
export async function sweepPartition(client: PoolClient, partition: Partition, runId: string): Promise<number> {
  switch (partition.entity) {
    case "kimeno_szamla":
    case "raktari_mozgas": {
      const table = partition.entity === "kimeno_szamla" ? "sales_invoice_lines" : "warehouse_movements";
      const dateColumn = partition.entity === "kimeno_szamla" ? "fulfillment_date" : "movement_date";
      const { first, last } = monthBounds(partition.key as Month);
      const result = await client.query(
        `delete from ${table} where ${dateColumn} between $1 and $2 and sync_run_id <> $3`,
        [first, last, runId],
      );
      return result.rowCount ?? 0;
    }
    case "keszlet": {
      const result = await client.query("delete from inventory_snapshot where sync_run_id <> $1", [runId]);
      return result.rowCount ?? 0;
    }
    case "cikk": {
      const result = await client.query(
        "update products set active = false, synced_at = now() where sync_run_id <> $1 and active",
        [runId],
      );
      return result.rowCount ?? 0;
    }
  }
}

/**
 * Inside a page's or the sweep's transaction: proves this run still holds the
 * lock, renews it (the timeout counts from the last sign of life, not the start)
 * and holds the row so no one can take the lock over until the transaction ends.
 */
export async function holdLock(client: PoolClient, partition: Partition, runId: string): Promise<boolean> {
  const result = await client.query(
    `update sync_metadata set locked_at = now()
      where entity = $1 and filter_hash = $2 and lock_token = $3
      returning id`,
    [partition.entity, partition.filterHash, runId],
  );
  return (result.rowCount ?? 0) === 1;
}

