import { hash } from "node:crypto";
import type { Entity } from "@/drizzle/schema";
import { add, formatDecimal, multiply, parseDecimal, shift, type Decimal } from "@/lib/decimal";
import { DATE_PATTERN, FLAG_TRUE, MOVEMENT_FIELDS } from "./mapping";
import { isCalendarDay } from "./query";
import {
  toRawInvoiceDocument,
  toRawMovementDocument,
  toRawProductRecord,
  toRawStockRecord,
  type RawInvoiceDocument,
  type RawMovementDocument,
} from "./raw";
import type { DataIssue, InvoiceLine, MappedPage, MovementLine, ProductRecord, StockLevel } from "./types";

const ONE: Decimal = { units: 1n, scale: 0 };

/** Stable fingerprint of what the ERP sent for a row: equal input, equal hash. */
function hashOf(...parts: unknown[]): string {
  return hash("sha1", JSON.stringify(parts), "base64url");
}

class IssueLog {
  readonly issues: DataIssue[] = [];
  constructor(private readonly entity: Entity, private readonly page: number) {}
  add(record: string, field: string, value: string, problem: string, line?: number) {
    this.issues.push({ entity: this.entity, page: this.page, record: record || "(no number)", line, field, value, problem });
  }
}

function isoDate(erpDate: string): string | null {
  const match = DATE_PATTERN.exec(erpDate);
  if (!match || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** "0" / "1" / absent → boolean; anything else → undefined (a data error). */
function flag(value: string, absent: boolean): boolean | undefined {
  if (value === "") return absent;
  if (value === FLAG_TRUE) return true;
  if (value === "0") return false;
  return undefined;
}

export function mapInvoicePage(elems: Record<string, unknown>[], page: number): MappedPage<"kimeno_szamla"> {
  const log = new IssueLog("kimeno_szamla", page);
  const records: InvoiceLine[] = [];
  for (const elem of elems) {
    const doc = toRawInvoiceDocument(elem);
    const header = invoiceHeader(doc, log);
    if (!header) continue;
    doc.lines.forEach((raw, index) => {
      const lineNo = index + 1;
      const problem = (field: string, value: string, what: string) => log.add(doc.documentNo, field, value, what, lineNo);
      if (!raw.sku) return problem("sku", raw.sku, "missing SKU");
      const quantity = parseDecimal(raw.quantity);
      const netPrice = parseDecimal(raw.netPrice);
      const vatPct = parseDecimal(raw.vatPct);
      if (!quantity) return problem("quantity", raw.quantity, "not a decimal number");
      if (!netPrice) return problem("netPrice", raw.netPrice, "not a decimal number");
      if (!vatPct) return problem("vatPct", raw.vatPct, "not a decimal number");
      const grossPrice = multiply(netPrice, add(ONE, shift(vatPct, 2)));
      records.push({
        invoiceNo: doc.documentNo,
        lineNo,
        fulfillmentDate: header.date,
        sku: raw.sku,
        productName: raw.name || null,
        quantity: formatDecimal(quantity),
        netPrice: formatDecimal(netPrice),
        vatPct: formatDecimal(vatPct),
        grossPrice: formatDecimal(grossPrice),
        netValue: formatDecimal(multiply(netPrice, quantity)),
        grossValue: formatDecimal(multiply(grossPrice, quantity)),
        currency: doc.currency || null,
        isStorno: header.storno,
        rawHash: hashOf(doc.documentNo, doc.date, doc.storno, doc.currency, raw),
      });
    });
  }
  return { records, issues: log.issues, deletedDocuments: 0 };
}

function invoiceHeader(doc: RawInvoiceDocument, log: IssueLog) {
  const skip = (field: string, value: string, problem: string) => {
    log.add(doc.documentNo, field, value, `${problem}; the document's ${doc.lines.length} line(s) were not stored`);
    return undefined;
  };
  if (!doc.documentNo) return skip("documentNo", "", "missing invoice number");
  const date = isoDate(doc.date);
  if (!date) return skip("date", doc.date, "not a date YYYY.MM.DD");
  const storno = flag(doc.storno, false);
  if (storno === undefined) return skip("storno", doc.storno, "not 0 or 1");
  return { date, storno };
}

export function mapMovementPage(elems: Record<string, unknown>[], page: number): MappedPage<"raktari_mozgas"> {
  const log = new IssueLog("raktari_mozgas", page);
  const records: MovementLine[] = [];
  let deletedDocuments = 0;
  for (const elem of elems) {
    const doc = toRawMovementDocument(elem);
    const header = movementHeader(doc, log);
    if (header === "deleted") {
      deletedDocuments += 1;
      continue;
    }
    if (!header) continue;
    doc.lines.forEach((raw, index) => {
      const lineNo = index + 1;
      if (!raw.sku) return log.add(doc.documentNo, "sku", raw.sku, "missing SKU", lineNo);
      const quantity = parseDecimal(raw.quantity);
      if (!quantity) return log.add(doc.documentNo, "quantity", raw.quantity, "not a decimal number", lineNo);
      records.push({
        documentNo: doc.documentNo,
        lineNo,
        movementDate: header.date,
        direction: header.direction,
        movementType: doc.type,
        sku: raw.sku,
        quantity: formatDecimal(quantity),
        rawHash: hashOf(doc.documentNo, doc.date, doc.direction, doc.type, raw),
      });
    });
  }
  return { records, issues: log.issues, deletedDocuments };
}

function movementHeader(doc: RawMovementDocument, log: IssueLog) {
  const skip = (field: string, value: string, problem: string) => {
    log.add(doc.documentNo, field, value, `${problem}; the document's ${doc.lines.length} line(s) were not stored`);
    return undefined;
  };
  if (!doc.documentNo) return skip("documentNo", "", "missing document number");
  const deleted = flag(doc.deleted, false);
  if (deleted === undefined) return skip("deleted", doc.deleted, "not 0 or 1");
  if (deleted) return "deleted" as const;
  const date = isoDate(doc.date);
  if (!date) return skip("date", doc.date, "not a date YYYY.MM.DD");
  const direction = MOVEMENT_FIELDS.directions[doc.direction as keyof typeof MOVEMENT_FIELDS.directions];
  if (!direction) return skip("direction", doc.direction, "not B (in) or K (out)");
  return { date, direction };
}

export function mapStockPage(elems: Record<string, unknown>[], page: number): MappedPage<"keszlet"> {
  const log = new IssueLog("keszlet", page);
  const records: StockLevel[] = [];
  for (const elem of elems) {
    const raw = toRawStockRecord(elem);
    if (!raw.sku) {
      log.add("", "sku", "", "missing SKU; the stock record was not stored");
      continue;
    }
    // An empty kiadhato means nothing available [seen].
    const levels = raw.warehouses.map((value) => {
      if (value === "") return "0";
      const parsed = parseDecimal(value);
      return parsed ? formatDecimal(parsed) : null;
    });
    const bad = levels.indexOf(null);
    if (bad >= 0) {
      log.add(raw.sku, `warehouse${bad + 1}`, raw.warehouses[bad]!, "not a decimal number; the stock record was not stored");
      continue;
    }
    records.push({ sku: raw.sku, warehouses: levels as StockLevel["warehouses"], rawHash: hashOf(raw) });
  }
  return { records, issues: log.issues, deletedDocuments: 0 };
}

export function mapProductPage(elems: Record<string, unknown>[], page: number): MappedPage<"cikk"> {
  const log = new IssueLog("cikk", page);
  const records: ProductRecord[] = [];
  for (const elem of elems) {
    const raw = toRawProductRecord(elem);
    if (!raw.sku) {
      log.add("", "sku", "", "missing SKU; the product was not stored");
      continue;
    }
    // A listed product without the flag is taken as active [assumed].
    const active = flag(raw.active, true);
    if (active === undefined) {
      log.add(raw.sku, "active", raw.active, "not 0 or 1; the product was not stored");
      continue;
    }
    records.push({
      sku: raw.sku,
      name: raw.name || raw.sku,
      category: raw.category || null,
      manufacturer: raw.manufacturer || null,
      unit: raw.unit || null,
      active,
      rawHash: hashOf(raw),
    });
  }
  return { records, issues: log.issues, deletedDocuments: 0 };
}

export const PAGE_MAPPERS = {
  kimeno_szamla: mapInvoicePage,
  raktari_mozgas: mapMovementPage,
  keszlet: mapStockPage,
  cikk: mapProductPage,
} as const;
