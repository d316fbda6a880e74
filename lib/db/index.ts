import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "@/drizzle/schema";
import { getEnv } from "@/lib/env";
import { startEmbeddedPostgres } from "./embedded";
import { runMigrations } from "./migrate";

export * from "@/drizzle/schema";
export { schema };

export type Database = NodePgDatabase<typeof schema>;

// Calendar dates stay 'YYYY-MM-DD' strings: pg would turn them into local-midnight Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface DbHandle {
  db: Database;
  pool: pg.Pool;
  /** Connection URL (contains a password: never log it). */
  url: string;
  source: "DATABASE_URL" | "embedded";
  close(): Promise<void>;
}

export function createDatabase(pool: pg.Pool): Database {
  return drizzle(pool, { schema });
}

export function createPool(url: string, max = getEnv().DATABASE_POOL_MAX): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", (error) => console.error(`[db] idle connection error: ${error.message}`));
  return pool;
}

const EMBEDDED_DATABASE = "erp_cache";
// Next.js may evaluate this module in several bundles; one process gets one pool.
const GLOBAL_KEY = Symbol.for("erp-cache.db");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DbHandle> };

/**
 * The process-wide database: DATABASE_URL when set, otherwise the embedded
 * server (started on first use). Pending migrations are applied on start in
 * development and with the embedded server; production runs `npm run db:migrate`.
 */
export function getDb(): Promise<DbHandle> {
  const holder = globalThis as GlobalWithDb;
  holder[GLOBAL_KEY] ??= connect().catch((error: unknown) => {
    delete holder[GLOBAL_KEY];
    throw error;
  });
  return holder[GLOBAL_KEY];
}

/** Closes the process-wide database, if open (graceful shutdown, tests). */
export async function closeDb(): Promise<void> {
  const pending = (globalThis as GlobalWithDb)[GLOBAL_KEY];
  if (!pending) return;
  const handle = await pending.catch(() => undefined);
  await handle?.close();
  delete (globalThis as GlobalWithDb)[GLOBAL_KEY];
}

async function connect(): Promise<DbHandle> {
  const env = getEnv();
  let url = env.DATABASE_URL;
  let stopEmbedded = async () => {};
  if (!url) {
    const server = await startEmbeddedPostgres({ dataDir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT });
    url = await ensureDatabase(server.url, EMBEDDED_DATABASE);
    if (server.owned) stopEmbedded = server.stop;
  }
  const migrateOnStart = env.DB_MIGRATE_ON_START ?? (!env.DATABASE_URL || env.NODE_ENV !== "production");
  if (migrateOnStart) await runMigrations(url);

  const pool = createPool(url);
  return {
    db: createDatabase(pool),
    pool,
    url,
    source: env.DATABASE_URL ? "DATABASE_URL" : "embedded",
    async close() {
      await pool.end();
      await stopEmbedded();
      delete (globalThis as GlobalWithDb)[GLOBAL_KEY];
    },
  };
}

/** Creates `name` on the server of `serverUrl` if missing; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) {
      await client.query(`create database ${client.escapeIdentifier(name)}`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A URL safe to print: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}
