import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "@/test/tharanis-fixtures";
import { freePort } from "@/lib/db/scratch";
import { startStubServer, type StubServer } from "@/test/stub-http-server";
import { createTharanisClient, type TharanisClient } from "./client";
import {
  TharanisApiError,
  TharanisError,
  TharanisHttpError,
  TharanisMalformedResponseError,
  TharanisNetworkError,
  TharanisShapeError,
  TharanisSoapFaultError,
  TharanisTimeoutError,
} from "./errors";

const API_KEY = "Sup3r-Secret-K3y";
let server: StubServer;
let client: TharanisClient;

beforeAll(async () => {
  server = await startStubServer();
  client = createTharanisClient({
    url: server.url,
    credentials: { ugyfelkod: "7354", cegkod: "ab", apiKey: API_KEY },
    timeoutMs: 500,
    maxResponseBytes: 1_048_576,
  });
});
afterAll(() => server.close());

/** Wraps an answer document the way PHP's SoapServer does (escaped inside <return>). */
function envelopeWith(answer: string): string {
  const escaped = answer.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn://apiv3">` +
    `<SOAP-ENV:Body><ns1:lekerResponse><return>${escaped}</return></ns1:lekerResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

function answering(status: number, body: string | Buffer, headers: Record<string, string> = {}) {
  server.handle((_, response) => {
    response.writeHead(status, { "Content-Type": "text/xml; charset=utf-8", ...headers });
    response.end(body);
  });
}

/** The error a read of page 3 of March 2024's invoices ends with. */
async function failure(): Promise<TharanisError> {
  const error = await client.fetchPage("kimeno_szamla", { from: "2024-03-01", to: "2024-03-31" }, 3).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TharanisError);
  const tharanis = error as TharanisError;
  // Every error says which entity and page failed, and never carries the key.
  expect(tharanis.message).toMatch(/^Tharanis kimeno_szamla page 3: /);
  expect(tharanis).toMatchObject({ entity: "kimeno_szamla", page: 3 });
  expect(tharanis.message).not.toContain(API_KEY);
  expect(String(tharanis.stack)).not.toContain(API_KEY);
  return tharanis;
}

describe("client errors", () => {
  it("another hiba code → TharanisApiError with the ERP's message", async () => {
    answering(200, envelopeWith(`<?xml version="1.0" encoding="UTF-8"?>\n<valasz_doc><hiba>2</hiba><valasz>Érvénytelen lekérdezés: limit</valasz></valasz_doc>`));
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisApiError);
    expect(error).toMatchObject({ code: "2", erpMessage: "Érvénytelen lekérdezés: limit" });
  });

  it("a SOAP Fault that echoes the key has it redacted", async () => {
    answering(
      500,
      `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>bad key ${API_KEY}</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
    );
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisSoapFaultError);
    expect(error).toMatchObject({ faultCode: "SOAP-ENV:Client", faultString: "bad key ***", retryable: false });
  });

  it("HTTP status other than 200 → TharanisHttpError", async () => {
    answering(503, "<html><body><h1>Service Unavailable</h1></body></html>", { "Content-Type": "text/html" });
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisHttpError);
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(error.message).toContain("Service Unavailable");
    answering(404, "not here");
    expect(await failure()).toMatchObject({ status: 404, retryable: false });
  });

  it("no answer within the timeout → TharanisTimeoutError", async () => {
    server.handle(() => {}); // never answers
    const started = performance.now();
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisTimeoutError);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("a body that stalls half-way → TharanisTimeoutError too", async () => {
    server.handle((_, response) => {
      response.writeHead(200, { "Content-Type": "text/xml" });
      response.write(fixture("kimeno_szamla", "response").slice(0, 500));
    });
    expect(await failure()).toBeInstanceOf(TharanisTimeoutError);
  });

  it("truncated XML → TharanisMalformedResponseError", async () => {
    const full = fixture("kimeno_szamla", "response");
    answering(200, full.slice(0, Math.floor(full.length / 2)));
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisMalformedResponseError);
    expect(error.message).toMatch(/truncated/);
  });

  it("a connection closed before Content-Length was reached → truncated", async () => {
    server.handle((_, response) => {
      const body = fixture("kimeno_szamla", "response");
      response.writeHead(200, { "Content-Type": "text/xml", "Content-Length": String(Buffer.byteLength(body)) });
      response.write(body.slice(0, 700));
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisMalformedResponseError);
    expect(error.message).toMatch(/truncated/);
  });

  it("an answer document cut short inside <return> → truncated", async () => {
    answering(200, envelopeWith(`<?xml version="1.0"?>\n<api><hiba>0</hiba><valasz><elem><fej><sorszam>SZ-1</sorszam>`));
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisMalformedResponseError);
    expect(error.message).toMatch(/truncated answer document/);
  });

  it("malformed XML → TharanisMalformedResponseError", async () => {
    answering(200, `<SOAP-ENV:Envelope><SOAP-ENV:Body><a><b></a></b></SOAP-ENV:Body></SOAP-ENV:Envelope>`);
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisMalformedResponseError);
    expect(error.message).toMatch(/not well-formed/);
  });

  it("invalid UTF-8 → TharanisMalformedResponseError", async () => {
    const [head, tail] = envelopeWith(`<api><hiba>0</hiba><valasz></valasz></api>`).split("&lt;hiba&gt;");
    answering(200, Buffer.concat([Buffer.from(`${head}&lt;hiba&gt;`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tail!)]));
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisMalformedResponseError);
    expect(error.message).toMatch(/not valid UTF-8/);
  });

  it("an XML bomb (entity expansion) is refused without expanding it", async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("");
    answering(200, `<?xml version="1.0"?><!DOCTYPE b [<!ENTITY l0 "lol">${lol}]><SOAP-ENV:Envelope><SOAP-ENV:Body>&l9;</SOAP-ENV:Body></SOAP-ENV:Envelope>`);
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisMalformedResponseError);
    expect(error.message).toMatch(/DTD/);
    // The same bomb hidden inside the answer document.
    answering(200, envelopeWith(`<?xml version="1.0"?><!DOCTYPE b [<!ENTITY l0 "lol">${lol}]><api><hiba>0</hiba><valasz>&l9;</valasz></api>`));
    expect((await failure()).message).toMatch(/DTD/);
  });

  it("deep nesting → TharanisMalformedResponseError, not a stack overflow", async () => {
    const depth = 20_000;
    answering(200, envelopeWith(`<api><hiba>0</hiba><valasz>${"<elem>".repeat(depth)}${"</elem>".repeat(depth)}</valasz></api>`));
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisMalformedResponseError);
    expect(error.message).toMatch(/nested/i);
  });

  it("an answer larger than the limit is refused while streaming", async () => {
    answering(200, envelopeWith(`<api><hiba>0</hiba><valasz><elem><fej><sorszam>${"x".repeat(3 * 1_048_576)}</sorszam></fej></elem></valasz></api>`));
    const error = await failure();
    expect(error).toBeInstanceOf(TharanisMalformedResponseError);
    expect(error.message).toMatch(/larger than 1 MB/);
  });

  it("unexpected shapes → TharanisShapeError", async () => {
    answering(200, `<SOAP-ENV:Envelope xmlns:SOAP-ENV="x"><SOAP-ENV:Body><ns1:lekerResponse><valami>1</valami></ns1:lekerResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`);
    expect(await failure()).toBeInstanceOf(TharanisShapeError);
    answering(200, envelopeWith(`<api><valasz></valasz></api>`));
    expect((await failure()).message).toMatch(/no <hiba>/);
    answering(200, envelopeWith(`<api><hiba>0</hiba><valasz><sor>1</sor></valasz></api>`));
    expect((await failure()).message).toMatch(/not <elem>/);
  });

  it("connection refused → TharanisNetworkError", async () => {
    const closed = createTharanisClient({
      url: `http://127.0.0.1:${await freePort()}/apiv3.php`,
      credentials: { ugyfelkod: "7354", cegkod: "ab", apiKey: API_KEY },
      timeoutMs: 2_000,
      maxResponseBytes: 1_048_576,
    });
    const error = await closed.fetchPage("cikk", {}, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TharanisNetworkError);
    expect((error as Error).message).toMatch(/^Tharanis cikk page 0: network error: ECONNREFUSED/);
  });
});

