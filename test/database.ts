import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabase, createPool, type Database } from "@/lib/db";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/db/scratch";

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
  let scratch: ScratchDatabase | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase(inject("databaseServerUrl"));
    const pool = createPool(scratch.url, options.poolSize ?? 5);
    const url = scratch.url;
    Object.assign(handle, {
      name: scratch.name,
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
    await handle.pool?.end();
    await scratch?.drop();
  });

  return handle;
}
