import { describe, expect, it } from "vitest";
import { catalogFor, netPriceFiller, PRODUCT_COUNT } from "./generator/catalog";
import { add, decimal, formatDecimal, formatHundredths, formatQuantity, multiply, parseDecimal } from "./generator/decimal";
import { generateInvoiceMonth } from "./generator/invoices";
import { generateMovementMonth } from "./generator/movements";
import { randomFor } from "./generator/random";
import { generateStock, WAREHOUSE_COUNT } from "./generator/stock";
import { monthTotals } from "./generator/totals";

const NOW = new Date("2026-12-03T12:00:00Z");
const WORLD = { seed: 42 };

describe("seeded randomness", () => {
  it("gives the same stream for the same key and different streams otherwise", () => {
    const draw = (...key: Array<string | number>) => Array.from({ length: 5 }, ((random) => () => random.next())(randomFor(42, ...key)));
    expect(draw("x", 1)).toEqual(draw("x", 1));
    expect(draw("x", 1)).not.toEqual(draw("x", 2));
    expect(draw("x", 1)).not.toEqual(draw("y", 1));
  });
});

describe("exact decimals", () => {
  it("parses, adds, multiplies and formats without floating-point error", () => {
    const tenth = parseDecimal("0.1");
    let total = decimal(0);
    for (let i = 0; i < 10; i++) total = add(total, tenth);
    expect(formatDecimal(total)).toBe("1");
    expect(formatDecimal(multiply(parseDecimal("1234.56"), parseDecimal("-2.5")), 2)).toBe("-3086.40");
    expect(formatDecimal(parseDecimal("-0.00"))).toBe("0");
    expect(formatHundredths(2517000)).toBe("25170.00");
    expect(formatHundredths(123456)).toBe("1234.56");
    expect(formatQuantity(250)).toBe("2.5");
    expect(formatQuantity(-75)).toBe("-0.75");
    expect(formatQuantity(500)).toBe("5");
    expect(() => parseDecimal("1e5")).toThrow();
  });
});

describe("catalogue", () => {
  const catalog = catalogFor(42);

  it("has real-deployment scale and shape", () => {
    expect(catalog.products.length).toBe(PRODUCT_COUNT);
    expect(PRODUCT_COUNT).toBeGreaterThanOrEqual(6_500);
    expect(catalog.products[0]?.sku).toBe("C10001");
    expect(new Set(catalog.products.map((product) => product.sku)).size).toBe(PRODUCT_COUNT);
    const groups = new Set(catalog.products.map((product) => product.group));
    expect(groups.size).toBeGreaterThanOrEqual(13);
    expect(groups.size).toBeLessThanOrEqual(18);
    expect(new Set(catalog.products.map((product) => product.maker)).size).toBeGreaterThanOrEqual(35);
    expect(new Set(catalog.products.map((product) => product.unit))).toEqual(new Set(["db", "kg", "l", "csomag", "doboz"]));
    const inactive = catalog.products.filter((product) => !product.active).length / PRODUCT_COUNT;
    expect(inactive).toBeGreaterThan(0.015);
    expect(inactive).toBeLessThan(0.05);
    const vatRates = new Set(catalog.products.map((product) => product.vatRate));
    expect([...vatRates].sort()).toEqual([0, 18, 27, 5]);
    expect(catalog.products.filter((product) => product.vatRate === 27).length / PRODUCT_COUNT).toBeGreaterThan(0.7);
  });

  it("carries names and makers that need escaping, and exactly one script tag", () => {
    expect(catalog.products.filter((product) => product.name.includes("<script>alert(1)</script>"))).toHaveLength(1);
    expect(catalog.products.some((product) => product.maker.includes("&"))).toBe(true);
    expect(catalog.products.some((product) => product.maker.includes('"'))).toBe(true);
    expect(catalog.products.some((product) => product.maker.includes("<"))).toBe(true);
    expect(catalog.products.some((product) => product.name.includes("&"))).toBe(true);
  });

  it("prices drift upward over the years, some with fillér", () => {
    const product = catalog.products[0]!;
    expect(netPriceFiller(product, "2026-06")).toBeGreaterThan(netPriceFiller(product, "2017-06"));
    expect(netPriceFiller(product, "2024-01")).toBe(netPriceFiller(product, "2024-02")); // steps quarterly, not monthly
    expect(catalog.products.some((p) => netPriceFiller(p, "2025-01") % 100 !== 0)).toBe(true);
    expect(catalog.products.filter((p) => netPriceFiller(p, "2025-01") % 100 === 0).length).toBeGreaterThan(PRODUCT_COUNT * 0.7);
  });
});

