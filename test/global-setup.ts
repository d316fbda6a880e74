import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { redactUrl } from "@/lib/db";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { freePort } from "./free-port";

declare module "vitest" {
  export interface ProvidedContext {
    /** A server where each test file may create (and drop) its own database. */
    databaseServerUrl: string;
    databaseSource: "DATABASE_URL" | "embedded";
  }
}

/**
 * One Postgres server for the whole run: DATABASE_URL when set, else an
 * embedded server in a throw-away folder. Test files never share a database
 * (see test/database.ts).
 */
export default async function setup(project: TestProject) {
  const fromEnv = process.env.DATABASE_URL?.trim();
  if (fromEnv) {
    project.provide("databaseServerUrl", fromEnv);
    project.provide("databaseSource", "DATABASE_URL");
    console.log(`[test] Postgres from DATABASE_URL: ${redactUrl(fromEnv)}`);
    return;
  }

  const folder = await mkdtemp(path.join(tmpdir(), "erp-cache-test-"));
  await chmod(folder, 0o755); // the server may run as user postgres
  const port = await freePort();
  const server = await startEmbeddedPostgres({
    dataDir: path.join(folder, "pg"),
    port,
    ephemeral: true,
    // Durability is pointless for a throw-away cluster; the lock test needs 200+ connections.
    settings: { max_connections: "300", fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
  });
  project.provide("databaseServerUrl", server.url);
  project.provide("databaseSource", "embedded");
  console.log(`[test] embedded Postgres on port ${port}`);

  return async () => {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  };
}
