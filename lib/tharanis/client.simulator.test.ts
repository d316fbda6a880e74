import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/erp-sim";
import { formatDecimal, parseDecimal, sumDecimals } from "@/lib/decimal";
import { createTharanisClient, type TharanisClient } from "./client";
import { TharanisApiError, TharanisAuthError, TharanisMalformedResponseError, TharanisSoapFaultError, TharanisTimeoutError } from "./errors";
import type { InvoiceLine, MovementLine, Page } from "./types";

// The client against the simulator over real HTTP: every entity round-trips,
// and what the client reads adds up to the generator's own exact totals.
const NOW = "2026-12-03T12:00:00Z";
let simulator: RunningSimulator;
let client: TharanisClient;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, latencyMs: 0, now: NOW });
  client = createTharanisClient({
    url: simulator.url,
    credentials: { ugyfelkod: "1000", cegkod: "demo", apiKey: "sim-key" },
    timeoutMs: 10_000,
    maxResponseBytes: 20 * 1_048_576,
  });
});
afterAll(() => simulator.stop());
beforeEach(() => {
  simulator.update({ faults: [] });
  simulator.resetStats();
});

/** Decimal strings compared by value ("12.50" = "12.5"). */
const exact = (value: string) => formatDecimal(parseDecimal(value)!);

async function readAll<E extends "kimeno_szamla" | "raktari_mozgas" | "keszlet" | "cikk">(entity: E, query: Parameters<TharanisClient["readPages"]>[1]) {
  const pages: Array<Omit<Page<E>, "records"> & { count: number }> = [];
  const records: Page<E>["records"] = [];
  for await (const page of client.readPages(entity, query)) {
    const { records: pageRecords, ...rest } = page;
    pages.push({ ...rest, count: pageRecords.length });
    records.push(...pageRecords);
  }
  return { pages, records };
}

