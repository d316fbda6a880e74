import { describe, expect, it } from "vitest";
import { setupAppHarness, type Identity } from "@/test/app-harness";
import { GET as coverage } from "./coverage/route";
import { POST as cancel } from "./hydrations/[id]/cancel/route";
import { POST as hydrate } from "./hydrations/route";
import { GET as progress } from "./progress/route";
import { POST as resync } from "./resync/route";
import { POST as retryFailed } from "./retry-failed/route";
import { GET as status } from "./status/route";
import { GET as syncs } from "./syncs/route";

const h = setupAppHarness();

async function post(handler: typeof hydrate, path: string, body?: unknown, params: Record<string, string> = {}, contentType = "application/json", as: Identity = "admin") {
  const headers: Record<string, string> = { "content-type": contentType };
  if (as !== "anonymous") headers.cookie = await h.signInAs(as);
  const response = await handler(
    new Request(`http://localhost${path}`, { method: "POST", headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, body: await response.json() };
}

describe("admin console API", () => {
  it("hydrates a range: 202 with the plan, then the grid shows the months fresh and the history has the runs", async () => {
    const started = await post(hydrate, "/api/admin/hydrations", { entities: ["kimeno_szamla"], from: "2019-01", to: "2019-03" });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 3, skippedFresh: 0, id: expect.any(String) });
    await h.settle();

    const grid = await h.call(coverage, "/api/admin/coverage", { as: "admin" });
    expect(grid.status).toBe(200);
    expect(grid.body.months[0]).toBe(grid.body.months.toSorted().at(-1)); // newest first
    expect(grid.body.months.at(-1)).toBe("2016-06");
    for (const month of ["2019-01", "2019-02", "2019-03"]) {
      expect(grid.body.cells[`kimeno_szamla/${month}`]).toMatchObject({ state: "closed", records: expect.any(Number), pages: expect.any(Number) });
    }
    expect(grid.body.cells["kimeno_szamla/2019-04"].state).toBe("never");
    expect(grid.body.cells["keszlet/all"]).toBeDefined();

    const console = await h.call(status, "/api/admin/status", { as: "admin" });
    expect(console.body.hydrations[0]).toMatchObject({ id: started.body.id, status: "done", total: 3, done: 3, failed: 0, requestedBy: "admin@harness.test" });
    expect(console.body.hydrations[0].recordsPerSecond).toBeGreaterThan(0);
    expect(console.body.erp).toMatchObject({ mode: "inline", runningSyncs: 0, erpConcurrencyLimit: 4, breaker: { open: false } });

    const history = await h.call(syncs, "/api/admin/syncs?trigger=hydrate&pageSize=10", { as: "admin" });
    expect(history.body.matching).toBe(3);
    expect(history.body.runs.map((r: { partition: string }) => r.partition).sort()).toEqual(["2019-01", "2019-02", "2019-03"]);
    expect(history.body.runs[0]).toMatchObject({ status: "success", trigger: "hydrate", durationMs: expect.any(Number) });
  });

  it("cancels a running hydration once; a second cancel is a conflict", async () => {
    h.simulator.update({ latencyMs: 200 });
    try {
      const started = await post(hydrate, "/api/admin/hydrations", { entities: ["raktari_mozgas"], from: "2017-01", to: "2017-12", force: true });
      expect(started.status).toBe(202);
      const first = await post(cancel, `/api/admin/hydrations/${started.body.id}/cancel`, undefined, { id: started.body.id });
      expect(first).toEqual({ status: 200, body: { cancelled: true } });
      const second = await post(cancel, `/api/admin/hydrations/${started.body.id}/cancel`, undefined, { id: started.body.id });
      expect(second.status).toBe(409);
      await h.settle();
      const runs = await h.call(syncs, "/api/admin/syncs?entity=raktari_mozgas&trigger=hydrate", { as: "admin" });
      expect(runs.body.matching).toBeLessThan(12);
    } finally {
      h.simulator.update({ latencyMs: 0 });
    }
  });

  it("re-syncs one cell now, and a range as a forced hydration", async () => {
    const one = await post(resync, "/api/admin/resync", { entity: "kimeno_szamla", from: "2019-02", to: "2019-02" });
    expect(one).toMatchObject({ status: 202, body: { total: 1, result: { dispatched: ["kimeno_szamla/2019-02"] } } });
    const snapshot = await post(resync, "/api/admin/resync", { entity: "cikk" });
    expect(snapshot.body.result.dispatched).toEqual(["cikk/all"]);
    const range = await post(resync, "/api/admin/resync", { entity: "kimeno_szamla", from: "2019-01", to: "2019-03" });
    expect(range).toMatchObject({ status: 202, body: { total: 3, hydrationId: expect.any(String) } });
    await h.settle();
    const manual = await h.call(syncs, "/api/admin/syncs?trigger=manual&entity=kimeno_szamla", { as: "admin" });
    expect(manual.body.runs.map((r: { partition: string }) => r.partition)).toContain("2019-02");
  });

  it("retries every failed partition", async () => {
    h.simulator.update({ faults: [{ kind: "soap-fault", entity: "raktari_mozgas" }] });
    await post(resync, "/api/admin/resync", { entity: "raktari_mozgas", from: "2018-05", to: "2018-05" });
    await h.settle();
    expect((await h.call(coverage, "/api/admin/coverage", { as: "admin" })).body.cells["raktari_mozgas/2018-05"].state).toBe("error");
    h.simulator.update({ faults: [] });
    const retried = await post(retryFailed, "/api/admin/retry-failed");
    expect(retried.status).toBe(202);
    expect(retried.body.partitions).toContain("raktari_mozgas/2018-05");
    await h.settle();
    expect((await h.call(coverage, "/api/admin/coverage", { as: "admin" })).body.cells["raktari_mozgas/2018-05"].state).toBe("closed");
  });

  it.each([
    [{ entities: [] }, "entities"],
    [{ entities: ["szamla"] }, "entities"],
    [{ from: "2019-13" }, "from"],
    [{ force: "yes" }, "force"],
  ])("refuses the hydration request %j naming %s", async (body, parameter) => {
    const { status, body: answer } = await post(hydrate, "/api/admin/hydrations", body);
    expect(status).toBe(400);
    expect(answer.parameter).toBe(parameter);
  });

  it("refuses ranges outside history, malformed JSON, other content types and a bad id", async () => {
    expect((await post(hydrate, "/api/admin/hydrations", { from: "2015-01", to: "2016-12" })).status).toBe(400);
    expect((await post(hydrate, "/api/admin/hydrations", { from: "2020-05", to: "2020-01" })).body.error).toMatch(/after/);
    expect((await post(hydrate, "/api/admin/hydrations", "{not json")).status).toBe(400);
    expect((await post(hydrate, "/api/admin/hydrations", "entities=cikk", {}, "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post(resync, "/api/admin/resync", { entity: "kimeno_szamla" })).body).toMatchObject({ parameter: "from" });
    expect((await post(cancel, "/api/admin/hydrations/x/cancel", undefined, { id: "x" })).status).toBe(400);
    for (const query of ["status=done", "trigger=cli", "entity=x", "page=0", "pageSize=5000"]) {
      expect((await h.call(syncs, `/api/admin/syncs?${query}`, { as: "admin" })).status).toBe(400);
    }
  });

  it("streams the console status and the partitions' changes", async () => {
    const abort = new AbortController();
    const response = await progress(new Request("http://localhost/api/admin/progress", { signal: abort.signal, headers: { cookie: await h.signInAs("admin") } }));
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    while (!/event: status\ndata: \{.*"erp"/.test(received)) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value);
    }
    expect(received).toMatch(/event: status\ndata: \{"at":/);
    abort.abort();
  });

  it("is for admins only: anonymous 401, viewer 403, on every route, before anything runs", async () => {
    const reads = [[coverage, "/api/admin/coverage"], [status, "/api/admin/status"], [syncs, "/api/admin/syncs"], [progress, "/api/admin/progress"]] as const;
    for (const [handler, path] of reads) {
      expect((await h.call(handler, path, { as: "anonymous" })).status, path).toBe(401);
      expect(await h.call(handler, path, { as: "viewer" }), path).toEqual({ status: 403, body: { error: "This needs the admin role." } });
    }
    const before = (await h.call(syncs, "/api/admin/syncs", { as: "admin" })).body.matching;
    const actions = [[hydrate, "/api/admin/hydrations", { entities: ["cikk"], force: true }], [resync, "/api/admin/resync", { entity: "cikk" }], [retryFailed, "/api/admin/retry-failed", {}]] as const;
    for (const [handler, path, body] of actions) {
      expect((await post(handler, path, body, {}, "application/json", "anonymous")).status, path).toBe(401);
      expect((await post(handler, path, body, {}, "application/json", "viewer")).status, path).toBe(403);
    }
    const id = "00000000-0000-4000-8000-000000000000";
    expect((await post(cancel, `/api/admin/hydrations/${id}/cancel`, undefined, { id }, "application/json", "viewer")).status).toBe(403);
    await h.settle();
    expect((await h.call(syncs, "/api/admin/syncs", { as: "admin" })).body.matching).toBe(before);
  });
});
