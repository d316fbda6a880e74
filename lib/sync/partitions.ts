import { createHash } from "node:crypto";
import type { Entity, EntityConfig } from "@/lib/db";
import { isDatedEntity } from "@/lib/tharanis/mapping";
import type { ErpQuery } from "@/lib/tharanis/query";

/**
 * Partitions: the unit of syncing and freshness. Invoices and movements are
 * cached per calendar month (Budapest time); stock and products as one
 * snapshot each. Any date range maps to the months it touches.
 */

export type Month = `${number}-${number}`;

export interface Partition {
  entity: Entity;
  /** "YYYY-MM" for dated entities, "all" for snapshots. */
  key: string;
  /** The filter this partition stands for; its canonical JSON is hashed into filterHash. */
  params: Record<string, string>;
  filterHash: string;
}

/** The first month of history in the ERP. */
export const HISTORY_START_MONTH: Month = "2016-06";
export const SNAPSHOT_KEY = "all";
export const BUSINESS_TIME_ZONE = "Europe/Budapest";

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): text is Month {
  return MONTH_PATTERN.test(text);
}

export function parseMonth(text: string, name = "month"): Month {
  if (!isMonth(text)) throw new RangeError(`${name} must be a month YYYY-MM, got ${JSON.stringify(text)}`);
  return text;
}

/** JSON with keys sorted at every level, so equal filters always hash equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function filterHashOf(params: Record<string, string>): string {
  return createHash("sha256").update(canonicalJson(params)).digest("hex");
}

export function partitionFor(entity: Entity, key: string): Partition {
  if (isDatedEntity(entity)) {
    const month = parseMonth(key, `partition of ${entity}`);
    const params = { month };
    return { entity, key: month, params, filterHash: filterHashOf(params) };
  }
  if (key !== SNAPSHOT_KEY) throw new RangeError(`${entity} has one partition, "${SNAPSHOT_KEY}"; got ${JSON.stringify(key)}`);
  return { entity, key, params: {}, filterHash: filterHashOf({}) };
}

// Built once: constructing an Intl formatter costs ~0.1 ms, and freshness asks per partition.
const BUDAPEST_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: BUSINESS_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar month of an instant, in Budapest. */
export function monthOf(instant: Date): Month {
  return dayOf(instant).slice(0, 7) as Month;
}

/** The date (YYYY-MM-DD) of an instant, in Budapest. */
export function dayOf(instant: Date): string {
  return BUDAPEST_DAY.format(instant);
}

export function addMonths(month: Month, count: number): Month {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}` as Month;
}

/** Every month from `from` to `to`, inclusive, oldest first. */
export function monthRange(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** The months a date range (YYYY-MM-DD, inclusive) touches. */
export function monthsOfDateRange(from: string, to: string): Month[] {
  return monthRange(from.slice(0, 7) as Month, to.slice(0, 7) as Month);
}

export function monthBounds(month: Month): { first: string; last: string } {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, "0")}` };
}

/** The current and the previous month still change in the ERP; older months are closed. */
export function isHotMonth(month: Month, now: Date): boolean {
  return month >= addMonths(monthOf(now), -1);
}

export function isHot(partition: Partition, now: Date): boolean {
  return partition.key === SNAPSHOT_KEY || isHotMonth(partition.key as Month, now);
}

type TtlConfig = Pick<EntityConfig, "ttlSeconds" | "closedMonthTtlSeconds">;

/** Entity TTL for hot partitions, the closed-month TTL for older months. */
export function ttlSecondsFor(partition: Partition, config: TtlConfig, now: Date): number {
  if (isHot(partition, now) || config.closedMonthTtlSeconds === null) return config.ttlSeconds;
  return config.closedMonthTtlSeconds;
}

/** The ERP query that reads exactly this partition. */
export function queryFor(partition: Partition, pageSize: number): ErpQuery {
  if (partition.key === SNAPSHOT_KEY) return { pageSize };
  const { first, last } = monthBounds(partition.key as Month);
  return { from: first, to: last, pageSize };
}

/** All partitions of an entity between two months (snapshots: their single one). */
export function partitionsOf(entity: Entity, from: Month, to: Month): Partition[] {
  if (!isDatedEntity(entity)) return [partitionFor(entity, SNAPSHOT_KEY)];
  return monthRange(from, to).map((month) => partitionFor(entity, month));
}
