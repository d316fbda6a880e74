/**
 * The query document (`param4`): `<leker><limit/><oldal/><szurok><szuro>…</szuro></szurok></leker>`.
 *
 * Two kinds of mistakes, answered differently (as the real ERP does for a bad limit):
 * a document we cannot read at all is a SOAP Fault (ClientFault); readable but invalid
 * paging values are an ERP error answer (`hiba` 2, Hungarian message, HTTP 200).
 */
import { isErpDate } from "../generator/calendar";
import { FILTER_FIELDS, type Entity } from "./entities";
import { ClientFault, isRecord, parseXml } from "./xml-parser";

export const RELATIONS = ["=", ">=", "<=", ">", "<"] as const;
export type Relation = (typeof RELATIONS)[number];

export const MAX_LIMIT = 1000;
export const INVALID_QUERY_CODE = "2";

export interface Filter {
  field: string;
  relation: Relation;
  /** `ertek` split on "|": the filter holds when any of them does. */
  values: string[];
}

export interface Query {
  limit: number;
  /** 0-based page (`oldal`). */
  page: number;
  filters: Filter[];
}

/** A readable query with values the ERP rejects: answered as `hiba` 2. */
export class InvalidQuery extends Error {
  readonly code = INVALID_QUERY_CODE;
  constructor(message: string) {
    super(message);
    this.name = "InvalidQuery";
  }
}

function text(node: Record<string, unknown>, name: string): string | undefined {
  const value = node[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new ClientFault(`query: <${name}> must contain text`);
  return value.trim();
}

function parseFilter(node: unknown, position: number): Filter {
  if (!isRecord(node)) throw new ClientFault(`query: <szuro> #${position} must contain <mezo>, <relacio> and <ertek>`);
  const field = text(node, "mezo");
  const relation = text(node, "relacio");
  const value = text(node, "ertek");
  if (!field) throw new ClientFault(`query: <szuro> #${position} has no <mezo>`);
  if (!relation) throw new ClientFault(`query: <szuro> #${position} (${field}) has no <relacio>`);
  if (!(RELATIONS as readonly string[]).includes(relation)) {
    throw new ClientFault(`query: unknown relacio "${relation}" for ${field} (use one of ${RELATIONS.join(" ")})`);
  }
  if (value === undefined || value === "") throw new ClientFault(`query: <szuro> #${position} (${field}) has no <ertek>`);
  return { field, relation: relation as Relation, values: value.split("|").map((part) => part.trim()) };
}

function wholeNumber(raw: string | undefined, name: string, min: number, max: number): number {
  if (raw === undefined || raw === "") throw new InvalidQuery(`Hiányzó ${name} érték`);
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new InvalidQuery(`Érvénytelen ${name} érték: "${raw}" (${min} és ${max} közötti egész szám lehet)`);
  }
  return Number(raw);
}

/** Reads the structure; throws ClientFault when unreadable, InvalidQuery for a bad limit/oldal. */
export function parseQuery(queryXml: string): Query {
  if (queryXml.trim() === "") throw new ClientFault("query (param4) is empty");
  const document = parseXml(queryXml, "query (param4)");
  const root = document.leker;
  if (!isRecord(root)) throw new ClientFault("query (param4): the root element must be <leker> with children");

  const szurok = root.szurok;
  let filters: Filter[] = [];
  if (isRecord(szurok)) {
    const list = szurok.szuro;
    filters = Array.isArray(list) ? list.map((node, index) => parseFilter(node, index + 1)) : [];
  } else if (szurok !== undefined && szurok !== "") {
    throw new ClientFault("query: <szurok> must contain <szuro> elements");
  }

  return {
    limit: wholeNumber(text(root, "limit"), "limit", 1, MAX_LIMIT),
    page: wholeNumber(text(root, "oldal") ?? "0", "oldal", 0, 1_000_000),
    filters,
  };
}

/** Checks filter fields and values against the entity; throws ClientFault naming the problem. */
export function validateFilters(entity: Entity, filters: readonly Filter[]): void {
  const fields = FILTER_FIELDS[entity];
  for (const filter of filters) {
    const kind = fields[filter.field];
    if (!kind) {
      throw new ClientFault(`Unknown filter field "${filter.field}" for ${entity} (known: ${Object.keys(fields).join(", ")})`);
    }
    for (const value of filter.values) {
      if (kind === "date" && !isErpDate(value)) throw new ClientFault(`Filter ${filter.field}: "${value}" is not a date in YYYY.MM.DD form`);
      if (kind === "flag" && value !== "0" && value !== "1") throw new ClientFault(`Filter ${filter.field}: "${value}" must be 0 or 1`);
      if (kind === "sku" && value === "") throw new ClientFault(`Filter ${filter.field}: empty value in "${filter.values.join("|")}"`);
    }
  }
}

function renderFilter(filter: Filter): string {
  return `${filter.field}${filter.relation}${filter.values.join("|")}`;
}

/**
 * The query without its page, in one canonical form (filters sorted), so the stats can
 * group the pages of one pagination run: "kelt<=2024.01.31; kelt>=2024.01.01; limit=200".
 */
export function canonicalQuery(query: Pick<Query, "limit" | "filters">): string {
  return [...query.filters.map(renderFilter).sort(), `limit=${query.limit}`].join("; ");
}

/** Canonical form of the filters alone (cache keys: the same filters match the same records). */
export function canonicalFilters(filters: readonly Filter[]): string {
  return filters.map(renderFilter).sort().join("; ");
}
