import { readFileSync } from "node:fs";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { faultOf, lekerEnvelope, postSoap, queryXml, readAnswer, startTestSimulator } from "./test-helpers";
import { FIXTURES_DIR } from "@/test/tharanis-fixtures";

const FIXTURES = FIXTURES_DIR;
const MONTH: Array<[string, string, string]> = [
  ["teljdat", ">=", "2025.03.01"],
  ["teljdat", "<=", "2025.03.31"],
];
const invoicePage = (page: number) => lekerEnvelope("kimeno_szamla", queryXml({ limit: 50, page, filters: MONTH }));

let sim: RunningSimulator;
beforeAll(async () => {
  ({ sim } = await startTestSimulator({ now: "2026-12-03T12:00:00Z" }));
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.update({ faults: [], latencyMs: 0 });
  sim.resetStats();
});

describe("fault rules by page", () => {
  it("soap-fault: only the chosen page of the chosen entity fails, exactly like the fixture", async () => {
    sim.update({ faults: [{ kind: "soap-fault", entity: "kimeno_szamla", page: 1 }] });
    expect((await postSoap(sim.url, invoicePage(0))).status).toBe(200);
    const failed = await postSoap(sim.url, invoicePage(1));
    expect(failed.status).toBe(500);
    expect(failed.text).toBe(readFileSync(path.join(FIXTURES, "soap-fault.response.xml"), "utf8"));
    expect((await postSoap(sim.url, lekerEnvelope("cikk", queryXml({ page: 1 })))).status).toBe(200);
    expect(sim.stats().faultsInjected).toBe(1);
  });

  it("hiba: an ERP error answer with the configured code and message", async () => {
    sim.update({ faults: [{ kind: "hiba", page: 0, code: "17", message: "Adatbázis & zárolás" }] });
    const answer = readAnswer((await postSoap(sim.url, invoicePage(0))).text);
    expect(answer).toMatchObject({ hiba: "17", message: "Adatbázis & zárolás", elems: [] });
  });

  it("auth: the auth-error answer even with good credentials", async () => {
    sim.update({ faults: [{ kind: "auth", entity: "keszlet" }] });
    const answer = await postSoap(sim.url, lekerEnvelope("keszlet", queryXml()));
    expect(answer.text).toBe(readFileSync(path.join(FIXTURES, "auth-error.response.xml"), "utf8"));
    expect(sim.stats().authFailures).toBe(0); // injected, not a real credential failure
  });

  it("truncated: HTTP 200 with a matching Content-Length but the envelope cut in half", async () => {
    const normal = await postSoap(sim.url, invoicePage(2));
    sim.update({ faults: [{ kind: "truncated", page: 2 }] });
    const cut = await postSoap(sim.url, invoicePage(2));
    expect(cut.status).toBe(200);
    expect(Number(cut.headers.get("content-length"))).toBe(cut.bytes.length);
    expect(cut.bytes.length).toBeGreaterThan(normal.bytes.length * 0.4);
    expect(cut.bytes.length).toBeLessThan(normal.bytes.length * 0.6);
    expect(normal.bytes.subarray(0, cut.bytes.length).equals(cut.bytes)).toBe(true);
    expect(XMLValidator.validate(cut.text)).not.toBe(true);
  });

  it("http-500 and http-503: HTML error pages, not SOAP", async () => {
    sim.update({ faults: [{ kind: "http-500", page: 0 }, { kind: "http-503", page: 1 }] });
    const internal = await postSoap(sim.url, invoicePage(0));
    expect(internal.status).toBe(500);
    expect(internal.headers.get("content-type")).toMatch(/text\/html/);
    expect(() => faultOf(internal.text)).toThrow();
    const unavailable = await postSoap(sim.url, invoicePage(1));
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("1");
  });

  it("invalid-utf8: a normal-looking envelope with bytes that are not UTF-8", async () => {
    sim.update({ faults: [{ kind: "invalid-utf8", page: 0 }] });
    const answer = await postSoap(sim.url, invoicePage(0));
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope')).toBe(true);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(answer.bytes)).toThrow();
  });

  it("xml-bomb: a small body declaring nested entities", async () => {
    sim.update({ faults: [{ kind: "xml-bomb", page: 0 }] });
    const answer = await postSoap(sim.url, invoicePage(0));
    expect(answer.status).toBe(200);
    expect(answer.bytes.length).toBeLessThan(4_000);
    expect(answer.text).toMatch(/<!DOCTYPE[^]*<!ENTITY lol0 "lol">[^]*<!ENTITY lol9 "(&lol8;){10}">/);
    expect(answer.text).toContain("<return xsi:type=\"xsd:string\">&lol9;</return>");
  });

  it("deep-nesting: 100,000 nested elements inside valasz", async () => {
    sim.update({ faults: [{ kind: "deep-nesting", page: 0 }] });
    const answer = await postSoap(sim.url, invoicePage(0));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`&lt;valasz&gt;${"&lt;elem&gt;".repeat(100_000)}${"&lt;/elem&gt;".repeat(100_000)}&lt;/valasz&gt;`);
  });

  it("huge: a well-formed answer of the requested size", async () => {
    sim.update({ faults: [{ kind: "huge", page: 0, sizeMb: 3 }] });
    const answer = await postSoap(sim.url, invoicePage(0));
    expect(answer.status).toBe(200);
    expect(Math.abs(answer.bytes.length - 3 * 1024 * 1024)).toBeLessThan(1024);
    const parsed = readAnswer(answer.text);
    expect(parsed.hiba).toBe("0");
    expect(parsed.elems).toHaveLength(50);
    expect(parsed.inner.length).toBeGreaterThan(3_000_000);
  });

  it("timeout: holds the connection without an answer, then closes it", async () => {
    sim.update({ faults: [{ kind: "timeout", page: 0, delayMs: 400 }] });
    const started = Date.now();
    await expect(postSoap(sim.url, invoicePage(0))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });
});

