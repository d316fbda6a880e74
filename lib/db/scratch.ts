import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded";
import { runMigrations } from "./migrate";

/**
 * Throw-away Postgres for tests and benchmarks: a server (the one of
 * DATABASE_URL, or an embedded one in a temporary folder) and migrated
 * databases on it that are dropped afterwards.
 */

export interface ScratchServer {
  url: string;
  source: "DATABASE_URL" | "embedded";
  stop(): Promise<void>;
}

export async function startScratchServer(databaseUrl = process.env.DATABASE_URL?.trim()): Promise<ScratchServer> {
  if (databaseUrl) return { url: databaseUrl, source: "DATABASE_URL", stop: async () => {} };
  const folder = await mkdtemp(path.join(tmpdir(), "erp-cache-test-"));
  await chmod(folder, 0o755); // the server may run as user postgres
  const server = await startEmbeddedPostgres({
    dataDir: path.join(folder, "pg"),
    port: await freePort(),
    ephemeral: true,
    // Durability is pointless for a throw-away cluster; the lock test needs 200+ connections.
    settings: { max_connections: "300", fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
  });
  return {
    url: server.url,
    source: "embedded",
    async stop() {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, fully migrated database on the server of `serverUrl`. */
export async function createScratchDatabase(serverUrl: string, prefix = "erp_cache_test"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  return { name, url, drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`) };
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

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
