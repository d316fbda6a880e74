import { describe, expect, it } from "vitest";
import { add, formatDecimal, multiply, parseDecimal, shift, sumDecimals } from "./decimal";

const d = (text: string) => {
  const parsed = parseDecimal(text);
  if (!parsed) throw new Error(`bad test input ${text}`);
  return parsed;
};

describe("decimal", () => {
  it("parses plain decimals and rejects everything else", () => {
    expect(parseDecimal("25170.00")).toEqual({ units: 2517000n, scale: 2 });
    expect(parseDecimal("-5")).toEqual({ units: -5n, scale: 0 });
    expect(parseDecimal(" +0.5 ")).toEqual({ units: 5n, scale: 1 });
    for (const bad of ["", "1e3", "1,5", "12a", ".5", "5.", "--1", "NaN", "Infinity"]) {
      expect(parseDecimal(bad)).toBeNull();
    }
  });

  it("multiplies and adds exactly where floats do not", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(formatDecimal(add(d("0.1"), d("0.2")))).toBe("0.3");
    // gross unit price = 25170.00 × (1 + 27/100)
    const gross = multiply(d("25170.00"), add(d("1"), shift(d("27"), 2)));
    expect(formatDecimal(gross)).toBe("31965.9");
    expect(formatDecimal(multiply(gross, d("-5")))).toBe("-159829.5");
    expect(formatDecimal(multiply(d("1234.56"), d("2.5")))).toBe("3086.4");
  });

  it("formats canonically", () => {
    expect(formatDecimal({ units: 0n, scale: 4 })).toBe("0");
    expect(formatDecimal({ units: -5n, scale: 3 })).toBe("-0.005");
    expect(formatDecimal({ units: 123000n, scale: 2 })).toBe("1230");
  });

  it("sums many terms to the fillér", () => {
    const terms = Array.from({ length: 10_000 }, () => "0.01");
    expect(sumDecimals(terms)).toBe("100");
    expect(() => sumDecimals(["1", "x"])).toThrow(/not a decimal/);
  });
});
