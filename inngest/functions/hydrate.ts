import type { SyncContext } from "@/lib/sync/context";
import { planHydration } from "@/lib/sync/hydrate";
import { parseMonth } from "@/lib/sync/partitions";
import { syncEventFor } from "@/lib/sync/inngest-dispatcher";
import { inngest } from "../client";
import { hydrateCancelled, hydrateRequested } from "../events";

/** Sync events per step.sendEvent: small enough that a cancel lands between batches. */
export const FAN_OUT_BATCH = 50;

/**
 * A backfill: plans the months (newest first, fresh ones skipped unless
 * forced) and sends one sync event per partition in batches. A cancel event
 * stops the fan-out; sync runs already sent see the cancelled hydration at
 * their claim and skip.
 */
export function createHydrateFunction(getContext: () => Promise<Pick<SyncContext, "pool">>) {
  return inngest.createFunction(
    {
      id: "hydrate",
      name: "Hydrate history month by month",
      triggers: [hydrateRequested],
      cancelOn: [{ event: hydrateCancelled, if: "async.data.hydrationId == event.data.hydrationId" }],
      retries: 3,
    },
    async ({ event, step }) => {
      const { hydrationId, entities, from, to, force } = event.data;
      const jobs = await step.run("plan", async () => {
        const { pool } = await getContext();
        return (await planHydration(pool, { entities, from: parseMonth(from), to: parseMonth(to), force })).jobs;
      });
      for (let start = 0; start < jobs.length; start += FAN_OUT_BATCH) {
        const batch = jobs.slice(start, start + FAN_OUT_BATCH);
        await step.sendEvent(
          `fan-out-${start / FAN_OUT_BATCH}`,
          batch.map((job) => syncEventFor({ ...job, trigger: "hydrate", force, hydrationId, ttlSeconds: 0 })),
        );
      }
      return { hydrationId, planned: jobs.length, batches: Math.ceil(jobs.length / FAN_OUT_BATCH) };
    },
  );
}
