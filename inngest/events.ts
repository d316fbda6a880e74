import { eventType } from "inngest";
import { z } from "zod";
import { ENTITIES, SYNC_TRIGGERS } from "@/drizzle/schema";

const entity = z.enum(ENTITIES);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** One partition to sync. `id` of the event is the dedupe key (see lib/sync/inngest-dispatcher.ts). */
export const syncRequested = eventType("erp/sync.requested", {
  schema: z.object({
    entity,
    partition: z.union([month, z.literal("all")]),
    trigger: z.enum(SYNC_TRIGGERS),
    force: z.boolean(),
    /** Seconds ahead of older queued runs (Inngest priority, -600..600): reads first, hydration last. */
    priority: z.number().int().min(-600).max(600),
    hydrationId: z.string().uuid().optional(),
  }),
});

/** Backfill: one sync event per month of the range, newest first. */
export const hydrateRequested = eventType("erp/hydrate.requested", {
  schema: z.object({
    hydrationId: z.string().uuid(),
    entities: z.array(entity).min(1),
    from: month,
    to: month,
    force: z.boolean(),
  }),
});

/** Stops a hydration: its fan-out and its queued sync runs (cancelOn). */
export const hydrateCancelled = eventType("erp/hydrate.cancelled", {
  schema: z.object({ hydrationId: z.string().uuid() }),
});

export type SyncRequestedData = z.infer<(typeof syncRequested)["schema"]>;
