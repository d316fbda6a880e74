/**
 * Exact month totals from the very records the server sends, for tests to compare a
 * client's sums against. Money is summed in BigInt fixed point, never in floats.
 */
import { isMonthKey, type MonthKey } from "./calendar";
import { decimal, formatDecimal } from "./decimal";
import { generateInvoiceMonth } from "./invoices";
import { generateMovementMonth } from "./movements";
import { visibleDocuments } from "./visibility";
import { DEFAULT_SEED, type World } from "./world";

export type DocumentEntity = "kimeno_szamla" | "raktari_mozgas";

export interface InvoiceMonthTotals {
  /** All visible invoices, storno documents included. */
  documents: number;
  stornoDocuments: number;
  lines: number;
  distinctSkus: number;
  /** Signed sum of `menny` (storno lines negative), e.g. "10234.5". */
  quantity: string;
  /** Σ netto_ar × menny, exact, at least 2 decimals. */
  netValue: string;
  /** Σ netto_ar × (1 + afa_szaz/100) × menny, exact, at least 2 decimals. */
  grossValue: string;
}

export interface MovementMonthTotals {
  /** Documents that count: `torolt` = 0. */
  documents: number;
  lines: number;
  distinctSkus: number;
  /** Signed sum of `menny` over documents that count (out lines negative). */
  quantity: string;
  /** Deleted documents (`torolt` = 1) and their lines, which must not count. */
  deletedDocuments: number;
  deletedLines: number;
}

export interface MonthTotalsMap {
  kimeno_szamla: InvoiceMonthTotals;
  raktari_mozgas: MovementMonthTotals;
}

function invoiceTotals(world: World, month: MonthKey, now: Date): InvoiceMonthTotals {
  const invoices = visibleDocuments(generateInvoiceMonth(world, month), month, now);
  const skus = new Set<string>();
  let lines = 0;
  let quantity = 0n; // hundredths
  let net = 0n; // fillér × hundredths = scale 4
  let gross = 0n; // fillér × (100 + VAT %) × hundredths = scale 6
  for (const invoice of invoices) {
    for (const line of invoice.lines) {
      lines++;
      skus.add(line.sku);
      const lineQuantity = BigInt(line.quantityHundredths);
      const lineNet = BigInt(line.netPriceFiller) * lineQuantity;
      quantity += lineQuantity;
      net += lineNet;
      gross += lineNet * BigInt(100 + line.vatRate);
    }
  }
  return {
    documents: invoices.length,
    stornoDocuments: invoices.filter((invoice) => invoice.storno).length,
    lines,
    distinctSkus: skus.size,
    quantity: formatDecimal(decimal(quantity, 2)),
    netValue: formatDecimal(decimal(net, 4), 2),
    grossValue: formatDecimal(decimal(gross, 6), 2),
  };
}

function movementTotals(world: World, month: MonthKey, now: Date): MovementMonthTotals {
  const movements = visibleDocuments(generateMovementMonth(world, month), month, now);
  const counted = movements.filter((movement) => !movement.deleted);
  const deleted = movements.filter((movement) => movement.deleted);
  const skus = new Set<string>();
  let quantity = 0n;
  for (const movement of counted) {
    for (const line of movement.lines) {
      skus.add(line.sku);
      quantity += BigInt(line.quantityHundredths);
    }
  }
  const lineCount = (documents: typeof movements) => documents.reduce((total, movement) => total + movement.lines.length, 0);
  return {
    documents: counted.length,
    lines: lineCount(counted),
    distinctSkus: skus.size,
    quantity: formatDecimal(decimal(quantity, 2)),
    deletedDocuments: deleted.length,
    deletedLines: lineCount(deleted),
  };
}

/**
 * Totals of what the ERP shows for a month at `now` (default: the real clock), for the
 * given world (default: seed 42, no big month).
 */
export function monthTotals<E extends DocumentEntity>(entity: E, month: MonthKey, now: Date = new Date(), world: World = { seed: DEFAULT_SEED }): MonthTotalsMap[E] {
  if (!isMonthKey(month)) throw new Error(`month must be YYYY-MM, got "${month}"`);
  if (entity !== "kimeno_szamla" && entity !== "raktari_mozgas") throw new Error(`monthTotals: no totals for entity "${entity}"`);
  const totals = entity === "kimeno_szamla" ? invoiceTotals(world, month, now) : movementTotals(world, month, now);
  return totals as MonthTotalsMap[E];
}
