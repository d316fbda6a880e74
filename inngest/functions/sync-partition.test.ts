import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import type { Entity, SyncTrigger } from "@/lib/db";
import type { SyncJob } from "@/lib/sync/inline-queue";
import { requestSync, type SyncDispatcher } from "@/lib/sync/request-sync";
import { syncPartition } from "@/lib/sync/sync-partition";
import { runInngestFunction } from "@/test/inngest-executor";
import { normalizeDecimal, setupSyncHarness } from "@/test/sync-harness";
import { createSyncPartitionFunction } from "./sync-partition";

// The executor below POSTs unsigned requests to the served handler, which the SDK
// accepts in dev mode only. vi.hoisted runs before the imports, so the client sees it.
vi.hoisted(() => {
  process.env.INNGEST_DEV = "1";
});

// Real Postgres, the ERP simulator over real HTTP; nothing of the sync is mocked.
const h = setupSyncHarness();

// The function exactly as served, with the test database and simulator injected.
const syncFunction = createSyncPartitionFunction(() => Promise.resolve({ pool: h.database.pool, client: h.client }));
const FUNCTION_ID = "erp-cache-dashboard-sync-partition";
const MAX_ATTEMPTS = 4; // the function's retries: 3

type SyncEventData = {
  entity: Entity;
  partition: string;
  trigger: SyncTrigger;
  force: boolean;
  priority: number;
  hydrationId?: string;
};

function syncEvent(data: Partial<SyncEventData> & { partition: string }) {
  return { name: "erp/sync.requested", data: { entity: "kimeno_szamla", trigger: "read", force: false, priority: 600, ...data } satisfies SyncEventData };
}

/** Runs one event through a fresh test engine (it memoises results and mutates `steps`). */
async function execute(data: Partial<SyncEventData> & { partition: string }) {
  const engine = new InngestTestEngine({ function: syncFunction });
  const output = await engine.execute({ events: [syncEvent(data)] });
  const stepIds = (output.ctx.step.run.mock.calls as unknown[][]).map((call) => call[0]);
  return { ...output, stepIds };
}

/** The cached month: line count, exact sums, and a fingerprint of every line's key and amounts. */
async function invoiceTotals(month: string) {
  const { rows } = await h.database.pool.query<{ lines: number; net: string | null; gross: string | null; keys: string | null }>(
    `select count(*)::int as lines, sum(net_value)::text as net, sum(gross_value)::text as gross,
            md5(string_agg(invoice_no || '/' || line_no || '/' || net_value || '/' || gross_value, ',' order by invoice_no, line_no)) as keys
       from sales_invoice_lines where to_char(fulfillment_date, 'YYYY-MM') = $1`,
    [month],
  );
  const row = rows[0]!;
  return { lines: row.lines, net: normalizeDecimal(row.net), gross: normalizeDecimal(row.gross), keys: row.keys };
}

function simulatorTotals(month: string) {
  const t = h.simulator.monthTotals("kimeno_szamla", month);
  return { lines: t.lines, net: normalizeDecimal(t.netValue), gross: normalizeDecimal(t.grossValue) };
}

async function metadata(partition: string, entity = "kimeno_szamla") {
  const { rows } = await h.database.pool.query("select * from sync_metadata where entity = $1 and partition = $2", [entity, partition]);
  return rows[0] as Record<string, unknown> | undefined;
}

/** The served POST handler of just this function, for the executor. */
function servedHandler() {
  const { POST } = serve({ client: inngest, functions: [syncFunction] });
  return (request: Request) => POST(request as unknown as NextRequest, undefined);
}

beforeEach(async () => {
  h.simulator.resetStats();
  // Failed runs count towards the shared ERP breaker; every test starts with it closed.
  await h.database.pool.query(
    `update erp_health set state = 'closed', consecutive_failures = 0, backoff_seconds = 0, opened_until = null,
            probe_started_at = null, last_error = null, last_error_at = null where id = 1`,
  );
});

afterEach(() => {
  h.simulator.update({ faults: [] });
});

