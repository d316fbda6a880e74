import { createHmac } from "node:crypto";
import type { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { GET, POST, PUT } from "./route";

// Production (cloud) mode: event and signing keys set, no dev server. Every request must be
// signed by Inngest. A separate file from route.test.ts because the SDK and lib/env read
// the environment when the route is imported (vi.hoisted runs before the imports).
// ERP_MAX_CONCURRENCY is set to show that the served ERP-wide limit comes from it.
vi.hoisted(() => {
  delete process.env.INNGEST_DEV;
  process.env.INNGEST_EVENT_KEY = "test-event-key";
  process.env.INNGEST_SIGNING_KEY = "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  process.env.ERP_MAX_CONCURRENCY = "7";
});

const URL_ = "http://localhost:3000/api/inngest";
// The HMAC key is the signing key without its "signkey-<env>-" prefix.
const SIGNING_SECRET = process.env.INNGEST_SIGNING_KEY!.replace(/^signkey-\w+-/, "");

/** Inngest's request signature: t=<unix seconds>&s=HMAC-SHA256(body + t) with the key minus its prefix. */
function sign(body: string, secret = SIGNING_SECRET): string {
  const ts = Math.round(Date.now() / 1000).toString();
  return `t=${ts}&s=${createHmac("sha256", secret).update(body + ts).digest("hex")}`;
}

describe("/api/inngest (production mode)", () => {
  it("refuses unsigned requests: 401 for GET, a run request (POST) and a sync (PUT)", async () => {
    const run = new Request(`${URL_}?fnId=erp-cache-dashboard-sync-partition&stepId=step`, {
      method: "POST",
      body: JSON.stringify({ event: { name: "erp/sync.requested", data: {} }, events: [], steps: {}, ctx: { run_id: "r1", attempt: 0 } }),
      headers: { "content-type": "application/json" },
    });
    const sync = new Request(URL_, {
      method: "PUT",
      body: JSON.stringify({ url: URL_ }),
      headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
    });
    for (const [handler, request] of [
      [GET, new Request(URL_)],
      [POST, run],
      [PUT, sync],
    ] as const) {
      const response = await handler(request as unknown as NextRequest, undefined);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: "Unauthorized" });
    }
  });

  it("refuses a run request signed with another key", async () => {
    const body = JSON.stringify({ event: { name: "erp/sync.requested", data: {} }, events: [], steps: {}, ctx: { run_id: "r1", attempt: 0 } });
    const request = new Request(`${URL_}?fnId=erp-cache-dashboard-sync-partition&stepId=step`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-inngest-signature": sign(body, "f".repeat(64)) },
    });
    const response = await POST(request as unknown as NextRequest, undefined);
    expect(response.status).toBe(401);
  });

  it("answers a correctly signed sync with the functions and its own signature; the ERP limit comes from ERP_MAX_CONCURRENCY", async () => {
    const body = JSON.stringify({ url: URL_ });
    const response = await PUT(
      new Request(URL_, {
        method: "PUT",
        body,
        headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band", "x-inngest-signature": sign(body) },
      }) as unknown as NextRequest,
      undefined,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
    const { functions } = (await response.json()) as { functions: Array<{ id: string; concurrency?: Array<{ limit: number; key?: string; scope?: string }> }> };
    expect(functions.map((fn) => fn.id).sort()).toEqual([
      "erp-cache-dashboard-cron-refresh",
      "erp-cache-dashboard-hydrate",
      "erp-cache-dashboard-sync-partition",
    ]);
    const sync = functions.find((fn) => fn.id === "erp-cache-dashboard-sync-partition")!;
    expect(sync.concurrency).toContainEqual({ limit: 7, key: '"tharanis-erp"', scope: "env" });
  });
});
