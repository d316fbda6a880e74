import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { FaultRule } from "@/erp-sim";
import { inngest } from "@/inngest/client";
import { createSyncPartitionFunction } from "@/inngest/functions/sync-partition";
import { getEnv } from "@/lib/env";
import { createTharanisClient, SIMULATOR_DEFAULTS, type TharanisClient } from "@/lib/tharanis";
import { runInngestFunction, type ExecutorRun } from "@/test/inngest-executor";
import { normalizeDecimal, setupSyncHarness } from "@/test/sync-harness";
import { readFreshness } from "./freshness";
import { partitionFor } from "./partitions";
import { requestSync } from "./request-sync";
import { inlineStepRunner } from "./steps";
import { syncPartition, type SyncOutcome } from "./sync-partition";

/**
 * The fault matrix of lib/sync/faults.test.ts (which calls syncPartition
 * directly), played through the two job runners the app really uses:
 *
 * - Inngest mode: the sync-partition function exactly as served at
 *   /api/inngest, driven by test/inngest-executor.ts over the SDK's HTTP
 *   protocol (each page a step, retried by "Inngest", the failure memoised and
 *   replayed into the function). @inngest/test cannot be used for this: it
 *   hands a failed step to the function as `undefined` (see the executor).
 * - Inline mode: requestSync → the in-process queue → syncPartition with the
 *   inline step runner's own page retries.
 *
 * Every case starts from a cached month whose TTL has run out and asks for it
 * the way a dashboard read does (not forced), so the failure must show as the
 * partition's `error` state in freshness, next to the old data.
 *
 * Determinism of the retries: a fault rule without `times` fires on every
 * request for its page, so every attempt of that page fails – 1 + 3 under
 * Inngest (the function's `retries: 3`, asserted in app/api/inngest/route.test.ts),
 * 1 + SYNC_PAGE_RETRIES inline – and the run always ends in the same failure,
 * with an exact, asserted attempt log. A rule with `times` = attempts - 1 fails
 * every attempt but the last, which proves recovery by the step retry alone.
 * The executor does not wait between attempts (no back-off); the inline runner
 * gets a 1 ms back-off.
 */

// The executor POSTs unsigned requests, which the served handler accepts in dev mode only.
vi.hoisted(() => {
  process.env.INNGEST_DEV = "1";
});

const h = setupSyncHarness();
const MONTH = "2025-05";
const ENTITY = "kimeno_szamla";
const PARTITION = partitionFor(ENTITY, MONTH);
const FUNCTION_ID = "erp-cache-dashboard-sync-partition";
/** The function's `retries: 3` + the first attempt. */
const MAX_ATTEMPTS = 4;
const TIMEOUT_MS = 400;

const KINDS = ["soap-fault", "hiba", "timeout", "truncated", "http-503", "invalid-utf8"] as const satisfies ReadonlyArray<FaultRule["kind"]>;
type Kind = (typeof KINDS)[number];
const POSITIONS = ["first", "middle", "last"] as const;
type Position = (typeof POSITIONS)[number];

