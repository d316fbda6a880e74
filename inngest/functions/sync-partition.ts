import { NonRetriableError } from "inngest";
import { getEnv } from "@/lib/env";
import type { SyncContext } from "@/lib/sync/context";
import { inngestStepRunner } from "@/lib/sync/inngest-steps";
import { syncPartition } from "@/lib/sync/sync-partition";
import { inngest } from "../client";
import { syncRequested } from "../events";

/**
 * One partition from the ERP into the cache. One run per partition at a time;
 * at most ERP_MAX_CONCURRENCY steps (= ERP calls) across all runs of the
 * environment; reads jump the queue (priority from the event). Each page and
 * its upsert is a step, retried on its own with back-off.
 */
export function createSyncPartitionFunction(getContext: () => Promise<Pick<SyncContext, "pool" | "client">>) {
  return inngest.createFunction(
    {
      id: "sync-partition",
      name: "Sync one partition from the ERP",
      triggers: [syncRequested],
      concurrency: [
        { limit: 1, key: 'event.data.entity + "/" + event.data.partition' },
        { limit: getEnv().ERP_MAX_CONCURRENCY, key: '"tharanis-erp"', scope: "env" },
      ],
      priority: { run: "event.data.priority" },
      retries: 3,
    },
    async ({ event, step }) => {
      const { pool, client } = await getContext();
      const { entity, partition, trigger, force, hydrationId } = event.data;
      const outcome = await syncPartition(
        { pool, client, step: inngestStepRunner(step) },
        { entity, partition, trigger, force, ...(hydrationId ? { hydrationId } : {}) },
      );
      // The lock is already released with the error; fail the run visibly, without re-running it.
      if (outcome.status === "failed") throw new NonRetriableError(outcome.error);
      return outcome;
    },
  );
}
