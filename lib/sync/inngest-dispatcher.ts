import type { SyncTrigger } from "@/lib/db";
// The one edge from lib/ up to inngest/: requestSync must be able to send events,
// and client.ts and events.ts import nothing back from lib/sync.
import { inngest } from "@/inngest/client";
import { hydrateCancelled, hydrateRequested, syncRequested } from "@/inngest/events";
import type { SyncJob } from "./inline-queue";
import type { SyncDispatcher } from "./request-sync";

/** Inngest priority: seconds ahead of runs queued earlier (reads first, hydration last). */
export const INNGEST_PRIORITY: Record<SyncTrigger, number> = { read: 600, manual: 600, cron: 300, hydrate: 0 };

// Forced requests dedupe only against double clicks.
const FORCE_WINDOW_SECONDS = 10;

/**
 * The event id is the dedupe key: Inngest drops a second event with the same
 * id. Within one TTL window a partition is requested once however many users
 * ask; a hydration requests each of its partitions once.
 */
export function syncEventId(job: SyncJob, now = Date.now()): string {
  if (job.hydrationId) return `hydrate:${job.hydrationId}:${job.entity}:${job.partition}`;
  if (job.force) return `force:${job.entity}:${job.partition}:${Math.floor(now / (FORCE_WINDOW_SECONDS * 1000))}`;
  const window = Math.floor(now / (Math.max(1, job.ttlSeconds) * 1000));
  return `sync:${job.entity}:${job.partition}:${job.ttlSeconds}:${window}`;
}

export function syncEventFor(job: SyncJob, now = Date.now()) {
  return syncRequested.create(
    {
      entity: job.entity,
      partition: job.partition,
      trigger: job.trigger,
      force: job.force,
      priority: INNGEST_PRIORITY[job.trigger],
      ...(job.hydrationId ? { hydrationId: job.hydrationId } : {}),
    },
    { id: syncEventId(job, now) },
  );
}

export function createInngestDispatcher(): SyncDispatcher {
  return {
    mode: "inngest",
    async dispatch(jobs) {
      const now = Date.now();
      await inngest.send(jobs.map((job) => syncEventFor(job, now)));
    },
    async hydrate({ hydrationId, entities, from, to, force }) {
      await inngest.send(hydrateRequested.create({ hydrationId, entities, from, to, force }, { id: `hydrate:${hydrationId}` }));
    },
    async cancelHydration(hydrationId) {
      await inngest.send(hydrateCancelled.create({ hydrationId }));
    },
  };
}
