// A second app process for the single-flight test: same database, same ERP,
// its own inline queue. Waits for "go" on stdin, fires its share of requests,
// waits until its queue is idle, prints what it did as JSON.
import pg from "pg";
import { createTharanisClient, SIMULATOR_DEFAULTS } from "@/lib/tharanis";
import { createInlineContext } from "@/lib/sync/context";
import { requestSync } from "@/lib/sync/request-sync";
import { inlineStepRunner } from "@/lib/sync/steps";

const [databaseUrl, simulatorUrl, entity, partition, count] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const client = createTharanisClient({ url: simulatorUrl!, credentials: SIMULATOR_DEFAULTS, timeoutMs: 30_000, maxResponseBytes: 2e7 });
const context = createInlineContext({ pool, client, concurrency: 4, deps: { step: inlineStepRunner({ retries: 0, backoffMs: 0 }) } });

process.stdout.write("ready\n");
process.stdin.once("data", async () => {
  const results = await Promise.all(
    Array.from({ length: Number(count) }, () => requestSync(context, entity as "kimeno_szamla", [partition!], "read")),
  );
  await context.queue.idle();
  process.stdout.write(`${JSON.stringify({ dispatched: results.filter((r) => r.dispatched.length).length })}\n`);
  await pool.end();
  process.exit(0);
});
