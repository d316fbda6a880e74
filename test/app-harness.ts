import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { closeSyncContext, getSyncContext } from "@/lib/sync/context";
import { SIMULATOR_DEFAULTS } from "@/lib/tharanis";
import { setupSyncHarness, type SyncHarness } from "./sync-harness";

export interface AppHarness extends SyncHarness {
  /** Waits until every sync the app asked for (after responses) has finished. */
  settle(): Promise<void>;
  /** GET a route handler in-process: `call(GET, "/api/sales?from=…")`. */
  // The body is whatever JSON the route answered; each test asserts on its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(handler: (request: Request) => Promise<Response> | Response, path: string): Promise<{ status: number; body: any }>;
}

/**
 * The app's own read layer and route handlers, in-process, on this file's
 * database and the simulator: the environment points the app there (inline
 * mode, no cron), and everything process-wide is closed afterwards.
 */
export function setupAppHarness(options: Parameters<typeof setupSyncHarness>[0] = {}): AppHarness {
  const harness = setupSyncHarness(options) as AppHarness;
  beforeAll(() => {
    Object.assign(process.env, {
      DATABASE_URL: harness.database.url,
      THARANIS_API_URL: harness.simulator.url,
      THARANIS_UGYFELKOD: SIMULATOR_DEFAULTS.ugyfelkod,
      THARANIS_CEGKOD: SIMULATOR_DEFAULTS.cegkod,
      THARANIS_API_KEY: SIMULATOR_DEFAULTS.apiKey,
      SYNC_CRON: "false",
      SYNC_PAGE_RETRIES: "0",
      DB_MIGRATE_ON_START: "false",
    });
    delete process.env.INNGEST_DEV;
    delete process.env.INNGEST_EVENT_KEY;
    resetEnvCache();
    harness.settle = async () => {
      // after() runs the revalidation in the background: give it a moment to enqueue.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await (await getSyncContext()).queue?.idle();
    };
    harness.call = async (handler, path) => {
      const response = await handler(new Request(`http://localhost${path}`));
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body };
    };
  });
  afterAll(async () => {
    await closeSyncContext();
    await closeDb();
  });
  return harness;
}
