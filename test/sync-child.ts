// Runs one syncPartition in a process of its own, so a test can SIGKILL it mid-run.
import pg from "pg";
import { createTharanisClient, SIMULATOR_DEFAULTS } from "@/lib/tharanis";
import { syncPartition } from "@/lib/sync/sync-partition";
import { inlineStepRunner } from "@/lib/sync/steps";

const [databaseUrl, simulatorUrl, entity, partition] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const client = createTharanisClient({ url: simulatorUrl!, credentials: SIMULATOR_DEFAULTS, timeoutMs: 60_000, maxResponseBytes: 2e7 });
const outcome = await syncPartition(
  { pool, client, step: inlineStepRunner({ retries: 0, backoffMs: 0 }) },
  { entity: entity as "kimeno_szamla", partition: partition!, trigger: "manual" },
);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await pool.end();
