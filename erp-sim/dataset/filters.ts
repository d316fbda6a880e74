/**
 * Filters as predicates over generated records. Every field maps to the string values a
 * record has for it (a document has one date but many SKUs), and a filter holds when any
 * record value relates to any `|`-alternative. All fields compare as strings: YYYY.MM.DD
 * dates, 0/1 flags and same-length SKUs all sort correctly that way.
 */
import { monthOfErpDate, type MonthKey } from "../generator/calendar";
import type { Invoice } from "../generator/invoices";
import type { Movement } from "../generator/movements";
import type { Filter, Relation } from "../protocol/query";

export type FieldValues<T> = (record: T) => readonly string[];

export const INVOICE_FIELDS: Record<string, FieldValues<Invoice>> = {
  teljdat: (invoice) => [invoice.date],
  storno: (invoice) => [invoice.storno ? "1" : "0"],
  cikksz: (invoice) => invoice.lines.map((line) => line.sku),
};

export const MOVEMENT_FIELDS: Record<string, FieldValues<Movement>> = {
  kelt: (movement) => [movement.date],
  torolt: (movement) => [movement.deleted ? "1" : "0"],
  cikksz: (movement) => movement.lines.map((line) => line.sku),
};

export const SKU_FIELDS: Record<string, FieldValues<{ sku: string }>> = {
  cikksz: (record) => [record.sku],
};

function holds(actual: string, relation: Relation, expected: string): boolean {
  switch (relation) {
    case "=":
      return actual === expected;
    case ">=":
      return actual >= expected;
    case "<=":
      return actual <= expected;
    case ">":
      return actual > expected;
    case "<":
      return actual < expected;
  }
}

/** AND of the filters; fields were validated against the entity beforehand. */
export function compilePredicate<T>(filters: readonly Filter[], fields: Record<string, FieldValues<T>>): (record: T) => boolean {
  const compiled = filters.map((filter) => {
    const valuesOf = fields[filter.field];
    if (!valuesOf) throw new Error(`no accessor for filter field ${filter.field}`);
    return { valuesOf, filter };
  });
  return (record) =>
    compiled.every(({ valuesOf, filter }) => valuesOf(record).some((actual) => filter.values.some((expected) => holds(actual, filter.relation, expected))));
}

/**
 * The months a date filter can match, so a one-month query generates one month, not
 * ten years. Bounds are inclusive; undefined means open.
 */
export function monthBounds(filters: readonly Filter[], dateField: string): { from?: MonthKey; to?: MonthKey } {
  let from: string | undefined;
  let to: string | undefined;
  for (const filter of filters) {
    if (filter.field !== dateField) continue;
    const sorted = [...filter.values].sort();
    const lowest = sorted[0] as string;
    const highest = sorted[sorted.length - 1] as string;
    if (filter.relation === "=" || filter.relation === ">=" || filter.relation === ">") {
      if (from === undefined || lowest > from) from = lowest;
    }
    if (filter.relation === "=" || filter.relation === "<=" || filter.relation === "<") {
      if (to === undefined || highest < to) to = highest;
    }
  }
  return { from: from && monthOfErpDate(from), to: to && monthOfErpDate(to) };
}
