import { describe, expect, it } from "vitest";
import { readAhead } from "./read-ahead";

/** A promise to settle by hand, to put the pipeline in a known state. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("readAhead", () => {
  it("fetches page k+1 while page k is stored, stores in order, one store at a time", async () => {
    const log: string[] = [];
    const stores = [deferred(), deferred(), deferred()];
    let storing = 0;
    let mostStoring = 0;
    const done = readAhead({
      fetch: async (page) => {
        log.push(`fetch ${page}`);
        return page;
      },
      store: async (page) => {
        storing += 1;
        mostStoring = Math.max(mostStoring, storing);
        log.push(`store ${page}`);
        await stores[page]!.promise;
        storing -= 1;
        return page * 10;
      },
      isLast: (page) => page === 2,
      stored: (result, page) => log.push(`stored ${page} → ${result}`),
    });
    await tick();
    // Page 0 is being stored and page 1 already fetched; page 1's store waits for page 0's.
    expect(log).toEqual(["fetch 0", "store 0", "fetch 1"]);
    stores[0]!.resolve();
    await tick();
    expect(log).toEqual(["fetch 0", "store 0", "fetch 1", "stored 0 → 0", "store 1", "fetch 2"]);
    stores[1]!.resolve();
    stores[2]!.resolve();
    await done;
    expect(log.slice(6)).toEqual(["stored 1 → 10", "store 2", "stored 2 → 20"]);
    expect(mostStoring).toBe(1);
  });

  it("a failed fetch waits for the store in flight, then fails with the fetch's error", async () => {
    const store = deferred();
    let settled = false;
    const done = readAhead({
      fetch: async (page) => {
        if (page === 1) throw new Error("ERP down at page 1");
        return page;
      },
      store: async () => {
        await store.promise;
        settled = true;
      },
      isLast: () => false,
    });
    let failedBeforeStoreSettled = false;
    done.catch(() => (failedBeforeStoreSettled = !settled));
    await tick();
    store.resolve();
    await expect(done).rejects.toThrow("ERP down at page 1");
    expect(failedBeforeStoreSettled).toBe(false);
  });

  it("a failed store stops the run: no further store, its error comes out", async () => {
    const stored: number[] = [];
    await expect(
      readAhead({
        fetch: async (page) => page,
        store: async (page) => {
          if (page === 1) throw new Error("database gone");
          stored.push(page);
        },
        isLast: (page) => page === 5,
      }),
    ).rejects.toThrow("database gone");
    expect(stored).toEqual([0]);
  });
});
