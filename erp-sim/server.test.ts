import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { CREDENTIALS, faultOf, lekerEnvelope, postSoap, queryXml, readAnswer, SimClient, startTestSimulator, type InvoiceElem, type MovementElem } from "./test-helpers";
import { FIXTURES_DIR } from "@/test/tharanis-fixtures";

const FIXTURES = FIXTURES_DIR;
const NOW = "2026-12-03T12:00:00Z";

let sim: RunningSimulator;
let client: SimClient;

beforeAll(async () => {
  ({ sim, client } = await startTestSimulator({ now: NOW }));
});
afterAll(async () => {
  await sim.stop();
});

const invoices = (elems: Array<Record<string, unknown>>) => elems as unknown as InvoiceElem[];
const movements = (elems: Array<Record<string, unknown>>) => elems as unknown as MovementElem[];

describe("transport", () => {
  it("answers the fixture requests with well-formed envelopes shaped like the fixtures", async () => {
    for (const name of ["kimeno_szamla", "raktari_mozgas", "keszlet", "cikk"]) {
      const answer = await postSoap(sim.url, readFileSync(path.join(FIXTURES, `${name}.request.xml`), "utf8"));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/xml; charset=utf-8");
      const expectedHead = readFileSync(path.join(FIXTURES, `${name}.response.xml`), "utf8").split("&lt;valasz&gt;")[0];
      expect(answer.text.startsWith(expectedHead!)).toBe(true);
      expect(answer.text.endsWith("&lt;/valasz&gt;&lt;/api&gt;</return></ns1:lekerResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>\n")).toBe(true);
      expect(readAnswer(answer.text).elems.length).toBeGreaterThan(0);
    }
  });

  it("gives the same bytes for CDATA, escaped and PHP-style param4, with or without SOAPAction", async () => {
    const query = queryXml({ limit: 5, filters: [["teljdat", ">=", "2025.03.01"], ["teljdat", "<=", "2025.03.31"]] });
    const bodies = await Promise.all([
      postSoap(sim.url, lekerEnvelope("kimeno_szamla", query, { style: "cdata" })),
      postSoap(sim.url, lekerEnvelope("kimeno_szamla", query, { style: "escaped" })),
      postSoap(sim.url, lekerEnvelope("kimeno_szamla", query, { style: "php" }), { SOAPAction: '"urn://apiv3#leker"' }),
      postSoap(sim.url, lekerEnvelope("kimeno_szamla", query, { style: "cdata" }), { SOAPAction: '"urn://apiv3#leker"' }),
      postSoap(`${sim.baseUrl}/`, lekerEnvelope("kimeno_szamla", query, { style: "escaped" })),
    ]);
    for (const body of bodies) expect(body.status).toBe(200);
    expect(new Set(bodies.map((body) => body.text)).size).toBe(1);
    expect(readAnswer(bodies[0]!.text).elems).toHaveLength(5);
  });

  it("answers wrong credentials like the auth-error fixture (HTTP 200, hiba 1)", async () => {
    for (const wrong of [{ apiKey: "nope" }, { ugyfelkod: "1" }, { cegkod: "xx" }]) {
      const answer = await postSoap(sim.url, lekerEnvelope("keszlet", queryXml({ limit: 2 }), { credentials: { ...CREDENTIALS, ...wrong } }));
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(readFileSync(path.join(FIXTURES, "auth-error.response.xml"), "utf8"));
    }
  });

  it("faults (HTTP 500, SOAP-ENV:Client) on bad requests with a clear message", async () => {
    const cases: Array<[string, RegExp]> = [
      [lekerEnvelope("szamla", queryXml()), /Unknown entity "szamla"/],
      [lekerEnvelope("cikk", queryXml()).replace(/leker>/g, "berak>"), /Unknown operation "berak"/],
      [lekerEnvelope("cikk", queryXml()).replace(/<param3[^]*?<\/param3>/, ""), /missing parameter param3/],
      [lekerEnvelope("cikk", "<leker><limit>2</limit>"), /not well-formed/],
      [lekerEnvelope("kimeno_szamla", queryXml({ filters: [["kelt", ">=", "2025.01.01"]] })), /Unknown filter field "kelt" for kimeno_szamla/],
      [lekerEnvelope("kimeno_szamla", queryXml({ filters: [["teljdat", ">=", "2025-01-01"]] })), /YYYY\.MM\.DD/],
      ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', /DOCTYPE/],
      ["this is not xml", /well-formed/],
    ];
    for (const [body, message] of cases) {
      const answer = await postSoap(sim.url, body);
      expect(answer.status, body).toBe(500);
      const fault = faultOf(answer.text);
      expect(fault.faultcode).toBe("SOAP-ENV:Client");
      expect(fault.faultstring).toMatch(message);
    }
  });

  it("rejects a DOCTYPE hidden inside the escaped query", async () => {
    const answer = await postSoap(sim.url, lekerEnvelope("cikk", '<!DOCTYPE leker [<!ENTITY x "1">]><leker><limit>&x;</limit></leker>', { style: "escaped" }));
    expect(answer.status).toBe(500);
    expect(faultOf(answer.text).faultstring).toMatch(/DOCTYPE/);
  });

  it("answers an invalid limit with hiba 2 and a Hungarian message", async () => {
    for (const limit of [0, 1001, "sok"]) {
      const answer = await client.leker("cikk", { limit });
      expect(answer.hiba).toBe("2");
      expect(answer.message).toMatch(/Érvénytelen limit/);
    }
  });

  it("refuses GET on the SOAP endpoint and 404s elsewhere", async () => {
    expect((await fetch(sim.url)).status).toBe(405);
    expect((await fetch(`${sim.baseUrl}/other`)).status).toBe(404);
  });
});