describe("invoices", () => {
  it("are identical for the same seed and differ for another", () => {
    expect(generateInvoiceMonth(WORLD, "2025-03")).toEqual(generateInvoiceMonth(WORLD, "2025-03"));
    expect(generateInvoiceMonth({ seed: 43 }, "2025-03")).not.toEqual(generateInvoiceMonth(WORLD, "2025-03"));
  });

  it.each(["2026-04", "2026-10", "2025-05"])("%s has the real deployment's volume", (month) => {
    const totals = monthTotals("kimeno_szamla", month, NOW, WORLD);
    expect(totals.lines).toBeGreaterThanOrEqual(2_000);
    expect(totals.lines).toBeLessThanOrEqual(3_000);
    expect(Number(totals.grossValue)).toBeGreaterThan(15_000_000);
    expect(Number(totals.grossValue)).toBeLessThan(30_000_000);
    expect(totals.distinctSkus).toBeGreaterThan(450);
    expect(totals.distinctSkus).toBeLessThan(800);
  });

  it("are seasonal and grow over the years", () => {
    const lines = (month: string) => monthTotals("kimeno_szamla", month, NOW, WORLD).lines;
    expect(lines("2025-12")).toBeGreaterThan(lines("2025-08") * 1.3);
    expect(lines("2025-10")).toBeGreaterThan(lines("2017-10") * 1.4);
  });

  it("have 1–10 lines (about 4 on average), dates in the month, numbers rising through the year", () => {
    const invoices = generateInvoiceMonth(WORLD, "2025-03");
    const counts = invoices.map((invoice) => invoice.lines.length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(10);
    const average = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(average).toBeGreaterThan(3.5);
    expect(average).toBeLessThan(5);
    expect(invoices.every((invoice) => /^2025\.03\.(0[1-9]|[12]\d|3[01])$/.test(invoice.date))).toBe(true);
    const keys = invoices.map((invoice) => `${invoice.date} ${invoice.number}`);
    expect([...keys].sort()).toEqual(keys);
    // March continues February's numbering; January starts at 1.
    const february = generateInvoiceMonth(WORLD, "2025-02");
    const sequence = (number: string) => Number(number.slice(-5));
    expect(sequence(invoices[0]!.number)).toBe(sequence(february[february.length - 1]!.number) + 1);
    expect(generateInvoiceMonth(WORLD, "2025-01")[0]!.number).toBe("SZ-2025-00001");
    expect(generateInvoiceMonth(WORLD, "2016-06")[0]!.number).toBe("SZ-2016-00001");
  });

  it("fall on weekdays far more than on weekends", () => {
    const invoices = generateInvoiceMonth(WORLD, "2025-03");
    const weekend = invoices.filter((invoice) => [0, 6].includes(new Date(invoice.postedAt).getUTCDay())).length;
    expect(weekend / invoices.length).toBeLessThan(0.12);
  });

  it("include storno documents that repeat an earlier invoice of the month with negative quantities", () => {
    const invoices = generateInvoiceMonth(WORLD, "2025-03");
    const stornos = invoices.filter((invoice) => invoice.storno);
    expect(stornos.length / invoices.length).toBeGreaterThan(0.005);
    expect(stornos.length / invoices.length).toBeLessThan(0.03);
    for (const storno of stornos) {
      expect(storno.lines.every((line) => line.quantityHundredths < 0)).toBe(true);
      const original = invoices.find(
        (invoice) =>
          !invoice.storno &&
          invoice.postedAt < storno.postedAt &&
          JSON.stringify(invoice.lines.map((line) => ({ ...line, quantityHundredths: -line.quantityHundredths }))) === JSON.stringify(storno.lines),
      );
      expect(original, `original of ${storno.number}`).toBeDefined();
      expect(original!.number < storno.number).toBe(true);
    }
    expect(invoices.filter((invoice) => !invoice.storno).every((invoice) => invoice.lines.every((line) => line.quantityHundredths > 0))).toBe(true);
  });

  it("use fractional quantities only for kg and l", () => {
    const catalog = catalogFor(42);
    const lines = generateInvoiceMonth(WORLD, "2025-03").flatMap((invoice) => invoice.lines);
    const fractional = lines.filter((line) => line.quantityHundredths % 100 !== 0);
    expect(fractional.length).toBeGreaterThan(0);
    expect(fractional.every((line) => ["kg", "l"].includes(catalog.bySku.get(line.sku)!.unit))).toBe(true);
  });

  it("honour a big month's exact line count and leave other months alone", () => {
    const world = { seed: 42, bigMonth: { month: "2025-03", lines: 50_000 } };
    const started = Date.now();
    expect(monthTotals("kimeno_szamla", "2025-03", NOW, world).lines).toBe(50_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    // April's invoices are the same; only their numbers continue after March's 12,000-odd.
    const withoutNumbers = (invoices: ReturnType<typeof generateInvoiceMonth>) => invoices.map((invoice) => ({ ...invoice, number: "" }));
    expect(withoutNumbers(generateInvoiceMonth(world, "2025-04"))).toEqual(withoutNumbers(generateInvoiceMonth(WORLD, "2025-04")));
    expect(generateInvoiceMonth(world, "2025-04")[0]!.number).not.toBe(generateInvoiceMonth(WORLD, "2025-04")[0]!.number);
  });

  it("start in June 2016", () => {
    expect(generateInvoiceMonth(WORLD, "2016-05")).toEqual([]);
    expect(generateInvoiceMonth(WORLD, "2016-06").length).toBeGreaterThan(100);
  });
});

describe("movements", () => {
  it("have directions, types, signs and deleted documents as the ERP writes them", () => {
    const movements = [...generateMovementMonth(WORLD, "2025-03"), ...generateMovementMonth(WORLD, "2025-04")];
    expect(movements.length / 2).toBeGreaterThan(220);
    expect(movements.length / 2).toBeLessThan(380);
    expect(new Set(movements.filter((m) => m.direction === "B").map((m) => m.kind))).toEqual(new Set(["Beszerzés", "Vevői visszáru", "Leltári többlet"]));
    expect(new Set(movements.filter((m) => m.direction === "K").map((m) => m.kind))).toEqual(new Set(["Eladás", "Selejtezés", "Raktárközi átadás", "Leltári hiány"]));
    for (const movement of movements) {
      expect(movement.lines.length).toBeGreaterThanOrEqual(1);
      expect(movement.lines.length).toBeLessThanOrEqual(8);
      expect(movement.lines.every((line) => (movement.direction === "K" ? line.quantityHundredths < 0 : line.quantityHundredths > 0))).toBe(true);
      expect(movement.number).toMatch(/^RM-2025-\d{5}$/);
    }
    const deleted = movements.filter((movement) => movement.deleted).length / movements.length;
    expect(deleted).toBeGreaterThan(0.003);
    expect(deleted).toBeLessThan(0.05);
  });

  it("totals count only documents that are not deleted", () => {
    const movements = generateMovementMonth(WORLD, "2025-03");
    const totals = monthTotals("raktari_mozgas", "2025-03", NOW, WORLD);
    const kept = movements.filter((movement) => !movement.deleted);
    expect(totals.documents).toBe(kept.length);
    expect(totals.deletedDocuments).toBe(movements.length - kept.length);
    expect(totals.lines + totals.deletedLines).toBe(movements.reduce((sum, movement) => sum + movement.lines.length, 0));
    const quantity = kept.flatMap((movement) => movement.lines).reduce((sum, line) => sum + line.quantityHundredths, 0);
    expect(totals.quantity).toBe(formatQuantity(quantity));
  });
});

describe("stock", () => {
  it("lists every product in 6 warehouses, a few values empty", () => {
    const rows = generateStock(42, 1_000);
    expect(rows).toHaveLength(PRODUCT_COUNT);
    expect(rows.every((row) => row.available.length === WAREHOUSE_COUNT)).toBe(true);
    const values = rows.flatMap((row) => row.available);
    const empty = values.filter((value) => value === undefined).length / values.length;
    expect(empty).toBeGreaterThan(0.01);
    expect(empty).toBeLessThan(0.15);
    expect(values.every((value) => value === undefined || value >= 0)).toBe(true);
  });

  it("changes slowly from one 5-minute bucket to the next", () => {
    const flat = (bucket: number) => generateStock(42, bucket).flatMap((row) => row.available);
    const [a, b] = [flat(5_000), flat(5_001)];
    const changed = a.filter((value, index) => value !== b[index]).length / a.length;
    expect(changed).toBeGreaterThan(0.005);
    expect(changed).toBeLessThan(0.2);
    expect(flat(5_000)).toEqual(a);
  });
});
