/**
 * Outgoing invoices (`kimeno_szamla`) of one month, generated on demand.
 *
 * Two independent random streams: the *plan* (how many invoices, their sizes, dates and
 * which ones are cancelled) and the *content* (products, quantities). Numbering a month
 * needs the invoice counts of the earlier months of the year, and with separate streams
 * that costs only their plans, not their contents.
 */
import { catalogFor, isMeasuredUnit, netPriceFiller, type Catalog, type Product } from "./catalog";
import { daysInMonth, erpDate, FIRST_MONTH, monthOrdinal, type MonthKey } from "./calendar";
import { randomFor, type Random } from "./random";
import {
  dayWeights,
  documentNumber,
  firstSequenceOfMonth,
  inPostingOrder,
  postingTime,
  randomBusinessSecond,
  randomPostingTime,
  type PostingTime,
} from "./schedule";
import { invoiceLineTarget } from "./volume";
import { worldKey, type World } from "./world";

export interface InvoiceLine {
  sku: string;
  name: string;
  /** Signed: storno lines are negative. */
  quantityHundredths: number;
  netPriceFiller: number;
  vatRate: number;
}

export interface Invoice {
  number: string;
  /** Fulfilment date, YYYY.MM.DD. */
  date: string;
  postedAt: number;
  storno: boolean;
  lines: InvoiceLine[];
}

/** Lines per invoice: 1..10, average ~4.2. */
const LINE_COUNT_WEIGHTS = [18, 16, 14, 12, 10, 9, 7, 6, 4, 4];
const STORNO_SHARE = 0.015;
/** Pack quantities a customer orders, with their weights (mean ~3.9). */
const PACK_QUANTITIES = [1, 2, 3, 4, 5, 6, 10, 12, 24];
const PACK_QUANTITY_WEIGHTS = [30, 22, 14, 9, 7, 6, 5, 4, 3];

interface PlannedInvoice extends PostingTime {
  lineCount: number;
  /** Plan index of the invoice this storno cancels. */
  cancels?: number;
}

function planStorno(random: Random, month: MonthKey, plan: PlannedInvoice[], cancelled: Set<number>, remaining: number): PlannedInvoice | undefined {
  for (let attempt = 0; attempt < 5 && plan.length > 0; attempt++) {
    const target = random.int(0, plan.length - 1);
    const original = plan[target] as PlannedInvoice;
    if (original.cancels !== undefined || cancelled.has(target) || original.lineCount > remaining) continue;
    cancelled.add(target);
    // The cancellation comes the same day or a few days later, always after the original.
    const day = Math.min(daysInMonth(month), original.day + random.int(0, 3));
    const second = day === original.day ? Math.min(86_399, original.secondOfDay + random.int(600, 10_800)) : randomBusinessSecond(random);
    return { ...postingTime(month, day, second), lineCount: original.lineCount, cancels: target };
  }
  return undefined;
}

/** Sizes, dates and cancellations of a month's invoices; lines add up to the month's target exactly. */
function planMonth(world: World, month: MonthKey): PlannedInvoice[] {
  if (monthOrdinal(month) < monthOrdinal(FIRST_MONTH)) return [];
  const random = randomFor(world.seed, "kimeno_szamla/plan", month);
  const weights = dayWeights(month);
  const plan: PlannedInvoice[] = [];
  const cancelled = new Set<number>();
  let remaining = invoiceLineTarget(world, month);
  while (remaining > 0) {
    const storno = random.chance(STORNO_SHARE) ? planStorno(random, month, plan, cancelled, remaining) : undefined;
    const next = storno ?? { ...randomPostingTime(random, month, weights), lineCount: Math.min(remaining, random.weightedIndex(LINE_COUNT_WEIGHTS) + 1) };
    plan.push(next);
    remaining -= next.lineCount;
  }
  return plan;
}

const countCache = new Map<string, number>();

/** Invoices in a month (all of them, whatever the clock says). */
export function invoiceCount(world: World, month: MonthKey): number {
  const key = `${worldKey(world)}|${month}`;
  let count = countCache.get(key);
  if (count === undefined) {
    if (countCache.size > 20_000) countCache.clear();
    count = planMonth(world, month).length;
    countCache.set(key, count);
  }
  return count;
}

function drawQuantity(random: Random, product: Product): number {
  if (isMeasuredUnit(product.unit)) {
    return random.chance(0.8) ? 50 * random.int(1, 10) : 25 * random.int(1, 40);
  }
  return 100 * (PACK_QUANTITIES[random.weightedIndex(PACK_QUANTITY_WEIGHTS)] ?? 1);
}

function drawLines(random: Random, catalog: Catalog, month: MonthKey, count: number): InvoiceLine[] {
  const chosen = new Set<number>();
  const lines: InvoiceLine[] = [];
  for (let attempt = 0; lines.length < count && attempt < count * 20; attempt++) {
    const index = catalog.popularitySampler.sample(random);
    if (chosen.has(index)) continue; // one line per product on an invoice
    chosen.add(index);
    const product = catalog.products[index] as Product;
    lines.push({
      sku: product.sku,
      name: product.name,
      quantityHundredths: drawQuantity(random, product),
      netPriceFiller: netPriceFiller(product, month),
      vatRate: product.vatRate,
    });
  }
  return lines;
}

/** Every invoice of the month in (date, number) order, including those posted after "now". */
export function generateInvoiceMonth(world: World, month: MonthKey): Invoice[] {
  const plan = planMonth(world, month);
  if (plan.length === 0) return [];
  const catalog = catalogFor(world.seed);
  const random = randomFor(world.seed, "kimeno_szamla/lines", month);

  const linesByPlanIndex: InvoiceLine[][] = plan.map((planned) => (planned.cancels === undefined ? drawLines(random, catalog, month, planned.lineCount) : []));
  plan.forEach((planned, index) => {
    if (planned.cancels === undefined) return;
    // A storno repeats the cancelled invoice's lines, same prices, negative quantities.
    linesByPlanIndex[index] = (linesByPlanIndex[planned.cancels] ?? []).map((line) => ({ ...line, quantityHundredths: -line.quantityHundredths }));
  });

  const firstSequence = firstSequenceOfMonth(month, (earlier) => invoiceCount(world, earlier));
  const ordered = inPostingOrder(plan.map((planned, index) => ({ planned, index, postedAt: planned.postedAt })));
  return ordered.map(({ planned, index }, position) => ({
    number: documentNumber("SZ", month, firstSequence + position),
    date: erpDate(month, planned.day),
    postedAt: planned.postedAt,
    storno: planned.cancels !== undefined,
    lines: linesByPlanIndex[index] ?? [],
  }));
}
