// npm run hydrate -- [--from 2016-06] [--to YYYY-MM] [--entities a,b] [--concurrency N] [--force]
// Backfills history in this process (no app needed), resuming an interrupted run with the same arguments.
import { parseArgs } from "node:util";
import type pg from "pg";
import { ENTITIES, type Entity } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { hydrationDefaults, hydrationProgress, planHydration, recordHydration, validateHydrationParams, type HydrationParams, type PlannedJob } from "@/lib/sync/hydrate";
import { ErpGate, gatedClient } from "@/lib/sync/erp-gate";
import { syncPartition, type SyncOutcome } from "@/lib/sync/sync-partition";
import type { TharanisClient } from "@/lib/tharanis";
import { formatDuration, integerFormat, openCliContext, runCli, UsageError } from "./cli-context";

const USAGE = "npm run hydrate -- [--from 2016-06] [--to YYYY-MM] [--entities kimeno_szamla,raktari_mozgas,keszlet,cikk] [--concurrency N] [--force]";

runCli(async () => {
  const { values } = parseArgs({
    options: {
      from: { type: "string" },
      to: { type: "string" },
      entities: { type: "string" },
      concurrency: { type: "string" },
      force: { type: "boolean", default: false },
    },
    strict: true,
  });
  const defaults = hydrationDefaults(new Date());
  const entities = (values.entities ?? ENTITIES.join(",")).split(",").map((e) => e.trim()).filter(Boolean) as Entity[];
  const unknown = entities.filter((e) => !ENTITIES.includes(e));
  if (unknown.length) throw new UsageError(`unknown entities: ${unknown.join(", ")} (known: ${ENTITIES.join(", ")})`, USAGE);
  const concurrency = Number(values.concurrency ?? getEnv().ERP_MAX_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError("--concurrency must be 1..64", USAGE);
  const params = validateHydrationParams(
    { entities, from: (values.from ?? defaults.from) as HydrationParams["from"], to: (values.to ?? defaults.to) as HydrationParams["to"], force: values.force },
    new Date(),
  );

  const { db, client, close } = await openCliContext();
  const interrupt = handleInterrupts();
  try {
    return await hydrate(db.pool, client, params, concurrency, interrupt);
  } finally {
    await close();
  }
});

interface Interrupt {
  /** Set on the first Ctrl-C (or SIGTERM): take no new partitions, finish the ones under way. */
  stopping: boolean;
  /** Aborted on the second: give up the partitions under way too (their locks are released with the error). */
  abort: AbortSignal;
}

/**
 * Our own signal handling replaces any exit hook (the embedded Postgres package
 * installs one that exits at once), so interrupted runs release their locks
 * and the embedded server is stopped by close().
 */
function handleInterrupts(): Interrupt {
  const abort = new AbortController();
  const interrupt: Interrupt = { stopping: false, abort: abort.signal };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (!interrupt.stopping) {
        interrupt.stopping = true;
        process.stderr.write("\nInterrupted: finishing the partitions under way (press Ctrl-C again to abandon them); run the same command again to resume.\n");
      } else {
        abort.abort(new Error("interrupted twice"));
      }
    });
  }
  return interrupt;
}

async function hydrate(pool: pg.Pool, client: TharanisClient, params: HydrationParams, concurrency: number, interrupt: Interrupt): Promise<number> {
  const resumed = await findUnfinished(pool, params);
  let jobs: PlannedJob[];
  let hydrationId: string;
  if (resumed) {
    hydrationId = resumed.id;
    jobs = await remainingOf(pool, params, resumed.startedAt);
    console.log(`Resuming hydration ${hydrationId} (started ${resumed.startedAt.toISOString()}): ${jobs.length} partition(s) left.`);
  } else {
    const plan = await planHydration(pool, params);
    jobs = plan.jobs;
    hydrationId = await recordHydration(pool, params, "cli", jobs.length);
    console.log(`Hydrating ${params.entities.join(", ")} ${params.from} → ${params.to}: ${jobs.length} partition(s), ${plan.skippedFresh} already fresh; concurrency ${concurrency}.`);
  }

  // Pauses before the retry rounds of failed partitions (the ERP or the network may recover).
  const retryPauses = getEnv().HYDRATE_RETRY_PAUSES_MS;
  const progress = new Progress(jobs.length);
  let pending = jobs;
  for (let round = 0; pending.length > 0 && !interrupt.stopping; round += 1) {
    if (round > 0) {
      const pause = retryPauses[round - 1];
      if (pause === undefined) break;
      progress.note(`retrying ${pending.length} failed partition(s) in ${pause / 1000}s…`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    pending = await runRound(pool, client, pending, { ...params, hydrationId }, concurrency, interrupt, progress);
  }
  progress.finish();

  if (interrupt.stopping) return 130;
  const final = await hydrationProgress(pool, hydrationId);
  if (pending.length === 0) {
    await pool.query("update hydrations set status = 'done', finished_at = now() where id = $1 and status = 'running'", [hydrationId]);
    console.log(`Done: ${progress.summary()}${final ? `; hydration ${final.status}` : ""}.`);
    return 0;
  }
  await pool.query("update hydrations set status = 'failed', finished_at = now(), error = $2 where id = $1", [hydrationId, `${pending.length} partition(s) failed`]);
  console.error(`\n${pending.length} partition(s) still failing after ${retryPauses.length} retry round(s):`);
  for (const failure of progress.failures(pending)) console.error(`  ${failure}`);
  console.error(`Summary: ${progress.summary()}. Fix the cause and run the same command again to resume.`);
  return 1;
}

/**
 * Runs jobs with at most `concurrency` ERP calls at a time (one spare worker
 * keeps every ERP slot busy while another writes its page); returns the jobs
 * that did not end synced or fresh.
 */
async function runRound(
  pool: pg.Pool,
  client: TharanisClient,
  jobs: PlannedJob[],
  hydration: { force: boolean; hydrationId: string },
  concurrency: number,
  interrupt: Interrupt,
  progress: Progress,
): Promise<PlannedJob[]> {
  const failed: PlannedJob[] = [];
  const gated = gatedClient(client, new ErpGate(concurrency), 0);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length && !interrupt.stopping) {
      const job = jobs[next++]!;
      const outcome = await syncPartition(
        { pool, client: gated, signal: interrupt.abort, onPage: (page) => progress.page(page.stored) },
        { ...job, trigger: "hydrate", force: hydration.force, hydrationId: hydration.hydrationId },
      ).catch((error: unknown): SyncOutcome => ({ status: "failed", entity: job.entity, partition: job.partition, runId: "", pages: 0, records: 0, error: String(error), erpFailure: false }));
      const ok = outcome.status === "synced" || (outcome.status === "skipped" && outcome.reason === "fresh");
      if (!ok) failed.push(job);
      progress.partition(job, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency + 1, jobs.length) }, worker));
  return failed;
}

