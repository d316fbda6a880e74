import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, fixtureQuery, FIXTURE_NAMES, type FixtureName } from "@/test/tharanis-fixtures";
import { startStubServer, type StubServer } from "@/test/stub-http-server";
import { createTharanisClient, type TharanisClient } from "./client";
import { TharanisAuthError, TharanisSoapFaultError } from "./errors";
import type { Entity } from "@/drizzle/schema";
import { sumDecimals } from "@/lib/decimal";
import type { ErpQuery } from "./query";

// Every fixture is served over real HTTP exactly as captured; the client must read each.
let server: StubServer;
let client: TharanisClient;
let serving: { name: FixtureName; status: number } = { name: "empty-page", status: 200 };

beforeAll(async () => {
  server = await startStubServer((_, response) => {
    response.writeHead(serving.status, { "Content-Type": "text/xml; charset=utf-8" });
    response.end(fixture(serving.name, "response"));
  });
  client = createTharanisClient({
    url: server.url,
    credentials: { ugyfelkod: "7354", cegkod: "ab", apiKey: "secret-key" },
    timeoutMs: 10_000,
    maxResponseBytes: 10 * 1_048_576,
  });
});
afterAll(() => server.close());

async function read<E extends Entity>(name: FixtureName, entity: E, query: ErpQuery, page: number, status = 200) {
  serving = { name, status };
  const before = server.requests.length;
  const result = await client.fetchPage(entity, query, page);
  const sent = server.requests[before]!;
  return { result, sent };
}

/** The query document inside the envelope the client sent. */
function sentQuery(body: string): string {
  return /<param4[^>]*><!\[CDATA\[([\s\S]*?)\]\]><\/param4>/.exec(body)?.[1] ?? "";
}

