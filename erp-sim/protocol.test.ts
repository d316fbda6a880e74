import { readFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { canonicalQuery, InvalidQuery, parseQuery, validateFilters } from "./protocol/query";
import { invoiceElement, movementElement, productElement, stockElement } from "./protocol/records";
import { parseLekerCall } from "./protocol/request";
import { escapeEnvelopeText, escapeValue, soapEnvelope, soapFault, soapSuccessEnvelope, successDocument } from "./protocol/response";
import { ClientFault } from "./protocol/xml-parser";
import { lekerEnvelope, queryXml } from "./test-helpers";
import { FIXTURES_DIR } from "@/test/tharanis-fixtures";

const FIXTURES = FIXTURES_DIR;
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

/** The inner document of a fixture answer, decoded by an independent parser. */
function innerOf(responseXml: string): string {
  const parsed = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: false }).parse(responseXml) as {
    Envelope: { Body: { lekerResponse: { return: string } } };
  };
  return parsed.Envelope.Body.lekerResponse.return;
}

const ANSWER_FIXTURES = ["kimeno_szamla", "raktari_mozgas", "keszlet", "cikk", "empty-page", "auth-error"];

describe("envelope writer against PHP SoapServer fixtures", () => {
  it.each(ANSWER_FIXTURES)("reproduces %s.response.xml byte for byte from its inner document", (name) => {
    const expected = readFileSync(path.join(FIXTURES, `${name}.response.xml`));
    const written = Buffer.from(soapEnvelope(innerOf(expected.toString("utf8"))), "utf8");
    expect(written.toString("utf8")).toBe(expected.toString("utf8"));
    expect(written.equals(expected)).toBe(true);
  });

  it("reproduces soap-fault.response.xml byte for byte", () => {
    expect(soapFault("SOAP-ENV:Server", "Átmeneti hiba, próbálja újra")).toBe(fixture("soap-fault.response.xml"));
  });

  it("writes the same bytes from elements escaped in advance (the record cache's wire form)", () => {
    const elements = invoiceElement({ number: "SZ-1", date: "2025.01.02", storno: false, lines: [{ sku: "C1", name: 'A & "B" <c>', quantityHundredths: -250, netPriceFiller: 123456, vatRate: 27 }] });
    expect(soapSuccessEnvelope(escapeEnvelopeText(elements) + escapeEnvelopeText(elements))).toBe(soapEnvelope(successDocument(elements + elements)));
    expect(soapSuccessEnvelope("")).toBe(fixture("empty-page.response.xml"));
  });

  it("escapes data twice: & in a value arrives as &amp;amp;, quotes only inside", () => {
    const envelope = soapEnvelope(successDocument(`<elem><megnev>${escapeValue('Ár & "Érték" <b>')}</megnev></elem>`));
    expect(envelope).toContain("&lt;megnev&gt;Ár &amp;amp; &amp;quot;Érték&amp;quot; &amp;lt;b&amp;gt;&lt;/megnev&gt;");
    expect(envelope).toContain('&lt;?xml version="1.0" encoding="UTF-8"?&gt;\n&lt;api&gt;');
  });
});

