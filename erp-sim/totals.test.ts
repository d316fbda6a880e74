import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { scaled, SimClient, startTestSimulator, unscaled, type FilterSpec, type InvoiceElem, type MovementElem } from "./test-helpers";

/** What a correct client computes from the XML: exact sums over every line, signs kept. */
function invoiceSums(elems: InvoiceElem[]) {
  let lines = 0;
  let quantity = 0n; // scale 2
  let net = 0n; // scale 4
  let gross = 0n; // scale 6: netto_ar (2) × (100 + afa) / 100 (2) × menny (2)
  for (const invoice of elems) {
    for (const line of invoice.tetelek.tetel) {
      lines++;
      const menny = scaled(line.menny, 2);
      const price = scaled(line.netto_ar, 2);
      quantity += menny;
      net += price * menny;
      gross += price * (100n + BigInt(line.afa_szaz)) * menny;
    }
  }
  return { documents: elems.length, lines, quantity, net, gross };
}

/** Strips the simulator's canonical trailing zeros so both sides compare at a fixed scale. */
const fixed = (text: string, scale: number) => unscaled(scaled(text, scale), scale);

const monthFilter = (field: string, month: string): FilterSpec[] => {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return [
    [field, ">=", `${month.replace("-", ".")}.01`],
    [field, "<=", `${month.replace("-", ".")}.${lastDay}`],
  ];
};

describe("totals match what a client computes from the XML", () => {
  let sim: RunningSimulator;
  let client: SimClient;
  beforeAll(async () => {
    ({ sim, client } = await startTestSimulator({ now: "2026-12-03T12:00:00Z" }));
  });
  afterAll(() => sim.stop());

  it("a year of invoices pages through to exactly the sum of monthTotals lines", async () => {
    const { elems, pageSizes } = await client.all("kimeno_szamla", [
      ["teljdat", ">=", "2025.01.01"],
      ["teljdat", "<=", "2025.12.31"],
    ]);
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);
    const totals = months.map((month) => sim.monthTotals("kimeno_szamla", month));
    const sums = invoiceSums(elems as unknown as InvoiceElem[]);
    expect(sums.lines).toBe(totals.reduce((sum, month) => sum + month.lines, 0));
    expect(sums.documents).toBe(totals.reduce((sum, month) => sum + month.documents, 0));
    expect(sums.lines).toBeGreaterThan(25_000);
    expect(pageSizes.length).toBeGreaterThan(30);
    const gross = totals.reduce((sum, month) => sum + scaled(fixed(month.grossValue, 6), 6), 0n);
    expect(sums.gross).toBe(gross);
  });

  it.each(["2025-03", "2026-11"])("net, gross and quantity of %s are exact to the last digit", async (month) => {
    const { elems } = await client.all("kimeno_szamla", monthFilter("teljdat", month));
    const sums = invoiceSums(elems as unknown as InvoiceElem[]);
    const totals = sim.monthTotals("kimeno_szamla", month);
    expect(unscaled(sums.net, 4)).toBe(fixed(totals.netValue, 4));
    expect(unscaled(sums.gross, 6)).toBe(fixed(totals.grossValue, 6));
    expect(unscaled(sums.quantity, 2)).toBe(fixed(totals.quantity, 2));
    expect(sums.lines).toBe(totals.lines);
  });

  it("movement totals count signed quantities of documents that are not deleted", async () => {
    const { elems } = await client.all("raktari_mozgas", monthFilter("kelt", "2025-06"));
    let quantity = 0n;
    let lines = 0;
    let deletedLines = 0;
    for (const movement of elems as unknown as MovementElem[]) {
      if (movement.fej.torolt === "1") {
        deletedLines += movement.tetelek.tetel.length;
        continue;
      }
      lines += movement.tetelek.tetel.length;
      for (const line of movement.tetelek.tetel) quantity += scaled(line.menny, 2);
    }
    const totals = sim.monthTotals("raktari_mozgas", "2025-06");
    expect(lines).toBe(totals.lines);
    expect(deletedLines).toBe(totals.deletedLines);
    expect(unscaled(quantity, 2)).toBe(fixed(totals.quantity, 2));
  });

  it("serves the same totals over the admin endpoint", async () => {
    const response = await fetch(`${sim.baseUrl}/__sim/totals?entity=kimeno_szamla&month=2025-03`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(sim.monthTotals("kimeno_szamla", "2025-03"));
  });
});

describe("the clock", () => {
  it("grows the current month as the injected clock advances, and never shows the future", async () => {
    let now = new Date("2026-05-14T08:00:00Z");
    const { sim, client } = await startTestSimulator({ now: () => now });
    try {
      const may = monthFilter("teljdat", "2026-05");
      const count = async () => (await client.all("kimeno_szamla", may)).elems.length;
      const morning = await count();
      expect(morning).toBe(sim.monthTotals("kimeno_szamla", "2026-05").documents);
      const morningInvoices = (await client.all("kimeno_szamla", may)).elems as unknown as InvoiceElem[];
      expect(morningInvoices.every((invoice) => invoice.fej.telj_dat <= "2026.05.14")).toBe(true);

      now = new Date("2026-05-14T16:00:00Z");
      const afternoon = await count();
      expect(afternoon).toBeGreaterThan(morning);
      const afternoonInvoices = (await client.all("kimeno_szamla", may)).elems as unknown as InvoiceElem[];
      expect(afternoonInvoices.slice(0, morning)).toEqual(morningInvoices); // earlier answers stay valid: the month only grows

      now = new Date("2026-06-02T10:00:00Z");
      const complete = await count();
      expect(complete).toBeGreaterThan(afternoon);
      expect(complete).toBe(sim.monthTotals("kimeno_szamla", "2026-05").documents);

      expect((await client.all("kimeno_szamla", monthFilter("teljdat", "2026-07"))).elems).toEqual([]);
      expect((await client.all("raktari_mozgas", monthFilter("kelt", "2026-07"))).elems).toEqual([]);
      expect((await client.all("kimeno_szamla", monthFilter("teljdat", "2016-05"))).elems).toEqual([]);

      // Freezing the clock through the config overrides the injected clock.
      sim.update({ now: "2026-05-14T08:00:00Z" });
      expect(await count()).toBe(morning);
      sim.update({ now: null });
      expect(await count()).toBe(complete);
    } finally {
      await sim.stop();
    }
  });

  it("moves stock every few minutes but not from one second to the next", async () => {
    let now = new Date("2026-05-14T08:00:10Z");
    const { sim, client } = await startTestSimulator({ now: () => now });
    try {
      const stock = async () => JSON.stringify((await client.all("keszlet", [], 1000)).elems);
      const first = await stock();
      now = new Date("2026-05-14T08:00:50Z");
      expect(await stock()).toBe(first);
      now = new Date("2026-05-14T08:05:10Z");
      expect(await stock()).not.toBe(first);
    } finally {
      await sim.stop();
    }
  });
});

describe("big month", () => {
  it("serves the configured number of invoice lines in that month", async () => {
    const { sim, client } = await startTestSimulator({ now: "2026-12-03T12:00:00Z", bigMonth: { month: "2025-07", lines: 20_000 } });
    try {
      const { elems } = await client.all("kimeno_szamla", monthFilter("teljdat", "2025-07"), 1000);
      expect(invoiceSums(elems as unknown as InvoiceElem[]).lines).toBe(20_000);
      sim.update({ bigMonth: null });
      expect(sim.monthTotals("kimeno_szamla", "2025-07").lines).toBeLessThan(3_000);
    } finally {
      await sim.stop();
    }
  });
});
