import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Entity } from "@/lib/db";
import { INNGEST_PRIORITY } from "@/lib/sync/inngest-dispatcher";
import { addMonths, monthRange, type Month } from "@/lib/sync/partitions";
import { syncPartition } from "@/lib/sync/sync-partition";
import { setupSyncHarness } from "@/test/sync-harness";
import { createHydrateFunction, FAN_OUT_BATCH } from "./hydrate";

// Real Postgres (the plan reads freshness from sync_metadata); the fresh months are
// synced from the simulator for real. Only step.sendEvent is mocked: it would send to
// Inngest's event API, which cannot run here.
const h = setupSyncHarness();
const hydrateFunction = createHydrateFunction(() => Promise.resolve({ pool: h.database.pool }));

const ENTITIES: Entity[] = ["kimeno_szamla", "raktari_mozgas"];
// Synced in beforeAll: fresh (closed months, 7-day TTL), so left out unless forced.
const FRESH = ["kimeno_szamla/2024-03", "raktari_mozgas/2024-05"];

interface SentEvent {
  id?: string;
  name: string;
  data: { entity: Entity; partition: string; trigger: string; force: boolean; priority: number; hydrationId?: string };
  validate(): Promise<void>;
}

async function hydrate(params: { from: Month; to: Month; force: boolean }) {
  const hydrationId = randomUUID();
  const engine = new InngestTestEngine({ function: hydrateFunction });
  const output = await engine.execute({
    events: [{ name: "erp/hydrate.requested", data: { hydrationId, entities: ENTITIES, ...params } }],
    // More batch mocks than any test needs; a batch the function does not send is never used.
    steps: Array.from({ length: 4 }, (_, batch) => ({ id: `fan-out-${batch}`, handler: () => ({ ids: [] }) })),
  });
  expect(output.error).toBeUndefined();
  const runs = (output.ctx.step.run.mock.calls as unknown[][]).map((call) => call[0]);
  const batches = output.ctx.step.sendEvent.mock.calls as Array<[string, SentEvent[]]>;
  return { hydrationId, result: output.result, runs, batches, events: batches.flatMap(([, events]) => events), sendEvent: output.ctx.step.sendEvent };
}

/** entity/partition of every partition in the range, newest month first (entities in the order given), minus `skip`. */
function expectedOrder(from: Month, to: Month, skip: string[] = []): string[] {
  return monthRange(from, to)
    .reverse()
    .flatMap((month) => ENTITIES.map((entity) => `${entity}/${month}`))
    .filter((key) => !skip.includes(key));
}

const keyOf = (event: SentEvent) => `${event.data.entity}/${event.data.partition}`;

describe("hydrate (Inngest function)", () => {
  beforeAll(async () => {
    for (const key of FRESH) {
      const [entity, partition] = key.split("/") as [Entity, string];
      expect((await syncPartition(h.deps(), { entity, partition, trigger: "manual" })).status).toBe("synced");
    }
  });

  it("plans the range for real and fans out one sync event per stale partition, newest first, without the fresh months", async () => {
    const { hydrationId, result, runs, batches, events, sendEvent } = await hydrate({ from: "2024-01", to: "2024-06", force: false });

    expect(runs).toEqual(["plan"]);
    expect(batches.map(([id]) => id)).toEqual(["fan-out-0"]);
    expect(events.map(keyOf)).toEqual(expectedOrder("2024-01", "2024-06", FRESH));
    expect(sendEvent).toHaveBeenCalledWith(
      "fan-out-0",
      events.map((event) =>
        expect.objectContaining({
          name: "erp/sync.requested",
          // The event id is the dedupe key: each partition once per hydration.
          id: `hydrate:${hydrationId}:${event.data.entity}:${event.data.partition}`,
          data: {
            entity: event.data.entity,
            partition: event.data.partition,
            trigger: "hydrate",
            force: false,
            // Hydration yields to reads and the cron.
            priority: Math.min(...Object.values(INNGEST_PRIORITY)),
            hydrationId,
          },
        }),
      ),
    );
    // Every event passes the erp/sync.requested schema the sync function is triggered by.
    await Promise.all(events.map((event) => event.validate()));
    expect(result).toEqual({ hydrationId, planned: 10, batches: 1 });
  });

  it("with force includes the fresh months and marks every event forced", async () => {
    const { hydrationId, result, events } = await hydrate({ from: "2024-01", to: "2024-06", force: true });

    expect(events.map(keyOf)).toEqual(expectedOrder("2024-01", "2024-06"));
    expect(events.filter((event) => FRESH.includes(keyOf(event)))).toHaveLength(FRESH.length);
    for (const event of events) {
      expect(event).toMatchObject({ id: `hydrate:${hydrationId}:${keyOf(event).replace("/", ":")}`, data: { trigger: "hydrate", force: true, hydrationId } });
    }
    await Promise.all(events.map((event) => event.validate()));
    expect(result).toEqual({ hydrationId, planned: 12, batches: 1 });
  });

  it(`sends a long range in batches of ${FAN_OUT_BATCH}, in order, each partition once`, async () => {
    // 30 months × 2 entities − 2 fresh = 58 events: one full batch and a rest.
    const from = addMonths("2024-06", -29);
    const { hydrationId, result, batches, events } = await hydrate({ from, to: "2024-06", force: false });

    const expected = expectedOrder(from, "2024-06", FRESH);
    expect(expected.length).toBeGreaterThan(FAN_OUT_BATCH);
    expect(batches.map(([id, batch]) => [id, batch.length])).toEqual([
      ["fan-out-0", FAN_OUT_BATCH],
      ["fan-out-1", expected.length - FAN_OUT_BATCH],
    ]);
    expect(events.map(keyOf)).toEqual(expected);
    expect(new Set(events.map((event) => event.id)).size).toBe(expected.length);
    expect(result).toEqual({ hydrationId, planned: expected.length, batches: 2 });
  });
});