describe("record writers against the fixtures' inner documents", () => {
  it("writes invoices exactly as the kimeno_szamla fixture", () => {
    const expected = innerOf(fixture("kimeno_szamla.response.xml"));
    const name = (n: number, tail = "alap") => `Termék ${n} – ${tail}`;
    const line = (sku: string, n: number, quantity: number, price: number, vat: number, tail?: string) => ({
      sku,
      name: name(n, tail),
      quantityHundredths: quantity * 100,
      netPriceFiller: price * 100,
      vatRate: vat,
    });
    const invoices = [
      {
        number: "SZ-2024-00228",
        date: "2024.02.01",
        storno: false,
        lines: [
          line("C1700", 100, 5, 25170, 27, 'Ár & "Érték"'),
          line("C1301", 43, 7, 73575, 27),
          line("C2204", 172, 7, 63633, 27),
          line("C2358", 194, 4, 45146, 5),
          line("C2099", 157, 1, 63195, 27),
        ],
      },
      {
        number: "SZ-2024-00238",
        date: "2024.02.01",
        storno: false,
        lines: [line("C1847", 121, 1, 56961, 27), line("C2078", 154, 3, 63774, 27), line("C1483", 69, 8, 8082, 27), line("C1252", 36, 7, 50559, 5), line("C1623", 89, 1, 65013, 27)],
      },
      { number: "SZ-2024-00242", date: "2024.02.01", storno: false, lines: [line("C1014", 2, 8, 86233, 27), line("C2617", 231, 5, 55275, 27)] },
    ];
    expect(successDocument(invoices.map(invoiceElement).join(""))).toBe(expected);
  });

  it("writes movements exactly as the raktari_mozgas fixture (out lines negative)", () => {
    const expected = innerOf(fixture("raktari_mozgas.response.xml"));
    const movements = [
      { number: "RM-00001", date: "2024.01.01", direction: "B" as const, kind: "Beszerzés", deleted: false, lines: [{ sku: "C2260", quantityHundredths: 1300 }, { sku: "C1819", quantityHundredths: 400 }] },
      { number: "RM-00002", date: "2024.01.01", direction: "K" as const, kind: "Eladás", deleted: false, lines: [{ sku: "C1322", quantityHundredths: -500 }, { sku: "C2666", quantityHundredths: -1100 }] },
    ];
    expect(successDocument(movements.map(movementElement).join(""))).toBe(expected);
  });

  it("writes stock and products exactly as the keszlet and cikk fixtures", () => {
    const stock = [
      { sku: "C1007", available: [8500, 6950, 6800, 15350, 14750, 4350] },
      { sku: "C1014", available: [26200, 37100, 34200, 31300, 24600, 22000] },
    ];
    expect(successDocument(stock.map(stockElement).join(""))).toBe(innerOf(fixture("keszlet.response.xml")));
    const products = [
      { sku: "C1063", name: "Termék 9 – alap", group: "Kozmetikum", maker: "Zöldház Kft.", unit: "l", active: true },
      { sku: "C1070", name: 'Termék 10 – Ár & "Érték"', group: "Élelmiszer", maker: "Natur & Co", unit: "db", active: true },
    ];
    expect(successDocument(products.map(productElement).join(""))).toBe(innerOf(fixture("cikk.response.xml")));
  });

  it("writes an empty warehouse value as an empty element", () => {
    expect(stockElement({ sku: "C1", available: [100, undefined, 0, 1, 2, 3] })).toContain("<kiadhato2></kiadhato2><kiadhato3>0.00</kiadhato3>");
  });
});

describe("request parsing", () => {
  it.each(["kimeno_szamla", "raktari_mozgas", "keszlet", "cikk", "auth-error"])("reads the %s fixture request", (name) => {
    const call = parseLekerCall(fixture(`${name}.request.xml`));
    expect(call.ugyfelkod).toBe("7354");
    expect(call.cegkod).toBe("ab");
    expect(call.queryXml.startsWith("<leker><limit>")).toBe(true);
  });

  it("gives the same query for CDATA, escaped and PHP SoapClient-style param4", () => {
    const query = queryXml({ limit: 5, page: 1, filters: [["teljdat", ">=", "2024.01.01"], ["cikksz", "=", "C10001|C10002"]] });
    const calls = (["cdata", "escaped", "php"] as const).map((style) => parseLekerCall(lekerEnvelope("kimeno_szamla", query, { style })));
    for (const call of calls) expect(call).toEqual({ ugyfelkod: "7354", cegkod: "ab", apiKey: "secret-key", entity: "kimeno_szamla", queryXml: query });
  });

  it("decodes numeric character references in escaped values", () => {
    const body = lekerEnvelope("cikk", "<leker/>").replace("<param0 xsi:type=\"xsd:string\">7354</param0>", "<param0>&#55;354</param0>");
    expect(parseLekerCall(body).ugyfelkod).toBe("7354");
  });

  it("rejects DOCTYPE, other operations, missing parameters and XML-as-children", () => {
    const good = lekerEnvelope("cikk", queryXml());
    expect(() => parseLekerCall(`<!DOCTYPE x [<!ENTITY a "b">]>${good}`)).toThrow(/DOCTYPE/);
    expect(() => parseLekerCall(good.replace(/leker>/g, "berak>"))).toThrow(/Unknown operation "berak"/);
    expect(() => parseLekerCall(good.replace(/<param2[^]*?<\/param2>/, ""))).toThrow(/missing parameter param2/);
    expect(() => parseLekerCall(good.replace(/<!\[CDATA\[(.*)\]\]>/, "$1"))).toThrow(/param4 must be a string/);
    expect(() => parseLekerCall("<not-closed>")).toThrow(ClientFault);
  });
});

