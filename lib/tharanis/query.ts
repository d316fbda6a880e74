import type { Entity } from "@/drizzle/schema";
import { FILTER_FIELDS, QUERY } from "./mapping";
import { escapeXml } from "./xml";

/** What to read, in our terms; turned into the ERP's `leker` document by buildQueryXml(). */
export interface ErpQuery {
  /** First day, inclusive, YYYY-MM-DD (dated entities only). */
  from?: string;
  /** Last day, inclusive, YYYY-MM-DD (dated entities only). */
  to?: string;
  /** Any of these SKUs (documents containing one, with all their lines). */
  skus?: readonly string[];
  /** Documents per page (default 200, as in production use). */
  pageSize?: number;
  /** Invoices: only storno (true) or only regular (false) documents. */
  storno?: boolean;
  /** Movements: deleted documents are filtered out at the ERP unless true. */
  includeDeleted?: boolean;
}

export const DEFAULT_PAGE_SIZE = 200;

export type Relation = "=" | ">=" | "<=" | ">" | "<";

export interface ErpFilter {
  field: string;
  relation: Relation;
  value: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SKU_PATTERN = /^[^|<>&\s][^|<>&]{0,63}$/;

/** Validates a query for an entity and returns its ERP filters. Throws RangeError on bad input. */
export function filtersFor(entity: Entity, query: ErpQuery): ErpFilter[] {
  const filters: ErpFilter[] = [];
  const fields = FILTER_FIELDS[entity];

  if (query.from !== undefined || query.to !== undefined) {
    if (!("date" in fields)) throw new RangeError(`${entity} has no date filter`);
    const from = query.from === undefined ? undefined : erpDate(query.from, "from");
    const to = query.to === undefined ? undefined : erpDate(query.to, "to");
    if (from && to && from > to) throw new RangeError(`from (${query.from}) is after to (${query.to})`);
    if (from) filters.push({ field: fields.date, relation: ">=", value: from });
    if (to) filters.push({ field: fields.date, relation: "<=", value: to });
  }

  if (query.skus !== undefined) {
    if (query.skus.length === 0) throw new RangeError("skus must not be empty when given");
    for (const sku of query.skus) {
      if (!SKU_PATTERN.test(sku)) throw new RangeError(`invalid SKU ${JSON.stringify(sku)}`);
    }
    filters.push({ field: fields.sku, relation: "=", value: [...new Set(query.skus)].join(QUERY.anyOfSeparator) });
  }

  if (query.storno !== undefined) {
    if (!("storno" in fields)) throw new RangeError(`${entity} has no storno filter`);
    filters.push({ field: fields.storno, relation: "=", value: query.storno ? "1" : "0" });
  }

  if ("deleted" in fields && !query.includeDeleted) {
    filters.push({ field: fields.deleted, relation: "=", value: "0" });
  }
  return filters;
}

export function pageSizeOf(query: ErpQuery): number {
  const size = query.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new RangeError(`pageSize must be 1..1000, got ${size}`);
  return size;
}

/** The `leker` document of param4 (before CDATA wrapping). */
export function buildQueryXml(entity: Entity, query: ErpQuery, page: number): string {
  if (!Number.isInteger(page) || page < 0) throw new RangeError(`page must be a whole number ≥ 0, got ${page}`);
  const filters = filtersFor(entity, query);
  const filterXml = filters.length
    ? `<${QUERY.filters}>${filters
        .map(
          (f) =>
            `<${QUERY.filter}><${QUERY.field}>${escapeXml(f.field)}</${QUERY.field}>` +
            `<${QUERY.relation}>${escapeXml(f.relation)}</${QUERY.relation}>` +
            `<${QUERY.value}>${escapeXml(f.value)}</${QUERY.value}></${QUERY.filter}>`,
        )
        .join("")}</${QUERY.filters}>`
    : "";
  const headers = "date" in FILTER_FIELDS[entity] ? `<${QUERY.data}><${QUERY.headers}>I</${QUERY.headers}></${QUERY.data}>` : "";
  return (
    `<${QUERY.root}><${QUERY.limit}>${pageSizeOf(query)}</${QUERY.limit}><${QUERY.page}>${page}</${QUERY.page}>` +
    `${filterXml}${headers}</${QUERY.root}>`
  );
}

/** YYYY-MM-DD (a real calendar day) → YYYY.MM.DD. */
function erpDate(iso: string, name: string): string {
  const match = ISO_DATE.exec(iso);
  const valid = match && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!valid) throw new RangeError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  return iso.replaceAll("-", ".");
}

export function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
