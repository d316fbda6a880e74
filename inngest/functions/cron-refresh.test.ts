import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Entity } from "@/lib/db";
import { CRON_SCHEDULE, CRON_TIME_ZONE, type CronResult } from "@/lib/sync/cron";
import type { SyncJob } from "@/lib/sync/inline-queue";
import { addMonths, monthOf } from "@/lib/sync/partitions";
import type { SyncDispatcher } from "@/lib/sync/request-sync";
import { syncPartition } from "@/lib/sync/sync-partition";
import { setupSyncHarness } from "@/test/sync-harness";
import { createCronRefreshFunction } from "./cron-refresh";

// Real Postgres and the simulator; the only stand-in is where jobs go: Inngest's event
// API cannot run here, so a dispatcher records the jobs the cron hands over.
const h = setupSyncHarness();

function recordingDispatcher() {
  const jobs: SyncJob[] = [];
  const dispatcher: SyncDispatcher = {
    mode: "inngest",
    async dispatch(batch) {
      jobs.push(...batch);
    },
    async hydrate() {
      throw new Error("the cron never starts a hydration");
    },
    async cancelHydration() {
      throw new Error("the cron never cancels a hydration");
    },
  };
  return { dispatcher, jobs };
}

/** One tick of the cron function, through a fresh test engine; its one step runs for real. */
async function tick() {
  const { dispatcher, jobs } = recordingDispatcher();
  const fn = createCronRefreshFunction(() => Promise.resolve({ pool: h.database.pool, dispatcher }));
  const engine = new InngestTestEngine({ function: fn });
  const output = await engine.execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: `TZ=${CRON_TIME_ZONE} ${CRON_SCHEDULE}` } }] });
  expect(output.error).toBeUndefined();
  const stepIds = (output.ctx.step.run.mock.calls as unknown[][]).map((call) => call[0]);
  expect(stepIds).toEqual(["request-stale-partitions"]);
  return { result: output.result as CronResult, jobs, keys: jobs.map((job) => `${job.entity}/${job.partition}`) };
}

// The hot partitions as the cron should see them, computed independently of lib/sync/cron.ts.
function hotKeys(now = new Date()): string[] {
  const month = monthOf(now);
  const previous = addMonths(month, -1);
  return [
    "keszlet/all",
    "cikk/all",
    `kimeno_szamla/${month}`,
    `kimeno_szamla/${previous}`,
    `raktari_mozgas/${month}`,
    `raktari_mozgas/${previous}`,
  ];
}

/** Brings every hot partition up to date for real (a fresh partition is skipped at the claim). */
async function syncHotPartitions() {
  for (const key of hotKeys()) {
    const [entity, partition] = key.split("/") as [Entity, string];
    const outcome = await syncPartition(h.deps(), { entity, partition, trigger: "manual" });
    expect(["synced", "skipped"]).toContain(outcome.status);
  }
}

const ttlOf = async () => {
  const { rows } = await h.database.pool.query<{ entity: Entity; ttl_seconds: number; closed_month_ttl_seconds: number | null }>(
    "select entity, ttl_seconds, closed_month_ttl_seconds from entity_config",
  );
  return new Map(rows.map((row) => [row.entity, row]));
};

describe("cron-refresh (Inngest function)", () => {
  let ttl: Awaited<ReturnType<typeof ttlOf>>;
  beforeAll(async () => {
    ttl = await ttlOf();
  });

  it("on an empty cache requests every hot partition – both snapshots, current and previous month – as cron jobs", async () => {
    const { result, jobs, keys } = await tick();

    expect([...keys].sort()).toEqual([...hotKeys()].sort());
    expect([...result.hot].sort()).toEqual([...hotKeys()].sort());
    expect(result.closed).toEqual([]);
    for (const job of jobs) {
      // Not forced (a TTL request), tagged cron, with the hot TTL as its dedupe window.
      expect(job).toMatchObject({ trigger: "cron", force: false, ttlSeconds: ttl.get(job.entity)!.ttl_seconds });
      expect(job.hydrationId).toBeUndefined();
    }
  });

  it("requests nothing once the hot partitions are fresh and no closed month has expired", async () => {
    await syncHotPartitions();
    const { result, jobs } = await tick();
    expect(jobs).toEqual([]);
    expect(result).toEqual({ hot: [], closed: [] });
  });

  it("re-checks at most 2 expired closed months per entity and tick, the longest unchecked first", async () => {
    await syncHotPartitions();
    // Closed months synced for real, then aged: expired ones (closed-month TTL is 7 days) at
    // different ages, plus one recent that must be left alone.
    const ages: Record<"kimeno_szamla" | "raktari_mozgas", Record<string, string | null>> = {
      kimeno_szamla: { "2024-01": "9 days", "2024-02": "12 days", "2024-03": "8 days", "2024-04": null },
      raktari_mozgas: { "2024-01": "8 days", "2024-02": "10 days", "2024-03": "11 days", "2024-04": "1 day" },
    };
    for (const [entity, months] of Object.entries(ages) as Array<[Entity, Record<string, string | null>]>) {
      for (const [month, age] of Object.entries(months)) {
        expect((await syncPartition(h.deps(), { entity, partition: month, trigger: "manual" })).status).toBe("synced");
        if (age) {
          await h.database.pool.query(
            "update sync_metadata set last_synced_at = now() - $3::interval where entity = $1 and partition = $2",
            [entity, month, age],
          );
        }
      }
    }

    const { result, jobs, keys } = await tick();
    // Hot partitions are fresh: none of them is asked for.
    expect(result.hot).toEqual([]);
    expect(keys.filter((key) => hotKeys().includes(key))).toEqual([]);
    // Two per entity, oldest sync first; the third expired month waits for a later tick.
    expect(keys).toEqual(["kimeno_szamla/2024-02", "kimeno_szamla/2024-01", "raktari_mozgas/2024-03", "raktari_mozgas/2024-02"]);
    expect(result.closed).toEqual(keys);
    for (const job of jobs) {
      expect(job).toMatchObject({ trigger: "cron", force: false, ttlSeconds: ttl.get(job.entity)!.closed_month_ttl_seconds });
    }
  });
});