describe("query parsing", () => {
  it("reads limit, page and filters with | alternatives", () => {
    const query = parseQuery(queryXml({ limit: 50, page: 3, filters: [["teljdat", ">=", "2024.01.01"], ["cikksz", "=", "C1|C2"]] }));
    expect(query).toEqual({
      limit: 50,
      page: 3,
      filters: [
        { field: "teljdat", relation: ">=", values: ["2024.01.01"] },
        { field: "cikksz", relation: "=", values: ["C1", "C2"] },
      ],
    });
  });

  it("reports a bad limit or page as an ERP error (code 2, Hungarian), not a fault", () => {
    for (const limit of ["0", "1001", "abc", "", "2.5"]) {
      const error = (() => {
        try {
          parseQuery(queryXml({ limit }));
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(InvalidQuery);
      expect((error as InvalidQuery).code).toBe("2");
      expect((error as InvalidQuery).message).toMatch(/limit/);
    }
    expect(() => parseQuery(queryXml({ page: -1 }))).toThrow(InvalidQuery);
    expect(parseQuery(queryXml({ limit: 1000 })).limit).toBe(1000);
  });

  it("faults on unreadable queries and unknown relations", () => {
    expect(() => parseQuery("<leker><limit>2</limit>")).toThrow(ClientFault);
    expect(() => parseQuery("")).toThrow(/empty/);
    expect(() => parseQuery(queryXml({ filters: [["teljdat", "!=", "2024.01.01"]] }))).toThrow(/relacio "!="/);
    expect(() => parseQuery(queryXml({ filters: [["teljdat", "=", ""]] }))).toThrow(/ertek/);
  });

  it("validates filter fields and values per entity, naming the unknown field", () => {
    expect(() => validateFilters("kimeno_szamla", [{ field: "kelt", relation: "=", values: ["2024.01.01"] }])).toThrow(/Unknown filter field "kelt" for kimeno_szamla/);
    expect(() => validateFilters("raktari_mozgas", [{ field: "kelt", relation: "=", values: ["2024-01-01"] }])).toThrow(/YYYY\.MM\.DD/);
    expect(() => validateFilters("raktari_mozgas", [{ field: "torolt", relation: "=", values: ["2"] }])).toThrow(/0 or 1/);
    expect(() => validateFilters("keszlet", [{ field: "cikksz", relation: "=", values: ["C10001"] }])).not.toThrow();
  });

  it("canonicalises a query without its page, whatever the filter order", () => {
    const a = parseQuery(queryXml({ limit: 200, page: 0, filters: [["teljdat", ">=", "2024.01.01"], ["teljdat", "<=", "2024.01.31"]] }));
    const b = parseQuery(queryXml({ limit: 200, page: 7, filters: [["teljdat", "<=", "2024.01.31"], ["teljdat", ">=", "2024.01.01"]] }));
    expect(canonicalQuery(a)).toBe(canonicalQuery(b));
    expect(canonicalQuery(a)).toBe("teljdat<=2024.01.31; teljdat>=2024.01.01; limit=200");
  });
});
