import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle", "migrations");

// Any fixed 64-bit number; it only has to be the same in every process of this app.
const MIGRATION_LOCK_KEY = 7_354_202_406;

/**
 * Applies pending migrations. Several processes starting at once (app
 * instances, a CLI, test workers on one database) serialise on an advisory
 * lock, so each migration runs exactly once.
 */
export async function runMigrations(databaseUrl: string, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
