import { getDb, type DbHandle } from "@/lib/db";
import { EnvError } from "@/lib/env";
import { getTharanisClient, type TharanisClient } from "@/lib/tharanis";

/** What the CLIs share: the database (DATABASE_URL or embedded) and the ERP client, closed on exit. */
export async function openCliContext(): Promise<{ db: DbHandle; client: TharanisClient; close(): Promise<void> }> {
  const db = await getDb();
  return { db, client: getTharanisClient(), close: () => db.close() };
}

/** Runs a CLI's main, printing a one-line error (not a stack) for bad input or configuration. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const usage = error instanceof EnvError || error instanceof RangeError || error instanceof UsageError;
      console.error(usage ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(usage ? 2 : 1);
    },
  );
}

export class UsageError extends Error {
  constructor(message: string, usage: string) {
    super(`${message}\n\nUsage: ${usage}`);
    this.name = "UsageError";
  }
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

export const integerFormat = new Intl.NumberFormat("hu-HU");
