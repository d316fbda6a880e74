import { randomUUID } from "node:crypto";
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { claimSyncLock } from "@/lib/sync/lock";
import { partitionFor } from "@/lib/sync/partitions";
import { runInngestFunction } from "@/test/inngest-executor";
import { setupSyncHarness } from "@/test/sync-harness";
import { createSyncPartitionFunction } from "./sync-partition";

vi.hoisted(() => {
  process.env.INNGEST_DEV = "1";
});
const h = setupSyncHarness();
const fn = createSyncPartitionFunction(() => Promise.resolve({ pool: h.database.pool, client: h.client }));

it("a run whose lock was taken over stops at once: no retry, no ERP call, no release", async () => {
  const { POST } = serve({ client: inngest, functions: [fn] });
  const partition = partitionFor("kimeno_szamla", "2024-03");
  let intruder: string | undefined;
  const run = await runInngestFunction({
    handler: (request) => POST(request as unknown as NextRequest, undefined),
    functionId: "erp-cache-dashboard-sync-partition",
    event: { name: "erp/sync.requested", data: { entity: "kimeno_szamla", partition: "2024-03", trigger: "manual", force: false, priority: 600 } },
    maxAttempts: 4,
    afterStep: async (step) => {
      if (step.step !== "page-0" || intruder) return;
      // The run stalls past the lock timeout; another run takes the partition over.
      await h.database.pool.query("update sync_metadata set locked_at = now() - interval '10 minutes' where filter_hash = $1", [partition.filterHash]);
      intruder = randomUUID();
      const claim = { entity: "kimeno_szamla" as const, partition: "2024-03", filterParams: partition.params, filterHash: partition.filterHash };
      expect(await claimSyncLock(h.database.pool, { ...claim, ttlSeconds: 1800, runId: intruder, trigger: "manual", force: true })).toBe(true);
      h.simulator.resetStats();
    },
  });
  expect(run.attempts.map((a) => `${a.step}:${a.outcome}`)).toEqual(["claim-lock:ok", "page-0:ok", "page-1:failed", "(function):failed"]);
  expect(h.simulator.stats().requests).toBe(0);
  // The intruder's lock is untouched.
  const meta = await h.database.pool.query("select lock_token, status from sync_metadata where filter_hash = $1", [partition.filterHash]);
  expect(meta.rows[0]).toEqual({ lock_token: intruder, status: "syncing" });
});
