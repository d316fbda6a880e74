import { getDb, redactUrl } from "@/lib/db";
import { EnvError, getEnv } from "@/lib/env";

/**
 * Runs once when a Next.js server process starts (instrumentation.ts): validates
 * the environment, connects to the database (starting the embedded one if
 * needed) and applies pending migrations. Any failure stops the process with a
 * message that names the cause, instead of a broken server that errors on every request.
 */
export async function startServer(): Promise<void> {
  try {
    getEnv();
    const { source, url } = await getDb();
    const where = source === "embedded" ? `embedded Postgres (${getEnv().EMBEDDED_PG_DIR})` : redactUrl(url);
    console.log(`[startup] database: ${where}`);
  } catch (error) {
    const message = error instanceof EnvError || error instanceof Error ? error.message : String(error);
    console.error(`[startup] cannot start: ${message}`);
    process.exit(1);
  }
}
