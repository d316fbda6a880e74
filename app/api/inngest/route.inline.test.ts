import type { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

// With neither INNGEST_DEV nor INNGEST_EVENT_KEY the app runs jobs inline:
// /api/inngest answers a clear 404 instead of the SDK's 500 "no signing key".
vi.hoisted(() => {
  delete process.env.INNGEST_DEV;
  delete process.env.INNGEST_EVENT_KEY;
  delete process.env.INNGEST_SIGNING_KEY;
});

let route: typeof import("./route");
beforeAll(async () => {
  route = await import("./route");
});

describe("/api/inngest in inline mode", () => {
  it("answers 404 with the reason and how to enable Inngest, for every method", async () => {
    for (const method of ["GET", "POST", "PUT"] as const) {
      const response = await route[method](new Request("http://localhost/api/inngest", { method }) as unknown as NextRequest, undefined);
      expect(response.status).toBe(404);
      const body = await response.json();
      expect(body).toMatchObject({ mode: "inline" });
      expect(body.hint).toMatch(/INNGEST_DEV=1/);
    }
  });
});
