/**
 * Answers a query with one page of `elem`s. Documents are walked month by month in
 * (date, number) order; per (month, filters) the matching positions are cached, so
 * paging through all history costs each page O(months) plus its own 200 documents
 * instead of re-filtering everything before it.
 *
 * Pages come back in wire form – each element already escaped for the envelope (see
 * soapSuccessEnvelope) – because escaping a 200 KB page on every request was most of
 * a request's cost; a document's wire form is computed once and cached with its month.
 */
import { catalogFor } from "../generator/catalog";
import { addMonths, FIRST_MONTH, monthOfInstant, monthOrdinal, type MonthKey } from "../generator/calendar";
import { generateInvoiceMonth, type Invoice } from "../generator/invoices";
import { generateMovementMonth, type Movement } from "../generator/movements";
import { generateStock, stockBucket, type StockRow } from "../generator/stock";
import { visibleCount } from "../generator/visibility";
import { worldKey, type World } from "../generator/world";
import type { DocumentEntity, Entity } from "../protocol/entities";
import { canonicalFilters, type Filter, type Query } from "../protocol/query";
import { invoiceElement, movementElement, productElement, stockElement } from "../protocol/records";
import { escapeEnvelopeText } from "../protocol/response";
import { compilePredicate, INVOICE_FIELDS, monthBounds, MOVEMENT_FIELDS, SKU_FIELDS, type FieldValues } from "./filters";
import { LruCache } from "./lru";

/** Generated months kept in memory (~1 MB each): enough for a few years of paging back and forth. */
const MONTH_CACHE_SIZE = 48;
/** Matching positions per (month, filters): a few KB each. */
const MATCH_CACHE_SIZE = 5_000;

interface MonthDocuments {
  documents: ReadonlyArray<Invoice | Movement>;
  /** Wire-form `elem`s, filled in as pages ask for them. */
  wireElements: Array<string | undefined>;
}

interface MonthMatches {
  positions: Uint32Array;
  postedAt: Float64Array;
}

interface DocumentSource<T extends Invoice | Movement> {
  dateField: string;
  fields: Record<string, FieldValues<T>>;
  generate(world: World, month: MonthKey): T[];
  serialise(document: T): string;
}

const SOURCES: { [E in DocumentEntity]: DocumentSource<E extends "kimeno_szamla" ? Invoice : Movement> } = {
  kimeno_szamla: { dateField: "teljdat", fields: INVOICE_FIELDS, generate: generateInvoiceMonth, serialise: invoiceElement },
  raktari_mozgas: { dateField: "kelt", fields: MOVEMENT_FIELDS, generate: generateMovementMonth, serialise: movementElement },
};

export class Dataset {
  private readonly months = new LruCache<string, MonthDocuments>(MONTH_CACHE_SIZE);
  private readonly matches = new LruCache<string, MonthMatches>(MATCH_CACHE_SIZE);
  private readonly stock = new LruCache<string, StockRow[]>(2);
  private readonly productWireElements = new LruCache<number, Array<string | undefined>>(4);

  /** The `elem`s of one page in wire form (escaped for the envelope), concatenated; empty past the end. */
  page(world: World, entity: Entity, query: Query, now: Date): string {
    switch (entity) {
      case "kimeno_szamla":
      case "raktari_mozgas":
        return this.documentPage(world, entity, query, now).join("");
      case "keszlet": {
        const rows = this.stock.getOrCreate(`${world.seed}|${stockBucket(now)}`, () => generateStock(world.seed, stockBucket(now)));
        return this.listPage(rows, query, (row) => escapeEnvelopeText(stockElement(row)));
      }
      case "cikk": {
        const products = catalogFor(world.seed).products;
        const wire = this.productWireElements.getOrCreate(world.seed, () => new Array<string | undefined>(products.length));
        return this.listPage(products, query, (product, index) => (wire[index] ??= escapeEnvelopeText(productElement(product))));
      }
    }
  }

  private listPage<T extends { sku: string }>(records: readonly T[], query: Query, toWire: (record: T, index: number) => string): string {
    const matches = compilePredicate(query.filters, SKU_FIELDS);
    const start = query.page * query.limit;
    const selected: string[] = [];
    let position = 0;
    for (let index = 0; index < records.length && selected.length < query.limit; index++) {
      const record = records[index] as T;
      if (!matches(record)) continue;
      if (position >= start) selected.push(toWire(record, index));
      position++;
    }
    return selected.join("");
  }

  private monthDocuments(world: World, entity: DocumentEntity, month: MonthKey): MonthDocuments {
    return this.months.getOrCreate(`${worldKey(world)}|${entity}|${month}`, () => {
      const documents = SOURCES[entity].generate(world, month);
      return { documents, wireElements: new Array<string | undefined>(documents.length) };
    });
  }

  private monthMatches(world: World, entity: DocumentEntity, month: MonthKey, filters: readonly Filter[]): MonthMatches {
    const key = `${worldKey(world)}|${entity}|${month}|${canonicalFilters(filters)}`;
    return this.matches.getOrCreate(key, () => {
      const source = SOURCES[entity] as DocumentSource<Invoice | Movement>;
      const predicate = compilePredicate(filters, source.fields);
      const { documents } = this.monthDocuments(world, entity, month);
      const positions: number[] = [];
      documents.forEach((document, position) => {
        if (predicate(document)) positions.push(position);
      });
      return { positions: Uint32Array.from(positions), postedAt: Float64Array.from(positions, (position) => documents[position]?.postedAt ?? 0) };
    });
  }

  private documentPage(world: World, entity: DocumentEntity, query: Query, now: Date): string[] {
    const source = SOURCES[entity] as DocumentSource<Invoice | Movement>;
    const bounds = monthBounds(query.filters, source.dateField);
    const first = bounds.from && monthOrdinal(bounds.from) > monthOrdinal(FIRST_MONTH) ? bounds.from : FIRST_MONTH;
    const current = monthOfInstant(now);
    const last = bounds.to && monthOrdinal(bounds.to) < monthOrdinal(current) ? bounds.to : current;

    let skip = query.page * query.limit;
    const selected: string[] = [];
    for (let month = first; monthOrdinal(month) <= monthOrdinal(last) && selected.length < query.limit; month = addMonths(month, 1)) {
      const matches = this.monthMatches(world, entity, month, query.filters);
      const visible = visibleCount(matches.postedAt, month, now);
      if (skip >= visible) {
        skip -= visible;
        continue;
      }
      const cached = this.monthDocuments(world, entity, month);
      for (let index = skip; index < visible && selected.length < query.limit; index++) {
        const position = matches.positions[index] as number;
        selected.push((cached.wireElements[position] ??= escapeEnvelopeText(source.serialise(cached.documents[position] as Invoice | Movement))));
      }
      skip = 0;
    }
    return selected;
  }
}
