import { getSyncContext } from "@/lib/sync/context";
import { createCronRefreshFunction } from "./functions/cron-refresh";
import { createHydrateFunction } from "./functions/hydrate";
import { createSyncPartitionFunction } from "./functions/sync-partition";

/** Every function this app serves at /api/inngest. */
export const functions = [
  createSyncPartitionFunction(getSyncContext),
  createCronRefreshFunction(getSyncContext),
  createHydrateFunction(getSyncContext),
];
