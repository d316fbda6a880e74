/**
 * Warehouse movements (`raktari_mozgas`) of one month: ~300 documents, in (B) or out (K),
 * out lines with negative quantities as the ERP writes them, ~2 % deleted (`torolt`).
 * Same plan/content split as the invoices, for the same reason (cheap numbering).
 */
import { catalogFor, isMeasuredUnit, type Product } from "./catalog";
import { erpDate, FIRST_MONTH, monthOrdinal, type MonthKey } from "./calendar";
import { randomFor, type Random } from "./random";
import { dayWeights, documentNumber, firstSequenceOfMonth, inPostingOrder, randomPostingTime, type PostingTime } from "./schedule";
import { movementDocumentTarget } from "./volume";
import { worldKey, type World } from "./world";

export type Direction = "B" | "K";

export interface MovementLine {
  sku: string;
  /** Signed: out (K) lines are negative. */
  quantityHundredths: number;
}

export interface Movement {
  number: string;
  date: string;
  postedAt: number;
  direction: Direction;
  /** The ERP's movement type label (`mozgas`). */
  kind: string;
  deleted: boolean;
  lines: MovementLine[];
}

const MOVEMENT_KINDS: Record<Direction, ReadonlyArray<readonly [label: string, weight: number]>> = {
  B: [["Beszerzés", 75], ["Vevői visszáru", 15], ["Leltári többlet", 10]],
  K: [["Eladás", 75], ["Selejtezés", 8], ["Raktárközi átadás", 12], ["Leltári hiány", 5]],
};
const INBOUND_SHARE = 0.4;
const DELETED_SHARE = 0.02;
/** Lines per document: 1..8, average ~3.4. */
const LINE_COUNT_WEIGHTS = [20, 20, 17, 14, 11, 8, 6, 4];

interface PlannedMovement extends PostingTime {
  direction: Direction;
  kind: string;
  deleted: boolean;
  lineCount: number;
}

function planMonth(world: World, month: MonthKey): PlannedMovement[] {
  if (monthOrdinal(month) < monthOrdinal(FIRST_MONTH)) return [];
  const random = randomFor(world.seed, "raktari_mozgas/plan", month);
  const weights = dayWeights(month);
  const plan: PlannedMovement[] = [];
  const count = movementDocumentTarget(world, month);
  for (let i = 0; i < count; i++) {
    const direction: Direction = random.chance(INBOUND_SHARE) ? "B" : "K";
    const kinds = MOVEMENT_KINDS[direction];
    plan.push({
      ...randomPostingTime(random, month, weights),
      direction,
      kind: kinds[random.weightedIndex(kinds.map(([, weight]) => weight))]?.[0] ?? "",
      deleted: random.chance(DELETED_SHARE),
      lineCount: random.weightedIndex(LINE_COUNT_WEIGHTS) + 1,
    });
  }
  return plan;
}

const countCache = new Map<string, number>();

export function movementCount(world: World, month: MonthKey): number {
  const key = `${worldKey(world)}|${month}`;
  let count = countCache.get(key);
  if (count === undefined) {
    if (countCache.size > 20_000) countCache.clear();
    count = planMonth(world, month).length;
    countCache.set(key, count);
  }
  return count;
}

/** Purchases come in cartons, everything else in small numbers. */
function drawQuantity(random: Random, product: Product, kind: string): number {
  const bulk = kind === "Beszerzés";
  if (isMeasuredUnit(product.unit)) return 50 * (bulk ? random.int(10, 200) : random.int(1, 20));
  return 100 * (bulk ? 6 * random.int(1, 20) : random.int(1, 12));
}

function drawLines(random: Random, seed: number, planned: PlannedMovement): MovementLine[] {
  const catalog = catalogFor(seed);
  const chosen = new Set<number>();
  const lines: MovementLine[] = [];
  const sign = planned.direction === "K" ? -1 : 1;
  for (let attempt = 0; lines.length < planned.lineCount && attempt < planned.lineCount * 20; attempt++) {
    const index = catalog.popularitySampler.sample(random);
    if (chosen.has(index)) continue;
    chosen.add(index);
    const product = catalog.products[index] as Product;
    lines.push({ sku: product.sku, quantityHundredths: sign * drawQuantity(random, product, planned.kind) });
  }
  return lines;
}

/** Every movement document of the month in (date, number) order, including those posted after "now". */
export function generateMovementMonth(world: World, month: MonthKey): Movement[] {
  const plan = planMonth(world, month);
  if (plan.length === 0) return [];
  const random = randomFor(world.seed, "raktari_mozgas/lines", month);
  const lines = plan.map((planned) => drawLines(random, world.seed, planned));
  const firstSequence = firstSequenceOfMonth(month, (earlier) => movementCount(world, earlier));
  const ordered = inPostingOrder(plan.map((planned, index) => ({ planned, index, postedAt: planned.postedAt })));
  return ordered.map(({ planned, index }, position) => ({
    number: documentNumber("RM", month, firstSequence + position),
    date: erpDate(month, planned.day),
    postedAt: planned.postedAt,
    direction: planned.direction,
    kind: planned.kind,
    deleted: planned.deleted,
    lines: lines[index] ?? [],
  }));
}