describe("determinism", () => {
  it("serves identical pages for the same seed and different pages for another seed", async () => {
    const other = await startTestSimulator({ now: NOW });
    const reseeded = await startTestSimulator({ now: NOW, seed: 7 });
    try {
      const body = lekerEnvelope("kimeno_szamla", queryXml({ limit: 50, page: 2, filters: [["teljdat", ">=", "2024.05.01"], ["teljdat", "<=", "2024.05.31"]] }));
      const [a, b, c] = await Promise.all([postSoap(sim.url, body), postSoap(other.sim.url, body), postSoap(reseeded.sim.url, body)]);
      expect(a.text).toBe(b.text);
      expect(a.text).not.toBe(c.text);
      for (const entity of ["cikk", "keszlet", "raktari_mozgas"]) {
        const query = lekerEnvelope(entity, queryXml({ limit: 20, page: 1 }));
        const [x, y, z] = await Promise.all([postSoap(sim.url, query), postSoap(other.sim.url, query), postSoap(reseeded.sim.url, query)]);
        expect(x.text).toBe(y.text);
        expect(x.text).not.toBe(z.text);
      }
    } finally {
      await Promise.all([other.sim.stop(), reseeded.sim.stop()]);
    }
  });
});

describe("filters", () => {
  const march = (): Array<[string, string, string]> => [
    ["teljdat", ">=", "2025.03.01"],
    ["teljdat", "<=", "2025.03.31"],
  ];

  it("limits invoices to a date range, whole month in date-then-number order", async () => {
    const { elems } = await client.all("kimeno_szamla", march());
    const all = invoices(elems);
    expect(all.length).toBe(sim.monthTotals("kimeno_szamla", "2025-03").documents);
    expect(all.every((invoice) => invoice.fej.telj_dat.startsWith("2025.03."))).toBe(true);
    const keys = all.map((invoice) => `${invoice.fej.telj_dat}|${invoice.fej.sorszam}`);
    expect([...keys].sort()).toEqual(keys);
    const day = invoices((await client.all("kimeno_szamla", [["teljdat", "=", "2025.03.12"]])).elems);
    expect(day.length).toBe(all.filter((invoice) => invoice.fej.telj_dat === "2025.03.12").length);
    const afterDay = invoices((await client.all("kimeno_szamla", [...march(), ["teljdat", ">", "2025.03.12"]])).elems);
    expect(afterDay.length).toBe(all.filter((invoice) => invoice.fej.telj_dat > "2025.03.12").length);
    const beforeDay = invoices((await client.all("kimeno_szamla", [...march(), ["teljdat", "<", "2025.03.12"]])).elems);
    expect(beforeDay.length + day.length + afterDay.length).toBe(all.length);
  });

  it("treats | as any-of, ANDs filters, and selects storno documents", async () => {
    const days = invoices((await client.all("kimeno_szamla", [["teljdat", "=", "2025.03.03|2025.03.05"]])).elems);
    expect(new Set(days.map((invoice) => invoice.fej.telj_dat))).toEqual(new Set(["2025.03.03", "2025.03.05"]));
    const stornos = invoices((await client.all("kimeno_szamla", [...march(), ["storno", "=", "1"]])).elems);
    expect(stornos.length).toBe(sim.monthTotals("kimeno_szamla", "2025-03").stornoDocuments);
    expect(stornos.length).toBeGreaterThan(0);
    for (const storno of stornos) {
      expect(storno.fej.storno).toBe("1");
      expect(storno.tetelek.tetel.every((line) => Number(line.menny) < 0)).toBe(true);
    }
    const regular = invoices((await client.all("kimeno_szamla", [...march(), ["storno", "=", "0"]])).elems);
    expect(regular.length + stornos.length).toBe(sim.monthTotals("kimeno_szamla", "2025-03").documents);
  });

  it("returns whole documents containing any of the SKUs, with all their lines", async () => {
    const all = invoices((await client.all("kimeno_szamla", march())).elems);
    const skus = [all[0]!.tetelek.tetel[0]!.cikksz, all[1]!.tetelek.tetel[0]!.cikksz];
    const matching = invoices((await client.all("kimeno_szamla", [...march(), ["cikksz", "=", skus.join("|")]])).elems);
    const expected = all.filter((invoice) => invoice.tetelek.tetel.some((line) => skus.includes(line.cikksz)));
    expect(matching).toEqual(expected);
    expect(matching.some((invoice) => invoice.tetelek.tetel.some((line) => !skus.includes(line.cikksz)))).toBe(true);
  });

  it("filters movements by kelt, torolt and cikksz", async () => {
    const range: Array<[string, string, string]> = [
      ["kelt", ">=", "2025.03.01"],
      ["kelt", "<=", "2025.03.31"],
    ];
    const all = movements((await client.all("raktari_mozgas", range)).elems);
    const totals = sim.monthTotals("raktari_mozgas", "2025-03");
    expect(all.length).toBe(totals.documents + totals.deletedDocuments);
    const deleted = movements((await client.all("raktari_mozgas", [...range, ["torolt", "=", "1"]])).elems);
    expect(deleted.length).toBe(totals.deletedDocuments);
    expect(deleted.every((movement) => movement.fej.torolt === "1")).toBe(true);
    const sku = all[3]!.tetelek.tetel[0]!.cikksz;
    const withSku = movements((await client.all("raktari_mozgas", [...range, ["cikksz", "=", sku]])).elems);
    expect(withSku).toEqual(all.filter((movement) => movement.tetelek.tetel.some((line) => line.cikksz === sku)));
    for (const movement of all) {
      expect(movement.tetelek.tetel.every((line) => (movement.fej.irany === "K" ? Number(line.menny) < 0 : Number(line.menny) > 0))).toBe(true);
    }
  });

  it("filters stock and products by SKU", async () => {
    const stock = await client.leker("keszlet", { filters: [["cikksz", "=", "C10001|C10050|C16800"]] });
    expect(stock.elems.map((elem) => elem.cikksz)).toEqual(["C10001", "C10050", "C16800"]);
    expect(Object.keys(stock.elems[0]!)).toEqual(["cikksz", "kiadhato1", "kiadhato2", "kiadhato3", "kiadhato4", "kiadhato5", "kiadhato6"]);
    const product = await client.leker("cikk", { filters: [["cikksz", "=", "C10050"]] });
    expect(product.elems).toHaveLength(1);
    expect(String(product.elems[0]!.megnev)).toContain("<script>alert(1)</script>");
    expect(Object.keys(product.elems[0]!)).toEqual(["cikksz", "megnev", "csoport", "gyarto", "mee", "aktiv"]);
    const range = await client.leker("cikk", { filters: [["cikksz", ">=", "C16790"]] });
    expect(range.elems.map((elem) => elem.cikksz)).toEqual(Array.from({ length: 11 }, (_, i) => `C${16790 + i}`));
  });
});

