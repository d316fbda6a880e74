import { Cron } from "croner";
import { CRON_SCHEDULE, CRON_TIME_ZONE, runCronRefresh } from "./cron";
import type { SyncContext } from "./context";

const GLOBAL_KEY = Symbol.for("erp-cache.inline-cron");
type GlobalWithCron = typeof globalThis & { [GLOBAL_KEY]?: Cron };

/**
 * Inline mode's stand-in for the Inngest cron function: the same refresh on the
 * same schedule, inside the app process. Overlapping ticks are skipped; a
 * failing tick is logged and the next one runs as usual.
 */
export function startInlineCron(getContext: () => Promise<SyncContext>): Cron {
  const holder = globalThis as GlobalWithCron;
  holder[GLOBAL_KEY] ??= new Cron(
    CRON_SCHEDULE,
    {
      name: "cron-refresh",
      timezone: CRON_TIME_ZONE,
      protect: true,
      catch: (error: unknown) => console.error(`[cron] refresh failed: ${error instanceof Error ? error.message : String(error)}`),
    },
    async () => {
      const result = await runCronRefresh(await getContext());
      if (result.hot.length || result.closed.length) {
        console.log(`[cron] requested ${result.hot.length} hot and ${result.closed.length} closed partition(s)`);
      }
    },
  );
  return holder[GLOBAL_KEY];
}
