import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator, SimulatorStats } from "./server";
import { CREDENTIALS, lekerEnvelope, postSoap, queryXml, SimClient, startTestSimulator } from "./test-helpers";

let sim: RunningSimulator;
let client: SimClient;

beforeAll(async () => {
  ({ sim, client } = await startTestSimulator({ now: "2026-12-03T12:00:00Z" }));
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.update({ faults: [] });
  sim.resetStats();
});

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("stats", () => {
  it("counts requests per entity and per query, with pages in order and pagination runs", async () => {
    const january: Array<[string, string, string]> = [
      ["teljdat", ">=", "2025.01.01"],
      ["teljdat", "<=", "2025.01.31"],
    ];
    await client.all("kimeno_szamla", january); // one run: pages 0..n
    await client.all("kimeno_szamla", [...january].reverse()); // same query, filters in another order
    await client.leker("cikk", { limit: 10, page: 3 });
    await postSoap(sim.url, lekerEnvelope("keszlet", queryXml(), { credentials: { ...CREDENTIALS, apiKey: "wrong" } }));
    await postSoap(sim.url, "garbage");

    const { status, json } = await admin("GET", "/__sim/stats");
    expect(status).toBe(200);
    const stats = json as unknown as SimulatorStats;
    const pagesPerRun = sim.monthTotals("kimeno_szamla", "2025-01").documents / 200;
    const expectedPages = Array.from({ length: Math.floor(pagesPerRun) + 1 }, (_, page) => page);
    expect(stats.byQuery).toEqual([
      { entity: "kimeno_szamla", query: "teljdat<=2025.01.31; teljdat>=2025.01.01; limit=200", requests: expectedPages.length * 2, pages: [...expectedPages, ...expectedPages], paginationRuns: 2 },
      { entity: "cikk", query: "limit=10", requests: 1, pages: [3], paginationRuns: 0 },
      { entity: "keszlet", query: "limit=200", requests: 1, pages: [0], paginationRuns: 1 },
    ]);
    expect(stats.byEntity).toEqual({ kimeno_szamla: expectedPages.length * 2, cikk: 1, keszlet: 1 });
    expect(stats.requests).toBe(expectedPages.length * 2 + 3);
    expect(stats.authFailures).toBe(1);
    expect(stats.faultsInjected).toBe(0);
    expect(sim.stats()).toEqual(stats);
  });

  it("resets to zero over HTTP", async () => {
    await client.leker("cikk", { limit: 1 });
    const reset = await admin("POST", "/__sim/stats/reset");
    expect(reset.json).toEqual({ requests: 0, byEntity: {}, byQuery: [], faultsInjected: 0, authFailures: 0, largeAnswers: [] });
    expect((await admin("GET", "/__sim/stats")).json.requests).toBe(0);
  });
});

describe("config", () => {
  it("shows the config with the API key masked", async () => {
    const { status, json } = await admin("GET", "/__sim/config");
    expect(status).toBe(200);
    expect(json).toMatchObject({ seed: 42, latencyMs: 0, credentials: { ugyfelkod: "7354", cegkod: "ab", apiKey: "***" }, faults: [], now: "2026-12-03T12:00:00.000Z" });
    expect(JSON.stringify(json)).not.toContain(CREDENTIALS.apiKey);
  });

  it("applies a valid patch at once", async () => {
    const before = await client.leker("cikk", { limit: 1 });
    const { status, json } = await admin("POST", "/__sim/config", { seed: 5, latencyMs: 0 });
    try {
      expect(status).toBe(200);
      expect(json.seed).toBe(5);
      expect(sim.config.seed).toBe(5);
      expect((await client.leker("cikk", { limit: 1 })).elems).not.toEqual(before.elems);
    } finally {
      sim.update({ seed: 42 });
    }
  });

  it("changes credentials", async () => {
    await admin("POST", "/__sim/config", { credentials: { apiKey: "rotated" } });
    try {
      expect((await client.leker("cikk", { limit: 1 })).hiba).toBe("1");
      expect(sim.config.credentials).toEqual({ ...CREDENTIALS, apiKey: "rotated" });
    } finally {
      sim.update({ credentials: { apiKey: CREDENTIALS.apiKey } });
    }
  });

  it.each([
    ["not JSON", "{oops", /not valid JSON/],
    ["an array", [], /JSON object/],
    ["an unknown field", { sede: 1 }, /unknown field\(s\) sede/],
    ["a negative latency", { latencyMs: -1 }, /latencyMs must be a whole number/],
    ["a fractional seed", { seed: 1.5 }, /seed must be a whole number/],
    ["an empty key", { credentials: { apiKey: "" } }, /credentials.apiKey must be a non-empty string/],
    ["a bad month", { bigMonth: { month: "2025-13", lines: 10 } }, /bigMonth.month/],
    ["zero big-month lines", { bigMonth: { month: "2025-03", lines: 0 } }, /bigMonth.lines/],
    ["a bad clock", { now: "yesterday" }, /now must be an ISO timestamp/],
    ["an unknown fault kind", { faults: [{ kind: "explode" }] }, /faults\[0\].kind must be one of/],
    ["a rate above 1", { faults: [{ kind: "hiba", rate: 2 }] }, /faults\[0\].rate/],
    ["an unknown fault entity", { faults: [{ kind: "hiba", entity: "szamla" }] }, /faults\[0\].entity/],
  ])("refuses %s with 400 and a message", async (_label, body, message) => {
    const before = JSON.stringify(sim.config);
    const { status, json } = await admin("POST", "/__sim/config", body);
    expect(status).toBe(400);
    expect(String(json.error)).toMatch(message);
    expect(JSON.stringify(sim.config)).toBe(before);
  });

  it("refuses the same mistakes from update()", () => {
    expect(() => sim.update({ latencyMs: -5 })).toThrow(/latencyMs/);
  });
});

describe("faults endpoints", () => {
  it("replaces and clears the fault list", async () => {
    const set = await admin("POST", "/__sim/faults", [{ kind: "http-503", entity: "cikk", times: 1 }]);
    expect(set.status).toBe(200);
    expect(set.json.faults).toEqual([{ kind: "http-503", entity: "cikk", times: 1 }]);
    expect((await postSoap(sim.url, lekerEnvelope("cikk", queryXml()))).status).toBe(503);
    await admin("POST", "/__sim/faults", [{ kind: "http-500" }]);
    expect((await admin("GET", "/__sim/config")).json.faults).toEqual([{ kind: "http-500" }]);
    const cleared = await admin("DELETE", "/__sim/faults");
    expect(cleared.json).toEqual({ faults: [] });
    expect((await postSoap(sim.url, lekerEnvelope("cikk", queryXml()))).status).toBe(200);
    expect((await admin("POST", "/__sim/faults", { kind: "http-500" })).status).toBe(400);
  });
});

describe("other endpoints", () => {
  it("answers health, totals validation and unknown paths", async () => {
    expect(await admin("GET", "/__sim/health")).toEqual({ status: 200, json: { ok: true } });
    expect((await admin("GET", "/__sim/totals?entity=cikk&month=2025-01")).status).toBe(400);
    expect((await admin("GET", "/__sim/totals?entity=kimeno_szamla&month=2025-1")).status).toBe(400);
    const totals = await admin("GET", "/__sim/totals?entity=raktari_mozgas&month=2025-01");
    expect(totals.status).toBe(200);
    expect(Object.keys(totals.json).sort()).toEqual(["deletedDocuments", "deletedLines", "distinctSkus", "documents", "lines", "quantity"]);
    expect((await admin("GET", "/__sim/nothing")).status).toBe(404);
  });
});