describe("data errors", () => {
  it("are reported per line, and the document's good lines still arrive", async () => {
    answering(
      200,
      envelopeWith(
        `<api><hiba>0</hiba><valasz><elem><fej><sorszam>SZ-9</sorszam><telj_dat>2024.03.05</telj_dat><storno>1</storno></fej><tetelek>` +
          `<tetel><cikksz>A</cikksz><menny>-2</menny><netto_ar>100.50</netto_ar><afa_szaz>27</afa_szaz></tetel>` +
          `<tetel><cikksz>B</cikksz><menny></menny><netto_ar>10</netto_ar><afa_szaz>27</afa_szaz></tetel>` +
          `<tetel><cikksz>C</cikksz><menny>1</menny><netto_ar>1,5</netto_ar><afa_szaz>27</afa_szaz></tetel>` +
          `</tetelek></elem><elem><fej><sorszam>SZ-10</sorszam><telj_dat>2024.02.30</telj_dat></fej><tetelek><tetel><cikksz>D</cikksz><menny>1</menny><netto_ar>1</netto_ar><afa_szaz>0</afa_szaz></tetel></tetelek></elem></valasz></api>`,
      ),
    );
    const page = await client.fetchPage("kimeno_szamla", { from: "2024-03-01", to: "2024-03-31" }, 0);
    expect(page.records).toHaveLength(1);
    expect(page.records[0]).toMatchObject({ invoiceNo: "SZ-9", lineNo: 1, isStorno: true, quantity: "-2", netValue: "-201", grossValue: "-255.27" });
    expect(page.issues).toEqual([
      { entity: "kimeno_szamla", page: 0, record: "SZ-9", line: 2, field: "quantity", value: "", problem: "not a decimal number" },
      { entity: "kimeno_szamla", page: 0, record: "SZ-9", line: 3, field: "netPrice", value: "1,5", problem: "not a decimal number" },
      { entity: "kimeno_szamla", page: 0, record: "SZ-10", line: undefined, field: "date", value: "2024.02.30", problem: "not a date YYYY.MM.DD; the document's 1 line(s) were not stored" },
    ]);
  });

  it("deleted movement documents are counted and never mapped", async () => {
    answering(
      200,
      envelopeWith(
        `<api><hiba>0</hiba><valasz>` +
          `<elem><fej><bizszam>RM-1</bizszam><kelt>2024.01.02</kelt><irany>K</irany><mozgas>Selejtezés</mozgas><torolt>1</torolt></fej><tetelek><tetel><cikksz>A</cikksz><menny>-1</menny></tetel></tetelek></elem>` +
          `<elem><fej><bizszam>RM-2</bizszam><kelt>2024.01.02</kelt><irany>B</irany><mozgas>Beszerzés</mozgas><torolt>0</torolt></fej><tetelek><tetel><cikksz>A</cikksz><menny>3</menny></tetel></tetelek></elem>` +
          `</valasz></api>`,
      ),
    );
    const page = await client.fetchPage("raktari_mozgas", { from: "2024-01-01", to: "2024-01-31" }, 0);
    expect(page.deletedDocuments).toBe(1);
    expect(page.records.map((r) => r.documentNo)).toEqual(["RM-2"]);
    expect(server.requests.at(-1)!.body).toContain("<mezo>torolt</mezo><relacio>=</relacio><ertek>0</ertek>");
  });
});

