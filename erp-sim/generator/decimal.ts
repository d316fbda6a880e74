/**
 * Exact decimals on BigInt. Totals that tests compare against a client's sums must be
 * exact: a float sum of 30,000 prices drifts in the last digits, a BigInt sum does not.
 *
 * A Decimal is `units / 10^scale`, e.g. { units: 123456n, scale: 2 } = 1234.56.
 */

export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

export const ZERO: Decimal = { units: 0n, scale: 0 };

export function decimal(units: bigint | number, scale = 0): Decimal {
  return { units: BigInt(units), scale };
}

/** Parses "-12.50" style text (dot as separator, no exponent); throws on anything else. */
export function parseDecimal(text: string): Decimal {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (!match) throw new Error(`not a decimal number: "${text}"`);
  const fraction = match[3] ?? "";
  const units = BigInt(`${match[2]}${fraction}`);
  return { units: match[1] === "-" ? -units : units, scale: fraction.length };
}

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = add(total, value);
  return total;
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = rescale(a, scale) - rescale(b, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/**
 * Canonical text: no trailing fractional zeros beyond `minFractionDigits`
 * ("22012345.5" stays, "12.5000" → "12.50" with 2, "7.000" → "7" with 0).
 */
export function formatDecimal(value: Decimal, minFractionDigits = 0): string {
  const negative = value.units < 0n;
  let digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  let scale = value.scale;
  while (scale > minFractionDigits && digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (scale < minFractionDigits) {
    digits += "0".repeat(minFractionDigits - scale);
    scale = minFractionDigits;
  }
  const whole = digits.slice(0, digits.length - scale) || "0";
  const fraction = digits.slice(digits.length - scale);
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Money and stock as the ERP writes them: always two decimals ("25170.00"). */
export function formatHundredths(hundredths: number): string {
  return formatDecimal(decimal(hundredths, 2), 2);
}

/** Quantities as the ERP writes them: "5", "2.5", "-0.75". */
export function formatQuantity(hundredths: number): string {
  return formatDecimal(decimal(hundredths, 2), 0);
}
