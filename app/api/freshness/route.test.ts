import { describe, expect, it } from "vitest";
import { setupAppHarness } from "@/test/app-harness";
import { GET } from "./route";
import { GET as STREAM } from "./stream/route";

const h = setupAppHarness();

describe("GET /api/freshness", () => {
  it("reports never-cached partitions, asks for them after answering, then reports them fresh", async () => {
    const first = await h.call(GET, "/api/freshness?entity=kimeno_szamla&from=2024-01-10&to=2024-03-05");
    expect(first.status).toBe(200);
    expect(first.body.freshness).toMatchObject({ state: "never", total: 3, cached: 0 });
    expect(first.body.covers).toEqual([{ entity: "kimeno_szamla", partitions: ["2024-01", "2024-02", "2024-03"] }]);
    await h.settle();
    const second = await h.call(GET, "/api/freshness?entity=kimeno_szamla&from=2024-01-10&to=2024-03-05");
    expect(second.body.freshness).toMatchObject({ state: "fresh", total: 3, cached: 3, counts: { fresh: 3 } });
    expect(second.body.freshness.partitions.every((p: { lastSyncedAt: string }) => !Number.isNaN(Date.parse(p.lastSyncedAt)))).toBe(true);
  });

  it("without parameters gives every entity's hot partitions", async () => {
    const { status, body } = await h.call(GET, "/api/freshness");
    expect(status).toBe(200);
    expect(Object.keys(body.entities).sort()).toEqual(["cikk", "keszlet", "kimeno_szamla", "raktari_mozgas"]);
    expect(body.entities.keszlet.freshness.total).toBe(1);
    expect(body.entities.kimeno_szamla.freshness.total).toBe(2);
    await h.settle();
  });

  it.each([
    ["entity=szamla", "entity"],
    ["entity=cikk&from=2024-01-01", "to"],
    ["entity=kimeno_szamla&from=2024-02-30&to=2024-03-01", "from"],
    ["entity=kimeno_szamla&from=2024-03-01&to=2024-02-01", "to"],
    ["entity=kimeno_szamla&from=2000-01-01&to=2024-01-01", "to"],
  ])("answers 400 naming the parameter for %s", async (query, parameter) => {
    const { status, body } = await h.call(GET, `/api/freshness?${query}`);
    expect(status).toBe(400);
    expect(body.parameter).toBe(parameter);
    expect(body.error).toMatch(new RegExp(parameter));
  });
});

describe("GET /api/freshness/stream", () => {
  it("streams a sync event when a partition's state changes", async () => {
    const abort = new AbortController();
    const response = await STREAM(new Request("http://localhost/api/freshness/stream", { signal: abort.signal, headers: { cookie: await h.signInAs("viewer") } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    const until = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended; got: ${received}`);
        received += decoder.decode(value);
      }
    };
    await until(/: connected/);
    await h.call(GET, "/api/freshness?entity=raktari_mozgas&from=2023-05-01&to=2023-05-31");
    await until(/event: sync\ndata: \{[^\n]*"partition":"2023-05"[^\n]*"status":"success"/);
    expect(received).toMatch(/"entity":"raktari_mozgas","partition":"2023-05","status":"syncing"/);
    abort.abort();
    await h.settle();
  });
});
