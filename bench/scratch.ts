import pg from "pg";
import { createScratchDatabase, startScratchServer } from "@/lib/db/scratch";

/** A migrated database of its own for one benchmark: on DATABASE_URL's server, or an embedded one. */
export async function openBenchDatabase(): Promise<{ url: string; pool: pg.Pool; source: string; close(): Promise<void> }> {
  const server = await startScratchServer();
  const database = await createScratchDatabase(server.url, "erp_cache_bench");
  const pool = new pg.Pool({ connectionString: database.url, max: 20 });
  return {
    url: database.url,
    pool,
    source: server.source,
    async close() {
      await pool.end();
      await database.drop();
      await server.stop();
    },
  };
}
