import type { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { GET, PUT } from "./route";

// Dev mode (what `npx inngest-cli dev` talks to): requests need no signature, so the
// handler can be asked for its function list in process. Default concurrency: no
// ERP_MAX_CONCURRENCY. Set before the route (and the Inngest client) is imported.
vi.hoisted(() => {
  process.env.INNGEST_DEV = "1";
  delete process.env.INNGEST_SIGNING_KEY;
  delete process.env.INNGEST_EVENT_KEY;
  delete process.env.ERP_MAX_CONCURRENCY;
});

const URL_ = "http://localhost:3000/api/inngest";

interface FunctionConfig {
  id: string;
  name: string;
  triggers: Array<{ event?: string; cron?: string }>;
  steps: Record<string, { runtime: { type: string; url: string }; retries?: { attempts: number } }>;
  concurrency?: Array<{ limit: number; key?: string; scope?: string }>;
  priority?: { run?: string };
  singleton?: { mode: string; key?: string };
  cancel?: Array<{ event: string; if?: string }>;
}

/** What the Inngest dev server receives when it syncs the app (an in-band sync). */
async function syncApp(): Promise<Map<string, FunctionConfig>> {
  const response = await PUT(
    new Request(URL_, {
      method: "PUT",
      body: JSON.stringify({ url: URL_ }),
      headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
    }) as unknown as NextRequest,
    undefined,
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { app_id: string; functions: FunctionConfig[] };
  expect(body.app_id).toBe("erp-cache-dashboard");
  return new Map(body.functions.map((fn) => [fn.id, fn]));
}

describe("/api/inngest (dev mode)", () => {
  it("serves exactly the three functions, each called back at this route", async () => {
    const functions = await syncApp();
    expect([...functions.keys()].sort()).toEqual([
      "erp-cache-dashboard-cron-refresh",
      "erp-cache-dashboard-hydrate",
      "erp-cache-dashboard-sync-partition",
    ]);
    for (const [id, fn] of functions) {
      expect(fn.steps.step?.runtime).toEqual({ type: "http", url: `${URL_}?fnId=${id}&stepId=step` });
    }
  });

  it("sync-partition: triggered by erp/sync.requested, one run per partition, ERP-wide limit 4, priority from the event", async () => {
    const fn = (await syncApp()).get("erp-cache-dashboard-sync-partition")!;
    expect(fn.triggers).toEqual([{ event: "erp/sync.requested" }]);
    expect(fn.concurrency).toEqual([
      // One run per entity/partition at a time…
      { limit: 1, key: 'event.data.entity + "/" + event.data.partition' },
      // …and at most ERP_MAX_CONCURRENCY (default 4) ERP-calling steps across the environment.
      { limit: 4, key: '"tharanis-erp"', scope: "env" },
    ]);
    expect(fn.priority).toEqual({ run: "event.data.priority" });
    // 1 + 3 attempts per step: what test/inngest-executor.ts plays in sync-partition.test.ts.
    expect(fn.steps.step?.retries).toEqual({ attempts: 3 });
  });

  it("cron-refresh: every 5 minutes, Budapest time, never two ticks at once", async () => {
    const fn = (await syncApp()).get("erp-cache-dashboard-cron-refresh")!;
    expect(fn.triggers).toEqual([{ cron: "TZ=Europe/Budapest */5 * * * *" }]);
    expect(fn.singleton).toEqual({ mode: "skip" });
  });

  it("hydrate: triggered by erp/hydrate.requested, cancelled by erp/hydrate.cancelled of the same hydration", async () => {
    const fn = (await syncApp()).get("erp-cache-dashboard-hydrate")!;
    expect(fn.triggers).toEqual([{ event: "erp/hydrate.requested" }]);
    expect(fn.cancel).toEqual([{ event: "erp/hydrate.cancelled", if: "async.data.hydrationId == event.data.hydrationId" }]);
  });

  it("GET only describes the app (mode, function count), it never lists the functions", async () => {
    const response = await GET(new Request(URL_) as unknown as NextRequest, undefined);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ mode: "dev", function_count: 3, has_signing_key: false });
    expect(body).not.toHaveProperty("functions");
  });
});
