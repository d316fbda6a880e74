import { DOCUMENT, INVOICE_FIELDS, MOVEMENT_FIELDS, PRODUCT_FIELDS, STOCK_FIELDS } from "./mapping";
import { asRecord, text, unescapeXmlText } from "./response";

/**
 * Raw records: the ERP's values exactly as sent (strings, unparsed), under our
 * names. Only this file and mapping.ts know the Tharanis field names.
 */

export interface RawInvoiceLine {
  sku: string;
  quantity: string;
  netPrice: string;
  vatPct: string;
  name: string;
}

export interface RawInvoiceDocument {
  documentNo: string;
  date: string;
  storno: string;
  currency: string;
  lines: RawInvoiceLine[];
}

export interface RawMovementLine {
  sku: string;
  quantity: string;
}

export interface RawMovementDocument {
  documentNo: string;
  date: string;
  direction: string;
  type: string;
  deleted: string;
  lines: RawMovementLine[];
}

export interface RawStockRecord {
  sku: string;
  /** kiadhato1..6 in order. */
  warehouses: string[];
}

export interface RawProductRecord {
  sku: string;
  name: string;
  category: string;
  manufacturer: string;
  unit: string;
  active: string;
}

/** A field's text with its XML escapes decoded (the answer parser leaves them as sent). */
function field(record: Record<string, unknown> | undefined, name: string): string {
  return unescapeXmlText(text(record?.[name])).trim();
}

function documentParts(elem: Record<string, unknown>) {
  const header = asRecord(elem[DOCUMENT.header]);
  const lines = asRecord(elem[DOCUMENT.lines])?.[DOCUMENT.line];
  return { header, lines: Array.isArray(lines) ? lines.map((line) => asRecord(line)) : [] };
}

export function toRawInvoiceDocument(elem: Record<string, unknown>): RawInvoiceDocument {
  const { header, lines } = documentParts(elem);
  const h = INVOICE_FIELDS.header;
  const l = INVOICE_FIELDS.line;
  return {
    documentNo: field(header, h.documentNo),
    date: field(header, h.date),
    storno: field(header, h.storno),
    currency: field(header, h.currency),
    lines: lines.map((line) => ({
      sku: field(line, l.sku),
      quantity: field(line, l.quantity),
      netPrice: field(line, l.netPrice),
      vatPct: field(line, l.vatPct),
      name: field(line, l.name),
    })),
  };
}

export function toRawMovementDocument(elem: Record<string, unknown>): RawMovementDocument {
  const { header, lines } = documentParts(elem);
  const h = MOVEMENT_FIELDS.header;
  const l = MOVEMENT_FIELDS.line;
  return {
    documentNo: field(header, h.documentNo),
    date: field(header, h.date),
    direction: field(header, h.direction),
    type: field(header, h.type),
    deleted: field(header, h.deleted),
    lines: lines.map((line) => ({ sku: field(line, l.sku), quantity: field(line, l.quantity) })),
  };
}

export function toRawStockRecord(elem: Record<string, unknown>): RawStockRecord {
  return {
    sku: field(elem, STOCK_FIELDS.sku),
    warehouses: STOCK_FIELDS.warehouses.map((name) => field(elem, name)),
  };
}

export function toRawProductRecord(elem: Record<string, unknown>): RawProductRecord {
  return {
    sku: field(elem, PRODUCT_FIELDS.sku),
    name: field(elem, PRODUCT_FIELDS.name),
    category: field(elem, PRODUCT_FIELDS.category),
    manufacturer: field(elem, PRODUCT_FIELDS.manufacturer),
    unit: field(elem, PRODUCT_FIELDS.unit),
    active: field(elem, PRODUCT_FIELDS.active),
  };
}
