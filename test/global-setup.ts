import type { TestProject } from "vitest/node";
import { redactUrl } from "@/lib/db";
import { startScratchServer } from "@/lib/db/scratch";

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
  const server = await startScratchServer();
  project.provide("databaseServerUrl", server.url);
  project.provide("databaseSource", server.source);
  console.log(`[test] Postgres: ${server.source === "embedded" ? `embedded, ${redactUrl(server.url)}` : `DATABASE_URL ${redactUrl(server.url)}`}`);
  return () => server.stop();
}