describe("readPages", () => {
  it("requests the next page only when asked, and stops after a short page", async () => {
    const answers = [fixture("kimeno_szamla", "response"), fixture("kimeno_szamla", "response").replace(/SZ-2024-00228/g, "SZ-2024-00999"), fixture("empty-page", "response")];
    const before = server.requests.length;
    server.handle((request, response) => {
      const page = Number(/&lt;oldal&gt;|<oldal>(\d+)<\/oldal>/.exec(request.body)?.[1]);
      response.writeHead(200, { "Content-Type": "text/xml" });
      response.end(answers[page] ?? fixture("empty-page", "response"));
    });
    const pages = client.readPages("kimeno_szamla", { from: "2024-02-01", to: "2024-02-29", pageSize: 3 });
    const first = await pages.next();
    expect(first.value).toMatchObject({ page: 0, documents: 3, last: false });
    expect(server.requests.length - before).toBe(1); // page 1 not fetched yet

    const rest = [];
    for await (const page of pages) rest.push(page);
    expect(rest.map((p) => [p.page, p.documents, p.last])).toEqual([
      [1, 3, false],
      [2, 0, true],
    ]);
    expect(server.requests.length - before).toBe(3);
  });

  it("refuses to loop when the ERP ignores the page index", async () => {
    answering(200, fixture("kimeno_szamla", "response"));
    const seen: number[] = [];
    const error = await (async () => {
      for await (const page of client.readPages("kimeno_szamla", { from: "2024-02-01", to: "2024-02-29", pageSize: 3 })) seen.push(page.page);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([0]);
    expect(error).toBeInstanceOf(TharanisShapeError);
    expect((error as Error).message).toMatch(/same page twice/);
  });

  it("rejects bad queries before calling the ERP", async () => {
    const before = server.requests.length;
    await expect(client.fetchPage("kimeno_szamla", { from: "2024-02-30" }, 0)).rejects.toThrow(/from must be a date/);
    await expect(client.fetchPage("kimeno_szamla", { from: "2024-03-01", to: "2024-02-01" }, 0)).rejects.toThrow(/after/);
    await expect(client.fetchPage("keszlet", { from: "2024-03-01" }, 0)).rejects.toThrow(/no date filter/);
    await expect(client.fetchPage("cikk", { skus: ["A|B"] }, 0)).rejects.toThrow(/invalid SKU/);
    await expect(client.fetchPage("cikk", { pageSize: 5000 }, 0)).rejects.toThrow(/pageSize/);
    expect(server.requests.length).toBe(before);
  });
});