describe("fault rules by rate and times", () => {
  it("fires a rate rule on about that share of requests", async () => {
    sim.update({ faults: [{ kind: "http-503", rate: 0.3 }] });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => postSoap(sim.url, lekerEnvelope("cikk", queryXml({ limit: 1 }))).then((answer) => answer.status)));
    const failed = statuses.filter((status) => status === 503).length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(90);
    expect(statuses.filter((status) => status === 200).length).toBe(200 - failed);
    expect(sim.stats().faultsInjected).toBe(failed);
  });

  it("a times rule fires that often, then disarms and leaves the list", async () => {
    sim.update({ faults: [{ kind: "soap-fault", entity: "keszlet", times: 2, message: "Túlterhelés" }] });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postSoap(sim.url, lekerEnvelope("keszlet", queryXml({ limit: 1 })))).status);
    expect(statuses).toEqual([500, 500, 200, 200]);
    expect(sim.config.faults).toEqual([]);
    expect(sim.stats().faultsInjected).toBe(2);
  });

  it("a rate of 0 never fires", async () => {
    sim.update({ faults: [{ kind: "http-500", rate: 0 }] });
    for (let i = 0; i < 20; i++) expect((await postSoap(sim.url, invoicePage(0))).status).toBe(200);
  });

  it("applies the latency before faults too", async () => {
    sim.update({ latencyMs: 250, faults: [{ kind: "http-500" }] });
    const started = Date.now();
    expect((await postSoap(sim.url, invoicePage(0))).status).toBe(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });
});

describe("stop()", () => {
  it("closes hung connections at once instead of waiting out a 10-minute timeout", async () => {
    const { sim: hanging } = await startTestSimulator({ faults: [{ kind: "timeout" }] });
    const request = postSoap(hanging.url, invoicePage(0)).then(
      () => "answered",
      () => "closed",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await hanging.stop();
    expect(await request).toBe("closed");
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
