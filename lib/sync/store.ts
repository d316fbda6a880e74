import type { PoolClient } from "pg";
import type { Entity } from "@/lib/db";
import type { DataIssue, InvoiceLine, MovementLine, ProductRecord, RecordOf, StockLevel } from "@/lib/tharanis";
import type { Queryable } from "./lock";
import { monthBounds, type Month, type Partition } from "./partitions";

/** Writes of the sync engine: a page at a time, then the sweep. */

/** How one entity's records become rows: the table, its natural key, and each column's type and value. */
interface TableSpec<R> {
  table: string;
  key: readonly string[];
  columns: ReadonlyArray<readonly [name: string, type: string, value: (record: R) => unknown]>;
}

const TABLES: { [E in Entity]: TableSpec<RecordOf<E>> } = {
  kimeno_szamla: {
    table: "sales_invoice_lines",
    key: ["invoice_no", "line_no"],
    columns: [
      ["invoice_no", "text", (r) => r.invoiceNo],
      ["line_no", "int", (r) => r.lineNo],
      ["fulfillment_date", "date", (r) => r.fulfillmentDate],
      ["sku", "text", (r) => r.sku],
      ["product_name", "text", (r) => r.productName],
      ["quantity", "numeric", (r) => r.quantity],
      ["net_price", "numeric", (r) => r.netPrice],
      ["vat_pct", "numeric", (r) => r.vatPct],
      ["gross_price", "numeric", (r) => r.grossPrice],
      ["net_value", "numeric", (r) => r.netValue],
      ["gross_value", "numeric", (r) => r.grossValue],
      ["currency", "text", (r) => r.currency],
      ["is_storno", "boolean", (r) => r.isStorno],
      ["raw_xml_hash", "text", (r) => r.rawHash],
    ],
  },
  raktari_mozgas: {
    table: "warehouse_movements",
    key: ["document_no", "line_no"],
    columns: [
      ["document_no", "text", (r) => r.documentNo],
      ["line_no", "int", (r) => r.lineNo],
      ["movement_date", "date", (r) => r.movementDate],
      ["direction", "text", (r) => r.direction],
      ["movement_type", "text", (r) => r.movementType],
      ["sku", "text", (r) => r.sku],
      ["quantity", "numeric", (r) => r.quantity],
      ["raw_xml_hash", "text", (r) => r.rawHash],
    ],
  },
  keszlet: {
    table: "inventory_snapshot",
    key: ["sku"],
    columns: [
      ["sku", "text", (r) => r.sku],
      ...([0, 1, 2, 3, 4, 5] as const).map((index) => [`warehouse_${index + 1}`, "numeric", (r: StockLevel) => r.warehouses[index]] as const),
      ["raw_xml_hash", "text", (r) => r.rawHash],
    ],
  },
  cikk: {
    table: "products",
    key: ["sku"],
    columns: [
      ["sku", "text", (r) => r.sku],
      ["name", "text", (r) => r.name],
      ["category", "text", (r) => r.category],
      ["manufacturer", "text", (r) => r.manufacturer],
      ["unit", "text", (r) => r.unit],
      ["active", "boolean", (r) => r.active],
      ["raw_xml_hash", "text", (r) => r.rawHash],
    ],
  },
};

/** $1..$6 of the page statement are fixed (see storePage); the columns' arrays follow. */
const FIXED_PARAMETERS = 6;

function pageStatement(spec: TableSpec<never>): string {
  const names = spec.columns.map(([name]) => name);
  const arrays = spec.columns.map(([, type], index) => `$${FIXED_PARAMETERS + 1 + index}::${type}[]`);
  const updates = [...names.filter((name) => !spec.key.includes(name)), "sync_run_id", "synced_at"].map((name) => `${name} = excluded.${name}`);
  // One statement, so one round trip (Postgres writes while the next page is parsed) and atomic:
  // the lock row is renewed and held, the rows land and the run's counters move – or nothing does.
  return `with lock as (
      update sync_metadata set locked_at = now()
       where entity = $1 and filter_hash = $2 and lock_token = $3
      returning id
    ), stored as (
      insert into ${spec.table} (${names.join(", ")}, sync_run_id, synced_at)
      select u.*, $3::uuid, now()
        from unnest(${arrays.join(", ")}) as u(${names.join(", ")})
       where exists (select from lock)
      on conflict (${spec.key.join(", ")}) do update set ${updates.join(", ")}
      returning 1
    ), counted as (select count(*)::int as stored from stored), run as (
      update sync_runs
         set pages = pages + 1, records = records + (select stored from counted), data_issues = data_issues + $4,
             issue_sample = case when jsonb_array_length(coalesce(issue_sample, '[]')) >= $5 then issue_sample
                                 else coalesce(issue_sample, '[]') || $6::jsonb end
       where id = $3 and exists (select from lock)
    )
    select exists (select from lock) as held, (select stored from counted) as stored`;
}

const PAGE_STATEMENTS = Object.fromEntries(Object.entries(TABLES).map(([entity, spec]) => [entity, pageStatement(spec as TableSpec<never>)])) as Record<Entity, string>;

/** Issues kept per run in sync_runs.issue_sample (the count is kept in full). */
export const ISSUE_SAMPLE_SIZE = 20;

export interface StoredPage {
  /** False when the run no longer holds its lock: nothing was written. */
  held: boolean;
  stored: number;
}

/**
 * Writes one page of a run in ONE statement: renews and holds the run's lock,
 * upserts the records on their natural key (arrays unnested server-side,
 * rows stamped with the run id) and adds the page to the run's sync_runs row.
 * Rows carry the run id so that the sweep after the last page can tell what
 * the run did not see. Records must be unique on their natural key.
 */
export async function storePage<E extends Entity>(
  db: Queryable,
  partition: Partition & { entity: E },
  runId: string,
  records: readonly RecordOf<E>[],
  issues: readonly DataIssue[],
): Promise<StoredPage> {
  const spec = TABLES[partition.entity] as TableSpec<RecordOf<E>>;
  const { rows } = await db.query<StoredPage>(PAGE_STATEMENTS[partition.entity], [
    partition.entity,
    partition.filterHash,
    runId,
    issues.length,
    ISSUE_SAMPLE_SIZE,
    JSON.stringify(issues.slice(0, ISSUE_SAMPLE_SIZE)),
    ...spec.columns.map(([, , value]) => records.map(value)),
  ]);
  const result = rows[0];
  return { held: result?.held === true, stored: result?.stored ?? 0 };
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

