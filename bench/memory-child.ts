// Syncs one month in a process of its own and reports the process's peak RSS.
import pg from "pg";
import { syncPartition } from "@/lib/sync/sync-partition";
import { inlineStepRunner } from "@/lib/sync/steps";
import { createTharanisClient, SIMULATOR_DEFAULTS } from "@/lib/tharanis";

const [databaseUrl, simulatorUrl, month] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const client = createTharanisClient({ url: simulatorUrl!, credentials: SIMULATOR_DEFAULTS, timeoutMs: 120_000, maxResponseBytes: 20 * 1_048_576 });
const started = performance.now();
const outcome = await syncPartition({ pool, client, step: inlineStepRunner({ retries: 1, backoffMs: 200 }) }, { entity: "kimeno_szamla", partition: month!, trigger: "manual", force: true });
await pool.end();
process.stdout.write(
  `${JSON.stringify({ outcome: outcome.status, records: outcome.status === "synced" ? outcome.records : 0, pages: outcome.status === "synced" ? outcome.pages : 0, seconds: (performance.now() - started) / 1000, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
