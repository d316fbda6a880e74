import type { Entity } from "@/drizzle/schema";

/**
 * Every Tharanis field name this project relies on, in one place. PROTOCOL.md
 * marks each as [seen] (a working integration uses it) or [assumed] (our best
 * reading). When a real response disagrees, correct it here and nowhere else.
 */

export const DATED_ENTITIES = ["kimeno_szamla", "raktari_mozgas"] as const;
export type DatedEntity = (typeof DATED_ENTITIES)[number];
export const SNAPSHOT_ENTITIES = ["keszlet", "cikk"] as const;
export type SnapshotEntity = (typeof SNAPSHOT_ENTITIES)[number];

export function isDatedEntity(entity: Entity): entity is DatedEntity {
  return (DATED_ENTITIES as readonly string[]).includes(entity);
}

/** SOAP operation and namespace [seen]. */
export const SOAP = {
  namespace: "urn://apiv3",
  operation: "leker",
  /** What PHP's SoapClient sends; the server also works without it [seen]. */
  soapAction: '"urn://apiv3#leker"',
} as const;

/** Answer document (inside `return`); its root element name is not relied on [assumed]. */
export const ANSWER = {
  errorCode: "hiba", // [seen] "0" = success
  body: "valasz", // [seen] records, or the error message when hiba ≠ "0"
  record: "elem", // [seen]
  successCode: "0",
} as const;

/** `hiba` messages that mean bad credentials (the code alone is not documented) [assumed]. */
export const AUTH_FAILURE_MESSAGE = /azonos[ií]t|jogosults[aá]g|api.?kulcs|hozz[aá]f[eé]r/i;

/** Query document (param4) [seen]. */
export const QUERY = {
  root: "leker",
  limit: "limit",
  page: "oldal", // 0-based [seen]
  filters: "szurok",
  filter: "szuro",
  field: "mezo",
  relation: "relacio",
  value: "ertek",
  data: "adatok",
  headers: "fej", // <adatok><fej>I</fej></adatok> asks for document headers [seen]
  anyOfSeparator: "|", // [seen for cikksz]
} as const;

/** Filter field names per entity [seen]. */
export const FILTER_FIELDS = {
  kimeno_szamla: { date: "teljdat", sku: "cikksz", storno: "storno" },
  raktari_mozgas: { date: "kelt", sku: "cikksz", deleted: "torolt" },
  keszlet: { sku: "cikksz" },
  cikk: { sku: "cikksz" },
} as const;

/** Document-shaped records: elem/fej (header) + elem/tetelek/tetel (lines) [seen]. */
export const DOCUMENT = { header: "fej", lines: "tetelek", line: "tetel" } as const;

export const INVOICE_FIELDS = {
  header: {
    documentNo: "sorszam", // [seen in write answers]
    date: "telj_dat", // [seen]
    storno: "storno", // [assumed in fej; seen as a filter]
    currency: "valuta", // [assumed; present in the fixtures]
  },
  line: {
    sku: "cikksz", // [seen]
    quantity: "menny", // [seen]
    netPrice: "netto_ar", // [seen] unit net price
    vatPct: "afa_szaz", // [seen]
    name: "megnev", // [assumed]
  },
} as const;

export const MOVEMENT_FIELDS = {
  header: {
    documentNo: "bizszam", // [assumed]
    date: "kelt", // [seen]
    direction: "irany", // [seen] B = in, K = out
    type: "mozgas", // [seen] type label
    deleted: "torolt", // [assumed in fej; seen as a filter]
  },
  line: {
    sku: "cikksz", // [seen]
    quantity: "menny", // [seen] signed as the ERP sends it (out lines negative in the fixtures)
  },
  directions: { B: "in", K: "out" } as const, // [seen]
} as const;

export const STOCK_FIELDS = {
  sku: "cikksz", // [seen]
  /** kiadhato1..kiadhato6: available quantity per warehouse; empty means 0 [seen]. */
  warehouses: ["kiadhato1", "kiadhato2", "kiadhato3", "kiadhato4", "kiadhato5", "kiadhato6"],
} as const;

export const PRODUCT_FIELDS = {
  sku: "cikksz", // [seen]
  name: "megnev", // [assumed]
  category: "csoport", // [assumed]
  manufacturer: "gyarto", // [assumed]
  unit: "mee", // [assumed]
  active: "aktiv", // [assumed] 0/1
} as const;

/** 0/1 flags [assumed]; an absent flag means 0. */
export const FLAG_TRUE = "1";

/** ERP dates are YYYY.MM.DD everywhere [seen]. */
export const DATE_PATTERN = /^(\d{4})\.(\d{2})\.(\d{2})$/;