/** What the error says after "Tharanis kimeno_szamla page N: " – specific enough to tell the fault. */
const DETAIL: Record<Kind, RegExp> = {
  "soap-fault": /^SOAP Fault SOAP-ENV:Server: Átmeneti hiba, próbálja újra$/,
  hiba: /^ERP error hiba 5: Belső hiba, próbálja újra később$/,
  timeout: new RegExp(`^no complete answer within \\d+ s \\(THARANIS_TIMEOUT_MS=${TIMEOUT_MS}\\)$`),
  truncated: /^malformed response: truncated or not a SOAP envelope \(ends with "…/,
  "http-503": /^HTTP 503 – 503 Service Unavailable/,
  "invalid-utf8": /^malformed response: the answer is not valid UTF-8$/,
};

// A timeout must end within the test: a client that gives up after 400 ms (the simulator holds 3 s).
let shortTimeoutClient: TharanisClient;
let client: TharanisClient;
const clientFor = (kind: Kind) => (kind === "timeout" ? shortTimeoutClient : h.client);

// The function exactly as served, with the test database and the current case's client injected.
const syncFunction = createSyncPartitionFunction(() => Promise.resolve({ pool: h.database.pool, client }));
const { POST } = serve({ client: inngest, functions: [syncFunction] });

function runFunction(): Promise<ExecutorRun> {
  return runInngestFunction({
    handler: (request) => POST(request as unknown as NextRequest, undefined),
    functionId: FUNCTION_ID,
    // A dashboard read of an expired month: not forced, top priority.
    event: { name: "erp/sync.requested", data: { entity: ENTITY, partition: MONTH, trigger: "read", force: false, priority: 600 } },
    maxAttempts: MAX_ATTEMPTS,
  });
}

/** The cached month: counts, exact sums and a fingerprint of every line's key and amounts, plus its rollup. */
async function snapshot() {
  const { rows } = await h.database.pool.query(
    `select count(*)::int as lines, count(distinct (invoice_no, line_no))::int as keys,
            sum(net_value)::text as net, sum(gross_value)::text as gross,
            md5(string_agg(concat_ws('/', invoice_no, line_no, fulfillment_date, sku, quantity, net_value, gross_value, is_storno, raw_xml_hash),
                           ',' order by invoice_no, line_no)) as fingerprint,
            (select md5(string_agg(concat_ws('/', day, lines, quantity, net_value, gross_value), ',' order by day))
               from sales_daily where day between '2025-05-01' and '2025-05-31') as rollup
       from sales_invoice_lines where fulfillment_date between '2025-05-01' and '2025-05-31'`,
  );
  const row = rows[0];
  return { ...row, net: normalizeDecimal(row.net), gross: normalizeDecimal(row.gross) };
}

async function meta() {
  return (await h.database.pool.query("select * from sync_metadata where entity = $1 and partition = $2", [ENTITY, MONTH])).rows[0];
}

async function linesOfRun(runId: string): Promise<number> {
  const { rows } = await h.database.pool.query(
    "select count(*)::int as n from sales_invoice_lines where fulfillment_date between '2025-05-01' and '2025-05-31' and sync_run_id = $1",
    [runId],
  );
  return rows[0].n;
}

let pages = 0;
let baseline: Awaited<ReturnType<typeof snapshot>>;
const pageOf = (where: Position) => (where === "first" ? 0 : where === "middle" ? Math.floor(pages / 2) : pages - 1);
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** Pages the simulator was asked for since the last resetStats, in order. */
function pagesRequested(): number[] {
  return h.simulator.stats().byQuery.filter((q) => q.entity === ENTITY).flatMap((q) => q.pages);
}

beforeAll(async () => {
  shortTimeoutClient = createTharanisClient({ url: h.simulator.url, credentials: SIMULATOR_DEFAULTS, timeoutMs: TIMEOUT_MS, maxResponseBytes: 2e7 });
  const first = await syncPartition(h.deps(), { entity: ENTITY, partition: MONTH, trigger: "manual" });
  if (first.status !== "synced") throw new Error(`baseline sync failed: ${JSON.stringify(first)}`);
  pages = first.pages;
  baseline = await snapshot();
});

beforeEach(async () => {
  h.simulator.update({ faults: [] });
  client = h.client;
  // Failed runs count towards the ERP breaker (threshold 3 from the environment under Inngest): every case starts closed.
  await h.database.pool.query(
    `update erp_health set state = 'closed', consecutive_failures = 0, backoff_seconds = 0, opened_until = null,
            probe_started_at = null, last_error = null, last_error_at = null where id = 1`,
  );
  // The cached month's TTL (7 days for a closed month) has run out: a read asks for it again.
  await h.database.pool.query("update sync_metadata set last_synced_at = now() - interval '8 days' where entity = $1 and partition = $2", [
    ENTITY,
    MONTH,
  ]);
  h.simulator.resetStats();
});

/** Everything a failed run must leave behind, in either mode. */
async function expectFailureRecorded(
  failure: { runId: string; error: string; page: number },
  before: { snapshot: Awaited<ReturnType<typeof snapshot>>; syncedAt: Date },
) {
  const { runId, error, page } = failure;
  // Not a row lost, changed or duplicated; the rollups untouched (no sweep ran).
  const after = await snapshot();
  expect(after).toEqual(before.snapshot);
  expect(after.lines).toBe(after.keys);
  // What the run did write: the pages before the fault, identical rows stamped with its id – nothing else.
  const run = (await h.database.pool.query("select status, error, pages, records, finished_at from sync_runs where id = $1", [runId])).rows[0];
  expect(run).toMatchObject({ status: "error", error, pages: page });
  expect(run.finished_at).toBeInstanceOf(Date);
  expect(await linesOfRun(runId)).toBe(run.records);
  if (page === 0) expect(run.records).toBe(0);

  // The lock is free, the error recorded, the old sync time kept.
  const m = await meta();
  expect(m).toMatchObject({ status: "error", lock_token: null, locked_at: null, last_error: error, last_run_id: runId });
  expect(m.last_synced_at.getTime()).toBe(before.syncedAt.getTime());

  // Freshness shows it: the month is in error (old data, failed refresh), with the message and the old sync time.
  const freshness = await readFreshness(h.database.pool, [PARTITION]);
  expect(freshness.state).toBe("error");
  expect(freshness.partitions[0]).toMatchObject({
    state: "error",
    syncing: false,
    expired: true,
    lastError: error,
    lastErrorAt: expect.any(Date),
    lastSyncedAt: before.syncedAt,
  });
  expect(freshness.erp).toMatchObject({ available: true, consecutiveFailures: 1, lastError: error });
}

async function expectRecovered(outcome: SyncOutcome, before: Awaited<ReturnType<typeof snapshot>>) {
  expect(outcome).toMatchObject({ status: "synced", pages, removed: 0 });
  if (outcome.status !== "synced") return;
  const after = await snapshot();
  expect(after).toEqual(before);
  // Every cached line of the month was seen by the run that completed.
  expect(await linesOfRun(outcome.runId)).toBe(after.lines);
  expect(await meta()).toMatchObject({ status: "success", lock_token: null, last_error: null, last_run_id: outcome.runId });
  const freshness = await readFreshness(h.database.pool, [PARTITION]);
  expect(freshness.state).toBe("fresh");
  expect(freshness.partitions[0]).toMatchObject({ state: "fresh", expired: false, lastError: null });
}

it("the month has several pages to fail on, and a baseline in the cache", () => {
  expect(pages).toBeGreaterThanOrEqual(3);
  expect(baseline.lines).toBeGreaterThan(0);
  expect(baseline.lines).toBe(baseline.keys);
});

describe("Inngest mode: the sync-partition function with a fault at page k of n", () => {
  for (const kind of KINDS) {
    for (const where of POSITIONS) {
      it(`${kind} on the ${where} page, every attempt: run fails once, cache intact, lock released, error in freshness, retry completes`, async () => {
        const page = pageOf(where);
        const before = await snapshot();
        const syncedAt = (await meta()).last_synced_at as Date;
        client = clientFor(kind);
        h.simulator.update({ faults: [{ kind, page, entity: ENTITY, delayMs: 3_000 }] });

        const run = await runFunction();

        expect(run.status).toBe("failed");
        if (run.status !== "failed") return;
        // Not retried as a whole: the lock is already released with the error.
        expect(run.error.name).toBe("NonRetriableError");
        const prefix = `Tharanis ${ENTITY} page ${page}: `;
        expect(run.error.message.startsWith(prefix)).toBe(true);
        expect(run.error.message.slice(prefix.length)).toMatch(DETAIL[kind]);
        // The earlier pages once each; the faulty page 1 + 3 times; then the release, then the run fails.
        expect(run.attempts.map((a) => `${a.step}:${a.outcome}`)).toEqual([
          "claim-lock:ok",
          ...range(0, page).map((p) => `page-${p}:ok`),
          ...Array.from({ length: MAX_ATTEMPTS - 1 }, () => `page-${page}:retry`),
          `page-${page}:failed`,
          "release-failed:ok",
          "(function):failed",
        ]);
        expect(h.simulator.stats().faultsInjected).toBe(MAX_ATTEMPTS);
        expect(pagesRequested()).toEqual([...range(0, page), ...Array.from({ length: MAX_ATTEMPTS }, () => page)]);

        const runId = (await meta()).last_run_id as string;
        await expectFailureRecorded({ runId, error: run.error.message, page }, { snapshot: before, syncedAt });

        // The ERP is back; the next read's event runs to the end and the month is complete again.
        h.simulator.update({ faults: [] });
        client = h.client;
        const retry = await runFunction();
        expect(retry.status).toBe("completed");
        if (retry.status !== "completed") return;
        await expectRecovered(retry.output as SyncOutcome, before);
      });
    }

    it(`${kind} on the middle page, all attempts but the last: Inngest's step retry recovers within the run`, async () => {
      const page = pageOf("middle");
      const before = await snapshot();
      client = clientFor(kind);
      h.simulator.update({ faults: [{ kind, page, entity: ENTITY, delayMs: 3_000, times: MAX_ATTEMPTS - 1 }] });

      const run = await runFunction();

      expect(run.status).toBe("completed");
      if (run.status !== "completed") return;
      expect(run.attempts.map((a) => `${a.step}:${a.outcome}`)).toEqual([
        "claim-lock:ok",
        ...range(0, page).map((p) => `page-${p}:ok`),
        ...Array.from({ length: MAX_ATTEMPTS - 1 }, () => `page-${page}:retry`),
        ...range(page, pages).map((p) => `page-${p}:ok`),
        "sweep-and-release:ok",
        "consume-rerun-request:ok",
      ]);
      // Memoised steps: the pages before the fault were not read again, the faulty one until it passed.
      expect(pagesRequested()).toEqual([...range(0, page), ...Array.from({ length: MAX_ATTEMPTS - 1 }, () => page), ...range(page, pages)]);
      expect(h.simulator.stats().faultsInjected).toBe(MAX_ATTEMPTS - 1);
      await expectRecovered(run.output as SyncOutcome, before);
      const runs = await h.database.pool.query("select status, pages from sync_runs where id = $1", [(run.output as { runId: string }).runId]);
      expect(runs.rows).toEqual([{ status: "success", pages }]);
    });
  }
});

describe("inline mode: requestSync → the in-process queue, with a fault at page k of n", () => {
  // Production inline mode retries a page SYNC_PAGE_RETRIES times (default 2) before failing the run.
  const retries = getEnv().SYNC_PAGE_RETRIES;

  /** A read asks for the month; the queue runs it; resolves with the run's outcome. */
  async function readThroughQueue(erp: TharanisClient): Promise<SyncOutcome> {
    const context = h.inline({ deps: h.deps({ client: erp, step: inlineStepRunner({ retries, backoffMs: 1 }) }) });
    const done = new Promise<SyncOutcome | Error>((resolve) => context.queue.once("done", (_job, outcome) => resolve(outcome)));
    const requested = await requestSync(context, ENTITY, [MONTH], "read");
    expect(requested.dispatched).toEqual([`${ENTITY}/${MONTH}`]);
    const outcome = await done;
    await context.queue.idle();
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  // Each kind once, the positions in turn: every position twice, every kind at least once.
  KINDS.forEach((kind, index) => {
    const where = POSITIONS[index % POSITIONS.length]!;
    it(`${kind} on the ${where} page: run fails after its page retries, cache intact, lock released, error in freshness, retry completes`, async () => {
      const page = pageOf(where);
      const before = await snapshot();
      const syncedAt = (await meta()).last_synced_at as Date;
      h.simulator.update({ faults: [{ kind, page, entity: ENTITY, delayMs: 3_000 }] });

      const failed = await readThroughQueue(clientFor(kind));

      expect(failed).toMatchObject({ status: "failed", pages: page, erpFailure: true });
      if (failed.status !== "failed") return;
      const prefix = `Tharanis ${ENTITY} page ${page}: `;
      expect(failed.error.startsWith(prefix)).toBe(true);
      expect(failed.error.slice(prefix.length)).toMatch(DETAIL[kind]);
      expect(h.simulator.stats().faultsInjected).toBe(retries + 1);
      expect(pagesRequested()).toEqual([...range(0, page), ...Array.from({ length: retries + 1 }, () => page)]);
      await expectFailureRecorded({ runId: failed.runId, error: failed.error, page }, { snapshot: before, syncedAt });

      h.simulator.update({ faults: [] });
      await expectRecovered(await readThroughQueue(h.client), before);
    });
  });
});