describe("pagination", () => {
  it("pages whole documents, ends with a short page, and is empty past the end", async () => {
    const filters: Array<[string, string, string]> = [
      ["teljdat", ">=", "2025.02.01"],
      ["teljdat", "<=", "2025.02.28"],
    ];
    const documents = sim.monthTotals("kimeno_szamla", "2025-02").documents;
    const { elems, pageSizes } = await client.all("kimeno_szamla", filters, 200);
    expect(elems.length).toBe(documents);
    expect(pageSizes.slice(0, -1).every((size) => size === 200)).toBe(true);
    expect(pageSizes[pageSizes.length - 1]).toBe(documents % 200);
    const numbers = invoices(elems).map((invoice) => invoice.fej.sorszam);
    expect(new Set(numbers).size).toBe(numbers.length);
    const past = await client.leker("kimeno_szamla", { limit: 200, page: pageSizes.length + 3, filters });
    expect(past.hiba).toBe("0");
    expect(past.elems).toEqual([]);
    expect(past.inner).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<api><hiba>0</hiba><valasz></valasz></api>');
  });

  it("pages the catalogue and stock to exactly every product", async () => {
    for (const entity of ["cikk", "keszlet"]) {
      const { elems, pageSizes } = await client.all(entity, [], 1000);
      expect(elems.length).toBe(6_800);
      expect(pageSizes).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 800]);
      expect(new Set(elems.map((elem) => elem.cikksz)).size).toBe(6_800);
    }
  });

  it("pages through all history without a date filter, in stable order", async () => {
    const first = invoices((await client.leker("kimeno_szamla", { limit: 3, page: 0 })).elems);
    expect(first[0]!.fej.sorszam).toBe("SZ-2016-00001");
    const again = invoices((await client.leker("kimeno_szamla", { limit: 3, page: 0 })).elems);
    expect(again).toEqual(first);
    const deep = invoices((await client.leker("kimeno_szamla", { limit: 200, page: 150 })).elems);
    expect(deep).toHaveLength(200);
    const keys = deep.map((invoice) => `${invoice.fej.telj_dat}|${invoice.fej.sorszam}`);
    expect([...keys].sort()).toEqual(keys);
  });
});
