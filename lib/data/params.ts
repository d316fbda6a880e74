import { z } from "zod";
import { isCalendarDay } from "@/lib/tharanis/query";

/**
 * Query-string parameters of the dashboards, shared by the API routes and the
 * pages (which read the same parameters from the URL). Every message names its
 * parameter; a failed parse is a 400 (see lib/http/api.ts), never a default.
 */

export const MAX_RANGE_YEARS = 20;
export const MAX_COMPARED_PRODUCTS = 5;
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;

export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const SALES_METRICS = ["gross", "net", "quantity", "avg_gross_price"] as const;
export type SalesMetric = (typeof SALES_METRICS)[number];

const isoDate = (name: string) =>
  z
    .string({ error: `${name} is required (YYYY-MM-DD)` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${name} must be a date YYYY-MM-DD` })
    .refine((value) => isCalendarDay(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))), {
      message: `${name} is not a real calendar day`,
    });

/** from ≤ to, at most MAX_RANGE_YEARS apart. */
export const dateRange = z
  .object({ from: isoDate("from"), to: isoDate("to") })
  .superRefine(({ from, to }, context) => {
    if (from > to) context.addIssue({ code: "custom", path: ["to"], message: `to (${to}) is before from (${from})` });
    const limit = `${Number(from.slice(0, 4)) + MAX_RANGE_YEARS}${from.slice(4)}`;
    if (to > limit) context.addIssue({ code: "custom", path: ["to"], message: `the range from ${from} to ${to} is longer than ${MAX_RANGE_YEARS} years` });
  });

const skuList = (max: number) =>
  z
    .array(z.string().regex(SKU_PATTERN, { message: "sku must be 1-64 letters, digits or . _ - /, starting with a letter or digit" }))
    .max(max, { message: `sku: at most ${max} products` })
    .transform((skus) => [...new Set(skus)]);

export const salesParams = dateRange.and(
  z.object({
    sku: skuList(MAX_COMPARED_PRODUCTS).default([]),
    granularity: z.enum(GRANULARITIES, { error: `granularity must be one of ${GRANULARITIES.join(", ")}` }).default("month"),
    metric: z.enum(SALES_METRICS, { error: `metric must be one of ${SALES_METRICS.join(", ")}` }).default("gross"),
    /** Year-over-year: the same periods one year earlier, alongside. */
    compare: z.enum(["none", "yoy"], { error: "compare must be none or yoy" }).default("none"),
  }),
);
export type SalesParams = z.output<typeof salesParams>;

export const movementsParams = dateRange.and(
  z.object({
    sku: skuList(1).default([]),
    granularity: z.enum(GRANULARITIES, { error: `granularity must be one of ${GRANULARITIES.join(", ")}` }).default("month"),
  }),
);
export type MovementsParams = z.output<typeof movementsParams>;

/** Postgres text cannot hold a NUL character: a search containing one is a 400, not a database error. */
const noNul = (text: string) => !text.includes("\u0000");
const NUL_MESSAGE = "q must not contain NUL characters";

export const INVENTORY_SORTS = ["sku", "name", "total", "warehouse_1", "warehouse_2", "warehouse_3", "warehouse_4", "warehouse_5", "warehouse_6"] as const;

export const inventoryParams = z.object({
  q: z.string().trim().max(100, { message: "q must be at most 100 characters" }).refine(noNul, { message: NUL_MESSAGE }).default(""),
  sort: z.enum(INVENTORY_SORTS, { error: `sort must be one of ${INVENTORY_SORTS.join(", ")}` }).default("sku"),
  dir: z.enum(["asc", "desc"], { error: "dir must be asc or desc" }).default("asc"),
  /** Only products whose total available stock is below this (0 = out of stock only when "out"). */
  low: z.enum(["all", "low", "out"], { error: "low must be all, low or out" }).default("all"),
  page: z.coerce.number({ error: "page must be a number" }).int({ message: "page must be a whole number" }).min(1, { message: "page must be ≥ 1" }).max(10_000, { message: "page must be ≤ 10000" }).default(1),
  pageSize: z.coerce.number({ error: "pageSize must be a number" }).int({ message: "pageSize must be a whole number" }).min(10, { message: "pageSize must be ≥ 10" }).max(500, { message: "pageSize must be ≤ 500" }).default(50),
});
export type InventoryParams = z.output<typeof inventoryParams>;

export const productSearchParams = z.object({
  q: z.string({ error: "q is required and must not be empty: a SKU or part of a name" }).trim().min(1, { message: "q must not be empty" }).max(100, { message: "q must be at most 100 characters" }).refine(noNul, { message: NUL_MESSAGE }),
  limit: z.coerce.number({ error: "limit must be a number" }).int({ message: "limit must be a whole number" }).min(1, { message: "limit must be ≥ 1" }).max(50, { message: "limit must be ≤ 50" }).default(20),
});
export type ProductSearchParams = z.output<typeof productSearchParams>;

/** Stock at or below this total counts as low (out of stock: ≤ 0). */
export const LOW_STOCK_THRESHOLD = 10;

/**
 * URLSearchParams (or Next's searchParams object) → plain input for the
 * schemas: repeated keys become arrays where the schema wants a list
 * (`sku=A&sku=B`, also `sku=A,B`), single values stay strings, empty ones are left out.
 */
export function searchParamsInput(
  source: URLSearchParams | Record<string, string | string[] | undefined>,
  listKeys: readonly string[] = ["sku"],
): Record<string, unknown> {
  const entries: Array<[string, string]> =
    source instanceof URLSearchParams
      ? [...source.entries()]
      : Object.entries(source).flatMap(([key, value]) => (value === undefined ? [] : Array.isArray(value) ? value.map((v) => [key, v] as [string, string]) : [[key, value] as [string, string]]));
  const input: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    // An empty field of a GET form (`entity=`) means "not set", not "the empty string".
    if (value.trim() === "") continue;
    if (listKeys.includes(key)) {
      const items = value.split(",").map((item) => item.trim()).filter(Boolean);
      input[key] = [...((input[key] as string[] | undefined) ?? []), ...items];
    } else if (key in input) {
      input[key] = Array.isArray(input[key]) ? [...(input[key] as string[]), value] : [input[key] as string, value];
    } else {
      input[key] = value;
    }
  }
  return input;
}

/** The first problem of a failed parse, as "parameter: message". */
export function firstProblem(error: z.ZodError): { parameter: string; message: string } {
  const issue = error.issues[0]!;
  const parameter = String(issue.path[0] ?? "query");
  return { parameter, message: issue.message.startsWith(parameter) ? issue.message : `${parameter}: ${issue.message}` };
}

const ENTITY_NAMES = ["keszlet", "kimeno_szamla", "raktari_mozgas", "cikk"] as const;

/** /api/freshness: some entities over a range, or (no parameters) every entity's hot partitions. */
export const freshnessParams = z
  .object({
    entity: z.array(z.enum(ENTITY_NAMES, { error: `entity must be one of ${ENTITY_NAMES.join(", ")}` })).default([]),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .superRefine((value, context) => {
    if ((value.from === undefined) !== (value.to === undefined)) {
      context.addIssue({ code: "custom", path: [value.from === undefined ? "from" : "to"], message: "from and to go together" });
      return;
    }
    if (value.from !== undefined) {
      const range = dateRange.safeParse({ from: value.from, to: value.to });
      if (!range.success) for (const issue of range.error.issues) context.addIssue({ ...issue, code: "custom", message: issue.message });
    }
  });
export type FreshnessParams = z.output<typeof freshnessParams>;

const RUN_STATUSES = ["running", "success", "error", "abandoned"] as const;
const TRIGGERS = ["read", "cron", "hydrate", "manual"] as const;
const month = (name: string) => z.string({ error: `${name} must be a month YYYY-MM` }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: `${name} must be a month YYYY-MM` });

/** /admin/syncs and GET /api/admin/syncs. */
export const syncRunsParams = z.object({
  entity: z.enum(ENTITY_NAMES, { error: `entity must be one of ${ENTITY_NAMES.join(", ")}` }).optional(),
  status: z.enum(RUN_STATUSES, { error: `status must be one of ${RUN_STATUSES.join(", ")}` }).optional(),
  trigger: z.enum(TRIGGERS, { error: `trigger must be one of ${TRIGGERS.join(", ")}` }).optional(),
  page: z.coerce.number({ error: "page must be a number" }).int({ message: "page must be a whole number" }).min(1, { message: "page must be ≥ 1" }).max(100_000, { message: "page must be ≤ 100000" }).default(1),
  pageSize: z.coerce.number({ error: "pageSize must be a number" }).int({ message: "pageSize must be a whole number" }).min(10, { message: "pageSize must be ≥ 10" }).max(200, { message: "pageSize must be ≤ 200" }).default(50),
});
export type SyncRunsParams = z.output<typeof syncRunsParams>;

/** POST /api/admin/hydrations: a backfill (defaults: every entity, all history, skipping fresh months). */
export const hydrateRequest = z.object({
  entities: z.array(z.enum(ENTITY_NAMES, { error: `entities must be among ${ENTITY_NAMES.join(", ")}` })).min(1, { message: "entities must not be empty" }).optional(),
  from: month("from").optional(),
  to: month("to").optional(),
  force: z.boolean({ error: "force must be true or false" }).default(false),
});
export type HydrateRequest = z.output<typeof hydrateRequest>;

/** POST /api/admin/resync: force one partition (or a range of months) again now. */
export const resyncRequest = z
  .object({
    entity: z.enum(ENTITY_NAMES, { error: `entity must be one of ${ENTITY_NAMES.join(", ")}` }),
    from: month("from").optional(),
    to: month("to").optional(),
  })
  .superRefine((value, context) => {
    const dated = value.entity === "kimeno_szamla" || value.entity === "raktari_mozgas";
    if (dated && value.from === undefined) context.addIssue({ code: "custom", path: ["from"], message: `from (and to) are required for ${value.entity}: which months?` });
    else if ((value.from === undefined) !== (value.to === undefined)) context.addIssue({ code: "custom", path: ["to"], message: "from and to go together" });
    else if (value.from && value.to && value.from > value.to) context.addIssue({ code: "custom", path: ["to"], message: `to (${value.to}) is before from (${value.from})` });
  });
export type ResyncRequest = z.output<typeof resyncRequest>;