describe("client ↔ simulator", () => {
  it("reads a year of invoices page by page; every month adds up to the generator's totals, to the fillér", async () => {
    const { pages, records } = await readAll("kimeno_szamla", { from: "2024-01-01", to: "2024-12-31" });
    const lines = records as InvoiceLine[];

    // Whole documents per page: every page but the last has exactly 200; the last fewer.
    expect(pages.slice(0, -1).every((p) => p.documents === 200 && !p.last)).toBe(true);
    expect(pages.at(-1)!.last).toBe(true);
    expect(pages.at(-1)!.documents).toBeLessThan(200);
    expect(pages.every((p) => p.issues.length === 0)).toBe(true);
    expect(simulator.stats().requests).toBe(pages.length);

    for (let month = 1; month <= 12; month += 1) {
      const key = `2024-${String(month).padStart(2, "0")}`;
      const ofMonth = lines.filter((line) => line.fulfillmentDate.startsWith(key));
      const expected = simulator.monthTotals("kimeno_szamla", key);
      expect({ month: key, lines: ofMonth.length, documents: new Set(ofMonth.map((l) => l.invoiceNo)).size }).toEqual({
        month: key,
        lines: expected.lines,
        documents: expected.documents,
      });
      expect(sumDecimals(ofMonth.map((l) => l.netValue))).toBe(exact(expected.netValue));
      expect(sumDecimals(ofMonth.map((l) => l.grossValue))).toBe(exact(expected.grossValue));
      expect(sumDecimals(ofMonth.map((l) => l.quantity))).toBe(exact(expected.quantity));
      expect(ofMonth.filter((l) => l.isStorno).every((l) => l.quantity.startsWith("-"))).toBe(true);
    }
    // No line twice.
    expect(new Set(lines.map((l) => `${l.invoiceNo}/${l.lineNo}`)).size).toBe(lines.length);
  });

  it("reads a month of movements without the deleted documents", async () => {
    const { pages, records } = await readAll("raktari_mozgas", { from: "2025-03-01", to: "2025-03-31" });
    const lines = records as MovementLine[];
    const expected = simulator.monthTotals("raktari_mozgas", "2025-03");
    expect(lines.length).toBe(expected.lines);
    expect(new Set(lines.map((l) => l.documentNo)).size).toBe(expected.documents);
    expect(sumDecimals(lines.map((l) => l.quantity))).toBe(exact(expected.quantity));
    expect(lines.every((l) => (l.direction === "out") === l.quantity.startsWith("-"))).toBe(true);
    expect(pages.reduce((n, p) => n + p.deletedDocuments, 0)).toBe(0); // filtered out at the ERP (torolt = 0)

    // Asked for them too, the deleted ones arrive and are counted, never mapped.
    const withDeleted = await readAll("raktari_mozgas", { from: "2025-03-01", to: "2025-03-31", includeDeleted: true });
    expect(withDeleted.pages.reduce((n, p) => n + p.deletedDocuments, 0)).toBe(expected.deletedDocuments);
    expect(withDeleted.records.length).toBe(expected.lines);
  });

  it("reads the whole stock snapshot and product master", async () => {
    const stock = await readAll("keszlet", {});
    const products = await readAll("cikk", {});
    expect(stock.records.length).toBeGreaterThanOrEqual(6_500);
    expect(products.records.length).toBe(stock.records.length);
    expect(stock.pages.every((p) => p.issues.length === 0) && products.pages.every((p) => p.issues.length === 0)).toBe(true);
    const script = products.records.find((p) => "name" in p && p.name.includes("<script>"));
    expect(script).toBeDefined();
  });

  it("filters by SKU list and returns whole documents", async () => {
    const { records } = await readAll("kimeno_szamla", { from: "2025-06-01", to: "2025-06-30" });
    const sample = [...new Set((records as InvoiceLine[]).map((l) => l.sku))].slice(0, 3);
    const filtered = (await readAll("kimeno_szamla", { from: "2025-06-01", to: "2025-06-30", skus: sample })).records as InvoiceLine[];
    const invoices = new Set(filtered.map((l) => l.invoiceNo));
    const expectedInvoices = new Set((records as InvoiceLine[]).filter((l) => sample.includes(l.sku)).map((l) => l.invoiceNo));
    expect(invoices).toEqual(expectedInvoices);
    // With all their lines, including other SKUs.
    const allLinesOfThose = (records as InvoiceLine[]).filter((l) => invoices.has(l.invoiceNo));
    expect(filtered.length).toBe(allLinesOfThose.length);
  });

  it("maps the simulator's faults to the client's errors", async () => {
    const query = { from: "2025-01-01", to: "2025-01-31" };
    simulator.update({ faults: [{ kind: "soap-fault", page: 0 }] });
    await expect(client.fetchPage("kimeno_szamla", query, 0)).rejects.toBeInstanceOf(TharanisSoapFaultError);
    simulator.update({ faults: [{ kind: "hiba", page: 0, code: "7", message: "Adatbázis hiba" }] });
    await expect(client.fetchPage("kimeno_szamla", query, 0)).rejects.toMatchObject({ code: "7", erpMessage: "Adatbázis hiba" });
    await expect(client.fetchPage("kimeno_szamla", query, 0)).rejects.toBeInstanceOf(TharanisApiError);
    simulator.update({ faults: [{ kind: "truncated", page: 0 }] });
    await expect(client.fetchPage("kimeno_szamla", query, 0)).rejects.toBeInstanceOf(TharanisMalformedResponseError);
    simulator.update({ faults: [{ kind: "invalid-utf8", page: 0 }] });
    await expect(client.fetchPage("kimeno_szamla", query, 0)).rejects.toThrow(/not valid UTF-8/);
    simulator.update({ faults: [{ kind: "xml-bomb", page: 0 }] });
    await expect(client.fetchPage("kimeno_szamla", query, 0)).rejects.toThrow(/DTD/);
    simulator.update({ faults: [{ kind: "deep-nesting", page: 0 }] });
    await expect(client.fetchPage("kimeno_szamla", query, 0)).rejects.toBeInstanceOf(TharanisMalformedResponseError);
    simulator.update({ faults: [{ kind: "huge", page: 0, sizeMb: 30 }] });
    await expect(client.fetchPage("kimeno_szamla", query, 0)).rejects.toThrow(/larger than 20 MB/);
    simulator.update({ faults: [{ kind: "timeout", page: 0, delayMs: 5_000 }] });
    const quick = createTharanisClient({ url: simulator.url, credentials: { ugyfelkod: "1000", cegkod: "demo", apiKey: "sim-key" }, timeoutMs: 300, maxResponseBytes: 1e7 });
    await expect(quick.fetchPage("kimeno_szamla", query, 0)).rejects.toBeInstanceOf(TharanisTimeoutError);
  });

  it("reports bad credentials as an authentication error", async () => {
    const wrong = createTharanisClient({ url: simulator.url, credentials: { ugyfelkod: "1000", cegkod: "demo", apiKey: "nope" }, timeoutMs: 5_000, maxResponseBytes: 1e7 });
    await expect(wrong.fetchPage("cikk", {}, 0)).rejects.toBeInstanceOf(TharanisAuthError);
  });
});