describe("sync-partition (Inngest function)", () => {
  it("syncs a never-synced month step by step into the cache, then skips it while fresh", async () => {
    const month = "2024-03";
    const first = await execute({ partition: month });

    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ status: "synced", entity: "kimeno_szamla", partition: month, removed: 0, dataIssues: 0 });
    const result = first.result as { pages: number; records: number; runId: string };
    // Every ERP page is a step of its own (retried and memoised on its own), then one sweep+release.
    expect(result.pages).toBeGreaterThanOrEqual(2);
    expect(first.stepIds).toEqual([
      "claim-lock",
      ...Array.from({ length: result.pages }, (_, page) => `page-${page}`),
      "sweep-and-release",
      "consume-rerun-request",
    ]);

    // The cache holds exactly what the ERP has for the month, to the fillér.
    const expected = simulatorTotals(month);
    const cached = await invoiceTotals(month);
    expect({ lines: cached.lines, net: cached.net, gross: cached.gross }).toEqual(expected);
    expect(result.records).toBe(expected.lines);
    expect(await metadata(month)).toMatchObject({ status: "success", records: expected.lines, lock_token: null, last_error: null });
    const run = await h.database.pool.query("select status, trigger from sync_runs where id = $1", [result.runId]);
    expect(run.rows[0]).toEqual({ status: "success", trigger: "read" });

    // A second event for the now fresh month: skipped at the claim, the ERP is not asked at all.
    h.simulator.resetStats();
    const second = await execute({ partition: month });
    expect(second.result).toMatchObject({ status: "skipped", entity: "kimeno_szamla", partition: month, reason: "fresh" });
    expect(second.stepIds).toEqual(["claim-lock"]);
    expect(h.simulator.stats().requests).toBe(0);
  });

  it("skips the job of a cancelled hydration without calling the ERP", async () => {
    const hydrationId = randomUUID();
    await h.database.pool.query(
      `insert into hydrations (id, entities, from_month, to_month, force, mode, status, total_partitions, finished_at)
       values ($1, '{kimeno_szamla}', '2023-01', '2023-12', false, 'inngest', 'cancelled', 12, now())`,
      [hydrationId],
    );
    const out = await execute({ partition: "2023-05", trigger: "hydrate", priority: 0, hydrationId });
    expect(out.result).toMatchObject({ status: "skipped", partition: "2023-05", reason: "cancelled" });
    expect(out.stepIds).toEqual(["claim-lock"]);
    expect(h.simulator.stats().requests).toBe(0);
    // Not even claimed: no metadata row, no run.
    expect(await metadata("2023-05")).toBeUndefined();
  });

  it("owes a forced request made during the run exactly one follow-up, as steps of the same Inngest run", async () => {
    const month = "2023-11";
    // requestSync would hand new jobs to Inngest; here none may be sent: the live run covers the request.
    const sent: SyncJob[] = [];
    const dispatcher: SyncDispatcher = {
      mode: "inngest",
      dispatch: async (jobs) => void sent.push(...jobs),
      hydrate: async () => {},
      cancelHydration: async () => {},
    };
    let coalesced: string[] = [];
    const run = await runInngestFunction({
      handler: servedHandler(),
      functionId: FUNCTION_ID,
      event: syncEvent({ partition: month }),
      maxAttempts: MAX_ATTEMPTS,
      afterStep: async ({ step }) => {
        // An admin presses "refresh now" while page 0 is in: the ERP may have changed since the run began.
        if (step === "page-0" && coalesced.length === 0) {
          ({ coalesced } = await requestSync({ pool: h.database.pool, dispatcher }, "kimeno_szamla", [month], "manual", { force: true }));
        }
      },
    });

    expect(coalesced).toEqual([`kimeno_szamla/${month}`]);
    expect(sent).toEqual([]);
    expect(run.status).toBe("completed");
    if (run.status !== "completed") return;
    const output = run.output as { status: string; pages: number; followUp?: { status: string; pages: number } };
    expect(output).toMatchObject({ status: "synced", followUp: { status: "synced" } });
    // The follow-up's steps have ids of their own: were they the same, Inngest would replay the
    // first pass's memoised results and the follow-up would not read the ERP at all.
    const pages = (prefix: string, count: number) => Array.from({ length: count }, (_, page) => `${prefix}page-${page}:ok`);
    expect(run.attempts.map((a) => `${a.step}:${a.outcome}`)).toEqual([
      "claim-lock:ok",
      ...pages("", output.pages),
      "sweep-and-release:ok",
      "consume-rerun-request:ok",
      "follow-up-claim-lock:ok",
      ...pages("follow-up-", output.followUp!.pages),
      "follow-up-sweep-and-release:ok",
    ]);
    const runs = await h.database.pool.query("select status from sync_runs where entity = 'kimeno_szamla' and partition = $1", [month]);
    expect(runs.rows).toEqual([{ status: "success" }, { status: "success" }]);
    expect(await metadata(month)).toMatchObject({ status: "success", rerun_requested: false, lock_token: null });
    expect((await invoiceTotals(month)).lines).toBe(simulatorTotals(month).lines);
  });

  // The failure path needs Inngest's retry-then-replay behaviour, which @inngest/test
  // does not model (see test/inngest-executor.ts): these tests drive the served handler.
  describe("when the ERP keeps failing", () => {
    it("retries the page, then records the error, releases the lock and keeps the cached rows", async () => {
      const month = "2023-09";
      // Cached data from an earlier successful sync: a failed run must not lose any of it.
      expect((await syncPartition(h.deps(), { entity: "kimeno_szamla", partition: month, trigger: "manual" })).status).toBe("synced");
      const before = await invoiceTotals(month);
      const metaBefore = await metadata(month);
      expect(before.lines).toBe(simulatorTotals(month).lines);

      // Page 1 answers with a SOAP Server fault, every time (retriable in itself).
      h.simulator.update({ faults: [{ kind: "soap-fault", entity: "kimeno_szamla", page: 1 }] });
      h.simulator.resetStats();
      const run = await runInngestFunction({
        handler: servedHandler(),
        functionId: FUNCTION_ID,
        event: syncEvent({ partition: month, trigger: "manual", force: true }),
        maxAttempts: MAX_ATTEMPTS,
      });

      // The run fails for good, visibly, with the ERP's error – not retried as a whole.
      expect(run.status).toBe("failed");
      if (run.status !== "failed") return;
      expect(run.error.name).toBe("NonRetriableError");
      expect(run.error.message).toMatch(/^Tharanis kimeno_szamla page 1: SOAP Fault SOAP-ENV:Server/);
      // The page step was tried 1 + 3 times; only then did the function see the failure and release.
      expect(run.attempts.map((a) => `${a.step}:${a.outcome}`)).toEqual([
        "claim-lock:ok",
        "page-0:ok",
        "page-1:retry",
        "page-1:retry",
        "page-1:retry",
        "page-1:failed",
        "release-failed:ok",
        "(function):failed",
      ]);
      expect(h.simulator.stats().faultsInjected).toBe(MAX_ATTEMPTS);

      // The partition shows the error, holds no lock and keeps its previous sync time.
      const meta = await metadata(month);
      expect(meta).toMatchObject({ status: "error", last_error: run.error.message, lock_token: null, locked_at: null });
      expect(meta!.last_synced_at).toEqual(metaBefore!.last_synced_at);
      const failedRun = await h.database.pool.query("select status, error from sync_runs where id = $1", [meta!.last_run_id]);
      expect(failedRun.rows[0]).toEqual({ status: "error", error: run.error.message });
      // Nothing swept: the cached month is exactly what it was.
      expect(await invoiceTotals(month)).toEqual(before);
      // Recognised as an ERP failure although it reached the function as Inngest's StepError.
      const health = await h.database.pool.query("select consecutive_failures, last_error from erp_health where id = 1");
      expect(health.rows[0]).toEqual({ consecutive_failures: 1, last_error: run.error.message });
    });

    it("does not retry an ERP error that cannot pass (bad credentials): one attempt, then the error is recorded", async () => {
      const month = "2023-10";
      h.simulator.update({ faults: [{ kind: "auth", entity: "kimeno_szamla", page: 1 }] });
      const run = await runInngestFunction({
        handler: servedHandler(),
        functionId: FUNCTION_ID,
        event: syncEvent({ partition: month, trigger: "manual" }),
        maxAttempts: MAX_ATTEMPTS,
      });

      expect(run.status).toBe("failed");
      if (run.status !== "failed") return;
      expect(run.error).toMatchObject({ name: "NonRetriableError", message: expect.stringMatching(/^Tharanis kimeno_szamla page 1: authentication failed/) });
      expect(run.attempts.map((a) => `${a.step}:${a.outcome}`)).toEqual([
        "claim-lock:ok",
        "page-0:ok",
        "page-1:failed",
        "release-failed:ok",
        "(function):failed",
      ]);
      expect(h.simulator.stats().faultsInjected).toBe(1);
      expect(await metadata(month)).toMatchObject({ status: "error", last_error: run.error.message, lock_token: null, last_synced_at: null });
    });
  });
});
