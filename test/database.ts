import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabase, createPool, type Database } from "@/lib/db";
import { runMigrations } from "@/lib/db/migrate";

export interface TestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  db: Database;
  /** A new connection of its own (LISTEN, lock races); the caller ends it. */
  connect(): Promise<pg.Client>;
}

/**
 * Gives the calling test file a fresh, fully migrated database of its own,
 * dropped after the file's tests. Runs never collide, in parallel or not.
 */
export function setupTestDatabase(options: { poolSize?: number } = {}): TestDatabase {
  const handle = {} as TestDatabase;
  const serverUrl = inject("databaseServerUrl");

  beforeAll(async () => {
    const name = `erp_cache_test_${randomBytes(6).toString("hex")}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const url = withDatabase(serverUrl, name);
    await runMigrations(url);
    const pool = createPool(url, options.poolSize ?? 5);
    Object.assign(handle, {
      name,
      url,
      pool,
      db: createDatabase(pool),
      async connect() {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return client;
      },
    } satisfies TestDatabase);
  });

  afterAll(async () => {
    if (!handle.name) return;
    await handle.pool.end();
    await adminQuery(serverUrl, `drop database if exists ${handle.name} with (force)`);
  });

  return handle;
}

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
