/**
 * Current stock (`keszlet`): every product in 6 warehouses. It moves slowly: each
 * (product, warehouse) holds its level for its own period of 6–72 five-minute buckets,
 * so any refresh a few minutes later sees some products changed and most unchanged.
 */
import { catalogFor, isMeasuredUnit } from "./catalog";
import { randomFor } from "./random";

export const WAREHOUSE_COUNT = 6;
export const STOCK_BUCKET_MS = 5 * 60 * 1000;

export interface StockRow {
  sku: string;
  /** Available quantity per warehouse in hundredths; undefined = the ERP sends an empty value. */
  available: Array<number | undefined>;
}

/** Main warehouse (1) carries nearly everything, the others most things. */
const CARRY_PROBABILITY = [0.99, 0.93, 0.93, 0.93, 0.93, 0.93];
/** A few products are sold out everywhere, a few more nearly so: dashboards need both to show. */
const SOLD_OUT_SHARE = 0.03;
const SCARCE_SHARE = 0.05;

export function stockBucket(now: Date): number {
  return Math.floor(now.getTime() / STOCK_BUCKET_MS);
}

export function generateStock(seed: number, bucket: number): StockRow[] {
  return catalogFor(seed).products.map((product) => {
    const random = randomFor(seed, "keszlet/base", product.index);
    const measured = isMeasuredUnit(product.unit);
    const profile = randomFor(seed, "keszlet/profile", product.index);
    const scarcity = profile.next();
    if (scarcity < SOLD_OUT_SHARE) return { sku: product.sku, available: Array.from({ length: WAREHOUSE_COUNT }, () => 0) };
    if (scarcity < SOLD_OUT_SHARE + SCARCE_SHARE) {
      // Only the main warehouse has a little left.
      return { sku: product.sku, available: [profile.int(1, 8) * 100, 0, 0, 0, 0, 0] };
    }
    const available: Array<number | undefined> = [];
    for (let warehouse = 0; warehouse < WAREHOUSE_COUNT; warehouse++) {
      const carried = random.chance(CARRY_PROBABILITY[warehouse] ?? 0.93);
      const level = random.chance(0.1) ? 0 : random.int(1, 400);
      const period = random.int(6, 72);
      const phase = random.int(0, period - 1);
      if (!carried) {
        available.push(undefined);
        continue;
      }
      const step = Math.floor((bucket + phase) / period);
      const factor = 0.5 + randomFor(seed, "keszlet/step", product.index, warehouse, step).next();
      const quantity = level * factor;
      // Counted goods are whole; weighed goods have up to two decimals.
      available.push(measured ? Math.round(quantity * 100) : Math.round(quantity) * 100);
    }
    return { sku: product.sku, available };
  });
}
