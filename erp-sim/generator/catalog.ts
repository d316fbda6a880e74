/**
 * The product catalogue (`cikk`): ~6,800 products built from the word lists, each with
 * a price, VAT rate and a Zipf-like popularity so that a month's ~2,500 invoice lines
 * touch ~600 distinct products, as in the real deployment.
 */
import { FIRST_MONTH, monthOrdinal, type MonthKey } from "./calendar";
import { Random, randomFor, WeightedSampler } from "./random";
import { MAKERS, PRODUCT_GROUPS, type ProductGroup, type Unit } from "./words";

export const PRODUCT_COUNT = 6_800;
const FIRST_SKU_NUMBER = 10_001;

/** Zipf–Mandelbrot popularity 1/(rank + q)^s: s and q tuned for ~600 distinct SKUs in 2,500 lines. */
const POPULARITY_EXPONENT = 1.6;
const POPULARITY_OFFSET = 18;
/** Discontinued products still appear in history, just rarely. */
const INACTIVE_POPULARITY_FACTOR = 0.05;
const INACTIVE_SHARE = 0.03;
/** Calibrates the whole price level so a recent month grosses ~22 million HUF. */
const PRICE_SCALE = 2.4;

/** Exactly one product carries a script tag in its name: the UI must render it as text. */
export const SCRIPT_PRODUCT_INDEX = 49;
const SCRIPT_PRODUCT_RANK = 40;
const SCRIPT_NAME_PART = "<script>alert(1)</script>";

export interface Product {
  index: number;
  sku: string;
  name: string;
  group: string;
  maker: string;
  unit: Unit;
  active: boolean;
  vatRate: number;
  /** Net unit price in June 2016, in fillér (1/100 HUF). */
  basePriceFiller: number;
  /** Yearly price increase, e.g. 0.05 = 5 %. */
  yearlyDrift: number;
  /** Most prices are whole forints; some keep fillér (e.g. 1234.56). */
  keepsFiller: boolean;
  /** Relative sales weight. */
  popularity: number;
}

export interface Catalog {
  products: readonly Product[];
  bySku: ReadonlyMap<string, Product>;
  /** Draws product indices by popularity. */
  popularitySampler: WeightedSampler;
}

export function skuOf(index: number): string {
  return `C${FIRST_SKU_NUMBER + index}`;
}

/** Sold by weight or volume: quantities may be fractional. */
export function isMeasuredUnit(unit: Unit): boolean {
  return unit === "kg" || unit === "l";
}

function pickGroup(random: Random): ProductGroup {
  return PRODUCT_GROUPS[random.weightedIndex(PRODUCT_GROUPS.map((group) => group.share))] as ProductGroup;
}

function vatRateFor(group: ProductGroup, random: Random): number {
  if (random.chance(0.01)) return 0;
  let draw = random.next();
  for (const [rate, probability] of group.reducedVat ?? []) {
    if (draw < probability) return rate;
    draw -= probability;
  }
  return 27;
}

const QUALIFIER_PRICE_FACTORS: Record<string, number> = { Prémium: 1.35, Premium: 1.35, Gold: 1.3, Bio: 1.3, Mini: 0.7, Maxi: 1.5, Profi: 1.25 };

function buildProduct(seed: number, index: number, usedNames: Set<string>): Product {
  const random = randomFor(seed, "catalog", index);
  const group = pickGroup(random);
  let name = "";
  let priceFactor = 1;
  const kind = random.pick(group.kinds);
  // A few retries keep names mostly unique; a duplicate name (another maker's product) is realistic too.
  for (let attempt = 0; attempt < 12; attempt++) {
    const qualifier = random.chance(0.65) ? random.pick(group.qualifiers) : "";
    const variant = random.pick(kind.variants ?? group.variants);
    const size = kind.sizes.length > 0 ? random.pick(kind.sizes) : undefined;
    name = [qualifier, kind.noun, variant, size?.[0] ?? ""].filter(Boolean).join(" ");
    priceFactor = (size?.[1] ?? 1) * (QUALIFIER_PRICE_FACTORS[qualifier] ?? 1);
    if (!usedNames.has(name)) break;
  }
  if (index === SCRIPT_PRODUCT_INDEX) name = `${name} ${SCRIPT_NAME_PART}`;
  usedNames.add(name);

  const priceHuf = kind.price * priceFactor * Math.exp(0.25 * random.normal()) * PRICE_SCALE;
  return {
    index,
    sku: skuOf(index),
    name: name.charAt(0).toUpperCase() + name.slice(1),
    group: group.name,
    maker: random.pick(MAKERS),
    unit: kind.unit,
    active: index === SCRIPT_PRODUCT_INDEX || !random.chance(INACTIVE_SHARE),
    vatRate: vatRateFor(group, random),
    basePriceFiller: Math.max(100, Math.round(priceHuf * 100)),
    yearlyDrift: 0.03 + random.next() * 0.06,
    keepsFiller: random.chance(0.15),
    popularity: 0,
  };
}

/**
 * Popularity ranks: random, but cheaper goods tend to sell more often (a real shop sells
 * more bread than drills), which also keeps a month's turnover stable across seeds.
 */
function assignPopularity(seed: number, products: Product[]): void {
  const random = randomFor(seed, "popularity");
  const order = products
    .map((product) => ({ product, key: random.normal() + 0.6 * Math.log(product.basePriceFiller / 100_000) }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.product);
  const scriptRank = order.findIndex((product) => product.index === SCRIPT_PRODUCT_INDEX);
  [order[scriptRank], order[SCRIPT_PRODUCT_RANK]] = [order[SCRIPT_PRODUCT_RANK] as Product, order[scriptRank] as Product];
  order.forEach((product, rank) => {
    const weight = 1 / Math.pow(rank + 1 + POPULARITY_OFFSET, POPULARITY_EXPONENT);
    product.popularity = product.active ? weight : weight * INACTIVE_POPULARITY_FACTOR;
  });
}

function buildCatalog(seed: number): Catalog {
  const usedNames = new Set<string>();
  const products: Product[] = [];
  for (let index = 0; index < PRODUCT_COUNT; index++) products.push(buildProduct(seed, index, usedNames));
  assignPopularity(seed, products);
  return {
    products,
    bySku: new Map(products.map((product) => [product.sku, product])),
    popularitySampler: new WeightedSampler(products.map((product) => product.popularity)),
  };
}

const catalogs = new Map<number, Catalog>();

/** The catalogue of a seed (built once, ~10 ms, then shared). */
export function catalogFor(seed: number): Catalog {
  let catalog = catalogs.get(seed);
  if (!catalog) {
    if (catalogs.size >= 8) catalogs.clear(); // tests try a few seeds; never grow without bound
    catalog = buildCatalog(seed);
    catalogs.set(seed, catalog);
  }
  return catalog;
}

/**
 * Net unit price in a month, in fillér. Prices step up once a quarter by the product's
 * yearly drift, so a year-on-year comparison shows inflation but a month is consistent.
 */
export function netPriceFiller(product: Product, month: MonthKey): number {
  const quarters = Math.max(0, Math.floor((monthOrdinal(month) - monthOrdinal(FIRST_MONTH)) / 3));
  const raw = product.basePriceFiller * Math.pow(1 + product.yearlyDrift, quarters / 4);
  const rounded = product.keepsFiller ? Math.round(raw) : Math.round(raw / 100) * 100;
  return Math.max(100, rounded);
}