describe("client ← captured fixtures", () => {
  it("covers every fixture in the folder", () => {
    expect(FIXTURE_NAMES).toHaveLength(7);
  });

  it("kimeno_szamla: maps invoice lines with exact money and sends the captured query", async () => {
    const { result, sent } = await read("kimeno_szamla", "kimeno_szamla", { from: "2024-02-01", to: "2024-02-29", pageSize: 3 }, 0);
    expect(sentQuery(sent.body)).toBe(fixtureQuery("kimeno_szamla"));
    expect(sent.body).toContain('<param3 xsi:type="xsd:string">kimeno_szamla</param3>');
    expect(sent.headers["content-type"]).toBe("text/xml; charset=utf-8");

    expect(result).toMatchObject({ entity: "kimeno_szamla", page: 0, documents: 3, last: false, issues: [] });
    expect(result.records).toHaveLength(12);
    expect(result.records[0]).toEqual({
      invoiceNo: "SZ-2024-00228",
      lineNo: 1,
      fulfillmentDate: "2024-02-01",
      sku: "C1700",
      productName: 'Termék 100 – Ár & "Érték"',
      quantity: "5",
      netPrice: "25170",
      vatPct: "27",
      grossPrice: "31965.9",
      netValue: "125850",
      grossValue: "159829.5",
      currency: "HUF",
      isStorno: false,
      rawHash: expect.any(String),
    });
    expect(result.records.map((r) => `${r.invoiceNo}/${r.lineNo}`)).toEqual([
      "SZ-2024-00228/1", "SZ-2024-00228/2", "SZ-2024-00228/3", "SZ-2024-00228/4", "SZ-2024-00228/5",
      "SZ-2024-00238/1", "SZ-2024-00238/2", "SZ-2024-00238/3", "SZ-2024-00238/4", "SZ-2024-00238/5",
      "SZ-2024-00242/1", "SZ-2024-00242/2",
    ]);
    // 5 % VAT line: 45146 × 1.05 = 47403.3
    expect(result.records[3]).toMatchObject({ vatPct: "5", grossPrice: "47403.3", grossValue: "189613.2" });
    // Totals computed by hand from the fixture (Python Decimal): net 3 028 189, gross 3 728 210.69.
    expect(sumDecimals(result.records.map((r) => r.netValue))).toBe("3028189");
    expect(sumDecimals(result.records.map((r) => r.grossValue))).toBe("3728210.69");
  });

  it("raktari_mozgas: movement lines with direction and signed quantities", async () => {
    const { result, sent } = await read("raktari_mozgas", "raktari_mozgas", { from: "2024-01-01", to: "2024-01-31", pageSize: 2, includeDeleted: true }, 0);
    expect(sentQuery(sent.body)).toBe(fixtureQuery("raktari_mozgas"));
    expect(result).toMatchObject({ documents: 2, last: false, deletedDocuments: 0, issues: [] });
    expect(result.records.map(({ rawHash: _, ...r }) => r)).toEqual([
      { documentNo: "RM-00001", lineNo: 1, movementDate: "2024-01-01", direction: "in", movementType: "Beszerzés", sku: "C2260", quantity: "13" },
      { documentNo: "RM-00001", lineNo: 2, movementDate: "2024-01-01", direction: "in", movementType: "Beszerzés", sku: "C1819", quantity: "4" },
      { documentNo: "RM-00002", lineNo: 1, movementDate: "2024-01-01", direction: "out", movementType: "Eladás", sku: "C1322", quantity: "-5" },
      { documentNo: "RM-00002", lineNo: 2, movementDate: "2024-01-01", direction: "out", movementType: "Eladás", sku: "C2666", quantity: "-11" },
    ]);
  });

  it("keszlet: six warehouse quantities per product", async () => {
    const { result, sent } = await read("keszlet", "keszlet", { pageSize: 2 }, 0);
    expect(sentQuery(sent.body)).toBe(fixtureQuery("keszlet"));
    expect(result.records.map(({ sku, warehouses }) => ({ sku, warehouses }))).toEqual([
      { sku: "C1007", warehouses: ["85", "69.5", "68", "153.5", "147.5", "43.5"] },
      { sku: "C1014", warehouses: ["262", "371", "342", "313", "246", "220"] },
    ]);
  });

  it("cikk: products with names decoded from the double escaping", async () => {
    const { result, sent } = await read("cikk", "cikk", { pageSize: 2 }, 4);
    expect(sentQuery(sent.body)).toBe(fixtureQuery("cikk"));
    expect(result.records.map(({ rawHash: _, ...r }) => r)).toEqual([
      { sku: "C1063", name: "Termék 9 – alap", category: "Kozmetikum", manufacturer: "Zöldház Kft.", unit: "l", active: true },
      { sku: "C1070", name: 'Termék 10 – Ár & "Érték"', category: "Élelmiszer", manufacturer: "Natur & Co", unit: "db", active: true },
    ]);
  });

  it("empty page: no records, and it is the last page", async () => {
    const { result, sent } = await read("empty-page", "cikk", {}, 99);
    expect(sentQuery(sent.body)).toBe(fixtureQuery("empty-page"));
    expect(result).toMatchObject({ documents: 0, records: [], last: true });
  });

  it("auth error: a TharanisAuthError that names entity and page but not the key", async () => {
    serving = { name: "auth-error", status: 200 };
    const error = await client.fetchPage("keszlet", { pageSize: 2 }, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TharanisAuthError);
    expect((error as TharanisAuthError).message).toMatch(/^Tharanis keszlet page 0: authentication failed \(hiba 1: Hibás azonosítás\)/);
    expect((error as Error).message).not.toContain("secret-key");
    expect((error as TharanisAuthError).retryable).toBe(false);
  });

  it("SOAP Fault (HTTP 500): a TharanisSoapFaultError with the ERP's fault string", async () => {
    serving = { name: "soap-fault", status: 500 };
    const error = await client.fetchPage("keszlet", { pageSize: 2 }, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TharanisSoapFaultError);
    expect(error).toMatchObject({ faultCode: "SOAP-ENV:Server", faultString: "Átmeneti hiba, próbálja újra", retryable: true, entity: "keszlet", page: 0 });
  });
});
