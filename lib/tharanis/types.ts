import type { Entity } from "@/drizzle/schema";

/**
 * Domain rows: what the ERP's records mean, ready for the cache. Money and
 * quantities are exact decimal strings; dates are YYYY-MM-DD.
 */

export interface InvoiceLine {
  invoiceNo: string;
  /** Position of the line in its invoice, from 1. */
  lineNo: number;
  fulfillmentDate: string;
  sku: string;
  productName: string | null;
  /** Signed: storno lines are negative. */
  quantity: string;
  netPrice: string;
  vatPct: string;
  /** netPrice × (1 + vatPct / 100). */
  grossPrice: string;
  /** netPrice × quantity. */
  netValue: string;
  /** grossPrice × quantity. */
  grossValue: string;
  currency: string | null;
  isStorno: boolean;
  rawHash: string;
}

export interface MovementLine {
  documentNo: string;
  lineNo: number;
  movementDate: string;
  direction: "in" | "out";
  movementType: string;
  sku: string;
  /** Signed as the ERP sends it (out lines negative). */
  quantity: string;
  rawHash: string;
}

export interface StockLevel {
  sku: string;
  /** Available quantity in warehouses 1..6. */
  warehouses: [string, string, string, string, string, string];
  rawHash: string;
}

export interface ProductRecord {
  sku: string;
  name: string;
  category: string | null;
  manufacturer: string | null;
  unit: string | null;
  active: boolean;
  rawHash: string;
}

export interface RecordByEntity {
  kimeno_szamla: InvoiceLine;
  raktari_mozgas: MovementLine;
  keszlet: StockLevel;
  cikk: ProductRecord;
}

export type RecordOf<E extends Entity> = RecordByEntity[E];

/** A record the ERP sent that could not be used: counted and reported, never silently dropped. */
export interface DataIssue {
  entity: Entity;
  page: number;
  /** Invoice / document number or SKU, when known. */
  record: string;
  /** Line position within the document, for line-level problems. */
  line?: number;
  field: string;
  value: string;
  problem: string;
}

export interface MappedPage<E extends Entity> {
  records: RecordOf<E>[];
  issues: DataIssue[];
  /** Deleted (`torolt`) movement documents left out on purpose. */
  deletedDocuments: number;
}

export interface Page<E extends Entity> extends MappedPage<E> {
  entity: E;
  page: number;
  /** `elem`s on the page (documents for invoices and movements). */
  documents: number;
  /** Fewer documents than the page size: nothing follows. */
  last: boolean;
  bytes: number;
  durationMs: number;
}
