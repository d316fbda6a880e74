import { describe, expect, it } from "vitest";
import { ErpGate, gatedClient } from "./erp-gate";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("ErpGate", () => {
  it("admits at most `limit` holders and serves waiters by priority, then arrival", async () => {
    const gate = new ErpGate(2);
    const order: string[] = [];
    const first = await gate.acquire(2);
    const second = await gate.acquire(2);
    expect(gate.inUse).toBe(2);

    const [hydrate1, cron, hydrate2, read] = [
      gate.acquire(2).then((release) => (order.push("hydrate-1"), release)),
      gate.acquire(1).then((release) => (order.push("cron"), release)),
      gate.acquire(2).then((release) => (order.push("hydrate-2"), release)),
      gate.acquire(0).then((release) => (order.push("read"), release)),
    ];
    await tick();
    expect(order).toEqual([]);
    expect(gate.queued).toBe(4);

    first();
    await tick();
    expect(order).toEqual(["read"]);
    second();
    await tick();
    expect(order).toEqual(["read", "cron"]);
    (await read)();
    (await cron)();
    await tick();
    expect(order).toEqual(["read", "cron", "hydrate-1", "hydrate-2"]);
    expect(gate.inUse).toBe(2);
    (await hydrate1)();
    (await hydrate2)();
    expect(gate.inUse).toBe(0);
  });

  it("ignores a second release of the same slot", async () => {
    const gate = new ErpGate(1);
    const release = await gate.acquire(0);
    release();
    release();
    expect(gate.inUse).toBe(0);
    await gate.acquire(0);
    expect(gate.inUse).toBe(1);
  });
});

describe("gatedClient", () => {
  it("holds a gate slot only around the HTTP exchange, never around parsing", async () => {
    const gate = new ErpGate(1);
    const events: string[] = [];
    const fake = {
      url: "http://erp.invalid",
      async fetchPage(_entity: string, _query: unknown, page: number, options?: { aroundCall?: <T>(call: () => Promise<T>) => Promise<T> }) {
        await options!.aroundCall!(async () => {
          events.push(`call ${page}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        });
        events.push(`parse ${page} start`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`parse ${page} end`);
        return { page } as never;
      },
      readPages: () => {
        throw new Error("unused");
      },
    };
    const client = gatedClient(fake as never, gate, 2);
    await Promise.all([client.fetchPage("cikk", {}, 0), client.fetchPage("cikk", {}, 1)]);
    // With one slot, call 1 still starts while page 0 is being parsed.
    expect(events.indexOf("call 1")).toBeGreaterThan(events.indexOf("call 0"));
    expect(events.indexOf("call 1")).toBeLessThan(events.indexOf("parse 0 end"));
    expect(gate.inUse).toBe(0);
  });
});
