import { ensureFirstAdmin } from "@/lib/auth/first-admin";
import { getAuth } from "@/lib/auth/instance";
import { getDb, redactUrl } from "@/lib/db";
import { EnvError, getEnv, jobsMode, requireProductionSettings } from "@/lib/env";
import { getSyncContext } from "@/lib/sync/context";
import { startInlineCron } from "@/lib/sync/inline-cron";

/**
 * Runs once when a Next.js server process starts (instrumentation.ts): validates
 * the environment, connects to the database (starting the embedded one if
 * needed), applies pending migrations and makes sure a first admin exists
 * (lib/auth/first-admin.ts). Any failure stops the process with a
 * message that names the cause, instead of a broken server that errors on every request.
 */
export async function startServer(): Promise<void> {
  try {
    requireProductionSettings(getEnv());
    const { source, url, pool } = await getDb();
    const where = source === "embedded" ? `embedded Postgres (${getEnv().EMBEDDED_PG_DIR})` : redactUrl(url);
    console.log(`[startup] database: ${where}`);
    await ensureFirstAdmin({ auth: await getAuth(), pool, env: getEnv() });
    const mode = jobsMode();
    if (mode === "inline") {
      await getSyncContext();
      if (getEnv().SYNC_CRON) startInlineCron(getSyncContext);
    }
    console.log(
      `[startup] jobs: ${mode === "inngest" ? "Inngest (functions served at /api/inngest)" : `inline queue (ERP_MAX_CONCURRENCY=${getEnv().ERP_MAX_CONCURRENCY})${getEnv().SYNC_CRON ? " + in-process cron" : ""}`}`,
    );
  } catch (error) {
    const message = error instanceof EnvError || error instanceof Error ? error.message : String(error);
    console.error(`[startup] cannot start: ${message}`);
    process.exit(1);
  }
}
