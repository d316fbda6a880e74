import type { SyncContext } from "@/lib/sync/context";
import { CRON_SCHEDULE, CRON_TIME_ZONE, runCronRefresh } from "@/lib/sync/cron";
import { inngest } from "../client";

/** Every 5 minutes (Budapest time): stale hot partitions, and a slow rotation of closed months. */
export function createCronRefreshFunction(getContext: () => Promise<Pick<SyncContext, "pool" | "dispatcher">>) {
  return inngest.createFunction(
    {
      id: "cron-refresh",
      name: "Refresh stale partitions",
      triggers: [{ cron: `TZ=${CRON_TIME_ZONE} ${CRON_SCHEDULE}` }],
      singleton: { mode: "skip" },
      retries: 1,
    },
    async ({ step }) => step.run("request-stale-partitions", async () => runCronRefresh(await getContext())),
  );
}
