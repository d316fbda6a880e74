// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database).
import { getDb, redactUrl } from "@/lib/db";
import { EnvError, getEnv } from "@/lib/env";
import { runMigrations } from "@/lib/db/migrate";

async function main() {
  process.env.DB_MIGRATE_ON_START = "false"; // migrate explicitly below, with our own messages
  const env = getEnv();
  const handle = await getDb();
  try {
    const started = performance.now();
    await runMigrations(handle.url);
    const target = env.DATABASE_URL ? redactUrl(handle.url) : `embedded Postgres (${env.EMBEDDED_PG_DIR})`;
    console.log(`Migrations applied to ${target} in ${Math.round(performance.now() - started)} ms.`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