async function findUnfinished(pool: pg.Pool, params: HydrationParams): Promise<{ id: string; startedAt: Date } | undefined> {
  const { rows } = await pool.query<{ id: string; started_at: Date }>(
    `select id, started_at from hydrations
      where mode = 'cli' and status = 'running' and entities = $1::text[] and from_month = $2 and to_month = $3 and force = $4
      order by started_at desc limit 1`,
    [params.entities, params.from, params.to, params.force],
  );
  return rows[0] ? { id: rows[0].id, startedAt: rows[0].started_at } : undefined;
}

/** What an interrupted run still owes: forced runs redo only what was not synced since it started. */
async function remainingOf(pool: pg.Pool, params: HydrationParams, startedAt: Date): Promise<PlannedJob[]> {
  const { jobs } = await planHydration(pool, params);
  if (!params.force) return jobs;
  const { rows } = await pool.query<{ entity: Entity; partition: string }>(
    "select entity, partition from sync_metadata where entity = any($1::text[]) and last_synced_at >= $2",
    [params.entities, startedAt],
  );
  const done = new Set(rows.map((row) => `${row.entity}/${row.partition}`));
  return jobs.filter((job) => !done.has(`${job.entity}/${job.partition}`));
}

/** A one-line progress bar on stderr (redrawn on a terminal, a line every 5 s otherwise). */
class Progress {
  private done = 0;
  private failedCount = 0;
  private pages = 0;
  private records = 0;
  private readonly started = performance.now();
  private lastLine = 0;
  private readonly errors = new Map<string, string>();
  private readonly tty = process.stderr.isTTY;

  constructor(private readonly total: number) {}

  page(stored: number) {
    this.pages += 1;
    this.records += stored;
    this.render();
  }

  partition(job: PlannedJob, outcome: SyncOutcome) {
    const key = `${job.entity} ${job.partition}`;
    if (outcome.status === "failed" || outcome.status === "skipped" && outcome.reason !== "fresh") {
      if (!this.errors.has(key)) this.failedCount += 1; // a retry round fails it again: count it once
      this.errors.set(key, outcome.status === "failed" ? outcome.error : `skipped: ${outcome.reason}${outcome.detail ? ` (${outcome.detail})` : ""}`);
    } else {
      if (this.errors.delete(key)) this.failedCount -= 1;
      this.done += 1;
    }
    this.render(true);
  }

  note(message: string) {
    process.stderr.write(`${this.tty ? "\n" : ""}${message}\n`);
  }

  failures(jobs: PlannedJob[]): string[] {
    return jobs.map((job) => `${job.entity} ${job.partition}: ${this.errors.get(`${job.entity} ${job.partition}`) ?? "failed"}`);
  }

  summary(): string {
    const elapsed = performance.now() - this.started;
    return `${this.done}/${this.total} partitions, ${integerFormat.format(this.pages)} pages, ${integerFormat.format(this.records)} records in ${formatDuration(elapsed)}`;
  }

  finish() {
    this.render(true);
    if (this.tty) process.stderr.write("\n");
  }

  private render(force = false) {
    const now = performance.now();
    if (!this.tty && !force && now - this.lastLine < 5_000) return;
    if (!this.tty && force && now - this.lastLine < 5_000 && this.done + this.failedCount < this.total) return;
    this.lastLine = now;
    const elapsed = now - this.started;
    const finished = this.done + this.failedCount;
    const width = 24;
    const filled = Math.min(width, Math.max(0, this.total ? Math.round((finished / this.total) * width) : width));
    const rate = this.records / Math.max(elapsed / 1000, 0.001);
    const eta = finished > 0 ? (elapsed / finished) * (this.total - finished) : NaN;
    const line =
      `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${finished}/${this.total} partitions · ` +
      `${integerFormat.format(this.pages)} pages · ${integerFormat.format(this.records)} records · ` +
      `${integerFormat.format(Math.round(rate))} rec/s · ETA ${formatDuration(eta)}${this.failedCount ? ` · ${this.failedCount} failed` : ""}`;
    process.stderr.write(this.tty ? `\r${line}\u001b[K` : `${line}\n`);
  }
}
