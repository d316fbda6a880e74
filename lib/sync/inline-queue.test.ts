import { describe, expect, it } from "vitest";
import { InlineSyncQueue, type SyncJob } from "./inline-queue";
import type { SyncOutcome } from "./sync-partition";

// The queue's scheduling on its own, with a runner that only records: which
// jobs start when, under the ERP concurrency limit.
function recordingQueue(concurrency: number) {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  let running = 0;
  let maxRunning = 0;
  const queue = new InlineSyncQueue(
    (job) =>
      new Promise<SyncOutcome>((resolve) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        started.push(`${job.trigger}:${job.partition}`);
        releases.set(job.partition, () => {
          running -= 1;
          resolve({ status: "skipped", entity: job.entity, partition: job.partition, reason: "fresh" });
        });
      }),
    concurrency,
  );
  const finish = async (partition: string) => {
    releases.get(partition)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { queue, started, finish, maxRunning: () => maxRunning };
}

const job = (trigger: SyncJob["trigger"], partition: string, extra: Partial<SyncJob> = {}): SyncJob => ({
  entity: "kimeno_szamla",
  partition,
  trigger,
  force: false,
  ttlSeconds: 1800,
  ...extra,
});

describe("InlineSyncQueue", () => {
  it("bounds the runs: ERP concurrency + 3 in all, + 1 for hydration", async () => {
    const { queue, maxRunning, finish } = recordingQueue(3);
    queue.enqueue(Array.from({ length: 10 }, (_, i) => job("cron", `2020-${String(i + 1).padStart(2, "0")}`)));
    expect(queue.stats().running).toBe(6);
    for (let i = 1; i <= 10; i += 1) await finish(`2020-${String(i).padStart(2, "0")}`);
    await queue.idle();
    expect(maxRunning()).toBe(6);
  });

  it("starts a user's read at once, however many hydration months wait", async () => {
    const { queue, started } = recordingQueue(4);
    queue.enqueue(Array.from({ length: 100 }, (_, i) => job("hydrate", `h-${i}`, { hydrationId: "h" })));
    expect(queue.stats()).toMatchObject({ running: 5, runningHydration: 5 });
    queue.enqueue([job("read", "2026-12")]);
    expect(started.at(-1)).toBe("read:2026-12");
    expect(queue.stats().running).toBe(6);
  });

  it("runs reads before cron before hydration, oldest first within each", async () => {
    // ERP concurrency 1: 4 runs at most, 2 of them hydration.
    const { queue, started, finish } = recordingQueue(1);
    queue.enqueue([job("hydrate", "a", { hydrationId: "h" }), job("hydrate", "b", { hydrationId: "h" })]);
    queue.enqueue([job("cron", "busy-1"), job("cron", "busy-2")]);
    queue.enqueue([job("hydrate", "c", { hydrationId: "h" }), job("cron", "d"), job("read", "e"), job("cron", "f"), job("manual", "g")]);
    for (const partition of ["a", "b", "busy-1", "busy-2", "e", "g", "d", "f", "c"]) await finish(partition);
    expect(started).toEqual(["hydrate:a", "hydrate:b", "cron:busy-1", "cron:busy-2", "read:e", "manual:g", "cron:d", "cron:f", "hydrate:c"]);
  });

  it("merges a request into the same partition's waiting job, keeping the higher priority", () => {
    const { queue } = recordingQueue(1);
    queue.enqueue(["busy-1", "busy-2", "busy-3", "busy-4"].map((p) => job("cron", p)));
    expect(queue.enqueue([job("hydrate", "x", { hydrationId: "h" })])).toEqual({ queued: 1, merged: 0 });
    expect(queue.enqueue([job("read", "x")])).toEqual({ queued: 0, merged: 1 });
    expect(queue.stats().pending).toMatchObject({ read: 1, hydrate: 0 });
  });

  it("drops the waiting jobs of a cancelled hydration", async () => {
    const { queue, started, finish } = recordingQueue(1);
    queue.enqueue(["busy-1", "busy-2", "busy-3", "busy-4"].map((p) => job("read", p)));
    queue.enqueue([...Array.from({ length: 5 }, (_, i) => job("hydrate", `h-${i}`, { hydrationId: "h1" })), job("cron", "keep")]);
    expect(queue.cancel((j) => j.hydrationId === "h1")).toBe(5);
    for (const partition of ["busy-1", "busy-2", "busy-3", "busy-4", "keep"]) await finish(partition);
    await queue.idle();
    expect(started).toEqual(["read:busy-1", "read:busy-2", "read:busy-3", "read:busy-4", "cron:keep"]);
  });
});
