/**
 * Exact decimal arithmetic on strings, for money and quantities. JavaScript
 * numbers cannot hold 0.1 exactly; these work on BigInt units and a scale
 * (number of digits after the point), so products and sums are exact.
 */

export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Parses "1234", "-5", "25170.00", "+0.5"; anything else (also "1e3", "1,5", "") gives null. */
export function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

/** a × 10^-digits, exactly (e.g. a percentage → a fraction with digits = 2). */
export function shift(a: Decimal, digits: number): Decimal {
  return { units: a.units, scale: a.scale + digits };
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** Canonical text: no exponent, no trailing fractional zeros ("31965.90" → "31965.9", "-0" → "0"). */
export function formatDecimal(value: Decimal): string {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Sum of decimal strings, exact. Throws on a malformed term. */
export function sumDecimals(values: Iterable<string>): string {
  let total = ZERO;
  for (const value of values) {
    const parsed = parseDecimal(value);
    if (!parsed) throw new TypeError(`not a decimal: "${value}"`);
    total = add(total, parsed);
  }
  return formatDecimal(total);
}
