/**
 * How much happens in a month: a yearly growth trend, a seasonal shape (December rush,
 * summer dip) and a little noise – calibrated to the real deployment's ~2,500 invoice
 * lines and ~300 warehouse documents a month in recent years.
 */
import { monthOrdinal, parseMonthKey, type MonthKey } from "./calendar";
import { randomFor } from "./random";
import type { World } from "./world";

/** Relative activity per calendar month, January first; averages 1. */
const SEASON = [0.88, 0.92, 1.0, 1.0, 1.02, 0.97, 0.85, 0.85, 1.0, 1.05, 1.12, 1.35];
/** The volumes below are those of this month (before season and noise). */
const ANCHOR_MONTH: MonthKey = "2026-06";
const YEARLY_GROWTH = 1.07;
const INVOICE_LINES_AT_ANCHOR = 2_500;
const MOVEMENT_DOCUMENTS_AT_ANCHOR = 300;

function seasonOf(month: MonthKey): number {
  return SEASON[parseMonthKey(month).month - 1] ?? 1;
}

function trendOf(month: MonthKey): number {
  return Math.pow(YEARLY_GROWTH, (monthOrdinal(month) - monthOrdinal(ANCHOR_MONTH)) / 12);
}

/** Invoice lines in a month, storno lines included. */
export function invoiceLineTarget(world: World, month: MonthKey): number {
  if (world.bigMonth?.month === month) return world.bigMonth.lines;
  const noise = 1 + 0.04 * randomFor(world.seed, "volume/kimeno_szamla", month).normal();
  return Math.max(50, Math.round(INVOICE_LINES_AT_ANCHOR * trendOf(month) * seasonOf(month) * noise));
}

/** Warehouse movement documents in a month; the warehouse follows sales only loosely. */
export function movementDocumentTarget(world: World, month: MonthKey): number {
  const noise = 1 + 0.06 * randomFor(world.seed, "volume/raktari_mozgas", month).normal();
  const season = 1 + (seasonOf(month) - 1) * 0.5;
  return Math.max(10, Math.round(MOVEMENT_DOCUMENTS_AT_ANCHOR * trendOf(month) * season * noise));
}
