import { beforeAll, describe, expect, it } from "vitest";
import { GET as coverageGET } from "@/app/api/admin/coverage/route";
import { GET as statusGET } from "@/app/api/admin/status/route";
import { GET as syncsGET } from "@/app/api/admin/syncs/route";
import { GET as freshnessGET } from "@/app/api/freshness/route";
import { GET as healthGET } from "@/app/api/health/route";
import { GET as inventoryGET } from "@/app/api/inventory/route";
import { GET as movementsGET } from "@/app/api/movements/route";
import { GET as productsGET } from "@/app/api/products/route";
import { GET as salesGET } from "@/app/api/sales/route";
import { ENTITIES, type Entity } from "@/lib/db";
import { coversOf, hotCoversOf } from "@/lib/data/freshness";
import { freshnessParams, movementsParams, salesParams, searchParamsInput } from "@/lib/data/params";
import { previousRange } from "@/lib/data/sales";
import { hydrationProgress, startHydration } from "@/lib/sync/hydrate";
import { readFreshness } from "@/lib/sync/freshness";
import { HISTORY_START_MONTH, monthOf, partitionFor } from "@/lib/sync/partitions";
import { requestSyncOf } from "@/lib/sync/request-sync";
import { setupAppHarness, TEST_ORIGIN, type Identity } from "@/test/app-harness";
import { FUZZ_ROUTES, generateQueries, type FuzzRoute } from "./query-generator";

/**
 * The API fuzz: ≥ 1,000 generated query strings per GET route (valid,
 * near-valid and hostile – see query-generator.ts), called in-process as an
 * admin (and a subset as viewer and anonymous). Every answer must be 2xx or
 * 4xx – never 5xx – a 4xx with a JSON `{error}`, and the database must be
 * exactly as it was: no query string may write anything.
 *
 * Reads of partitions that are not fresh start a background sync
 * (stale-while-revalidate), which is a legitimate write. So before the
 * fingerprint the whole history is hydrated, every other month a *valid*
 * fuzzed query reaches (dates before 2016, far in the future) is synced too
 * (months without data are cached as empty), and the snapshots are refreshed
 * so their 5-minute TTL cannot run out during the fuzz.
 *
 * FUZZ_SEED=<n> replays another corpus; FUZZ_QUERIES=<n> sends more per route.
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : 20_261_203;
const PER_ROUTE = Math.max(1_000, Number(process.env.FUZZ_QUERIES ?? 1_000) || 1_000);
/** How many of each route's queries are also sent as viewer and as anonymous. */
const SUBSET = 200;
const CONCURRENCY = 8;

type Handler = (request: Request) => Promise<Response> | Response;
const HANDLERS: Record<FuzzRoute, Handler> = {
  sales: salesGET,
  products: productsGET,
  inventory: inventoryGET,
  movements: movementsGET,
  freshness: freshnessGET,
  "admin/coverage": coverageGET,
  "admin/status": statusGET,
  "admin/syncs": syncsGET,
  health: healthGET,
};
const ADMIN_ROUTES: readonly FuzzRoute[] = ["admin/coverage", "admin/status", "admin/syncs"];
const PUBLIC_ROUTES: readonly FuzzRoute[] = ["health"];

const h = setupAppHarness();

const corpus = new Map<FuzzRoute, string[]>(FUZZ_ROUTES.map((route) => [route, generateQueries(route, PER_ROUTE, SEED)]));

interface Case {
  route: FuzzRoute;
  query: string;
  /** Position in the route's corpus, for the failure message. */
  index: number;
  as: Identity;
}

interface Outcome {
  failures: string[];
  /** route → status → count */
  statuses: Map<FuzzRoute, Map<number, number>>;
  /** route → milliseconds spent in its calls (summed over the concurrent workers) */
  millis: Map<FuzzRoute, number>;
}

/** The query as it appears in a failure: exact, unless it is very long (then its start, its length and where to find it). */
function describeCase({ route, query, index, as }: Case): string {
  const shown = query.length <= 1_500 ? query : `${query.slice(0, 1_500)}…(${query.length} chars in all; corpus[${route}][${index}], FUZZ_SEED=${SEED})`;
  return `${as} GET /api/${route}?${shown}`;
}

/** What a response must look like: never 5xx, a 4xx with `{error: string}`, a 2xx with a JSON object; anonymous and viewer callers turned away where they must be. */
function problemWith(testCase: Case, status: number, body: unknown): string | null {
  if (!Number.isInteger(status) || status < 200 || status >= 500) return `status ${status}`;
  const object = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (status >= 400 && (typeof object?.error !== "string" || object.error.length === 0)) return `status ${status} without a JSON {error} body`;
  if (status < 300 && !object) return `status ${status} without a JSON object body`;
  if (!PUBLIC_ROUTES.includes(testCase.route)) {
    if (testCase.as === "anonymous" && status !== 401) return `anonymous got ${status}, not 401`;
    if (testCase.as === "viewer" && ADMIN_ROUTES.includes(testCase.route) && status !== 403) return `viewer got ${status} from an admin route, not 403`;
  }
  return null;
}

async function run(cases: Case[], call: (testCase: Case) => Promise<{ status: number; body: unknown }>): Promise<Outcome> {
  const outcome: Outcome = { failures: [], statuses: new Map(), millis: new Map() };
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const testCase = cases[next++]!;
      let problem: string | null;
      let status = -1;
      const t0 = performance.now();
      try {
        const response = await call(testCase);
        status = response.status;
        problem = problemWith(testCase, response.status, response.body);
        if (problem && response.status >= 500) problem += `: ${JSON.stringify(response.body).slice(0, 200)}`;
      } catch (error) {
        // A handler that throws instead of answering is a 500 in Next.
        problem = `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
      }
      outcome.millis.set(testCase.route, (outcome.millis.get(testCase.route) ?? 0) + performance.now() - t0);
      const counts = outcome.statuses.get(testCase.route) ?? new Map<number, number>();
      counts.set(status, (counts.get(status) ?? 0) + 1);
      outcome.statuses.set(testCase.route, counts);
      if (problem) outcome.failures.push(`${describeCase(testCase)} → ${problem}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcome;
}

const callApp = (testCase: Case) => h.call(HANDLERS[testCase.route], `/api/${testCase.route}?${testCase.query}`, { as: testCase.as });

function summary(outcome: Outcome): string {
  return [...outcome.statuses]
    .map(([route, counts]) => `${route}: ${[...counts].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(" ")} (${((outcome.millis.get(route) ?? 0) / 1000).toFixed(1)} s)`)
    .join("; ");
}

/** The list a failed assertion prints: every failure up to 100, then a count. */
function failureList(failures: string[]): string[] {
  return failures.length <= 100 ? failures : [...failures.slice(0, 100), `… and ${failures.length - 100} more`];
}

// --- the partitions the corpus reads, so they can all be fresh before the fuzz ---

/** Every (entity, partition) a valid query of the corpus reads – what the route would ask to sync if it were not fresh. */
function partitionsRead(): Array<{ entity: Entity; partition: string }> {
  const refs = new Map<string, { entity: Entity; partition: string }>();
  const add = (cover: { entity: Entity; partitions: string[] }) => {
    for (const partition of cover.partitions) refs.set(`${cover.entity}/${partition}`, { entity: cover.entity, partition });
  };
  for (const entity of ENTITIES) add(hotCoversOf(entity));
  const parse = (route: FuzzRoute, query: string, lists: string[]) => searchParamsInput(new URL(`${TEST_ORIGIN}/api/${route}?${query}`).searchParams, lists);
  for (const query of corpus.get("sales")!) {
    const parsed = salesParams.safeParse(parse("sales", query, ["sku"]));
    if (!parsed.success) continue;
    const { from, to, granularity, compare } = parsed.data;
    add(coversOf("kimeno_szamla", from, to));
    if (compare === "yoy") {
      const previous = previousRange(from, to, granularity);
      add(coversOf("kimeno_szamla", previous.from, previous.to));
    }
  }
  for (const query of corpus.get("movements")!) {
    const parsed = movementsParams.safeParse(parse("movements", query, ["sku"]));
    if (parsed.success) add(coversOf("raktari_mozgas", parsed.data.from, parsed.data.to));
  }
  for (const query of corpus.get("freshness")!) {
    const parsed = freshnessParams.safeParse(parse("freshness", query, ["entity"]));
    if (!parsed.success) continue;
    const { entity, from, to } = parsed.data;
    for (const name of entity) add(from && to ? coversOf(name, from, to) : hotCoversOf(name));
  }
  return [...refs.values()];
}

// --- the database's fingerprint ---

/**
 * Tables a read may legitimately change, left out of the comparison. Empty: every
 * table of the public schema – data, sync_metadata, sync_runs, hydrations,
 * erp_health, auth – must come out of the fuzz exactly as it went in.
 */
const EXCLUDED_TABLES = new Set<string>([]);

async function fingerprint(): Promise<Record<string, string>> {
  const pool = h.database.pool;
  const { rows: tables } = await pool.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    if (EXCLUDED_TABLES.has(name)) continue;
    const { rows } = await pool.query<{ n: string; hash: string }>(
      `select count(*)::text as n, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as hash from public.${quoteIdent(name)} t`,
    );
    result[name] = `${rows[0]!.n} rows, ${rows[0]!.hash}`;
  }
  return result;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

describe(`API fuzz (FUZZ_SEED=${SEED}, ${PER_ROUTE} queries per route)`, () => {
  let before: Record<string, string>;
  const started = performance.now();

  beforeAll(async () => {
    console.log(`[fuzz] FUZZ_SEED=${SEED} – ${FUZZ_ROUTES.map((route) => `${route}: ${corpus.get(route)!.length}`).join(", ")}`);
    const context = h.inline({ concurrency: 4 });

    // The whole history, as `npm run hydrate` would.
    const hydration = await startHydration(context, { entities: [...ENTITIES], from: HISTORY_START_MONTH, to: monthOf(new Date()), force: false });
    await context.queue.idle();
    // Also marks the hydration done, so the status route has nothing left to write.
    expect(await hydrationProgress(h.database.pool, hydration.id)).toMatchObject({ status: "done", failed: 0 });
    const hydrated = performance.now();

    // Every other month a valid fuzzed query reads (before 2016-06, after now): synced now, as empty months.
    const wanted = partitionsRead();
    const partitions = wanted.map((ref) => partitionFor(ref.entity, ref.partition));
    const expired = (await readFreshness(h.database.pool, partitions)).partitions.filter((p) => p.expired);
    await requestSyncOf(context, expired, "manual");
    await context.queue.idle();
    // And the snapshots again, so their 5-minute TTL starts now.
    await requestSyncOf(context, [{ entity: "keszlet", partition: "all" }, { entity: "cikk", partition: "all" }], "manual", { force: true });
    await context.queue.idle();
    const notFresh = (await readFreshness(h.database.pool, partitions)).partitions.filter((p) => p.state !== "fresh");
    expect(notFresh.map((p) => `${p.entity}/${p.partition}: ${p.state} ${p.lastError ?? ""}`)).toEqual([]);

    // Sessions exist before the fingerprint: signing in writes, reading with a session must not.
    await h.signInAs("viewer");
    await h.signInAs("admin");
    before = await fingerprint();
    console.log(
      `[fuzz] set-up: hydration ${((hydrated - started) / 1000).toFixed(1)} s, ${expired.length} more partitions synced (${wanted.length} read by valid queries), ` +
        `fingerprint of ${Object.keys(before).length} tables; ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
    );
  }, 300_000);

  it("generates at least 1,000 distinct query strings per route, the same for the same seed", () => {
    for (const route of FUZZ_ROUTES) {
      const queries = corpus.get(route)!;
      expect(queries.length, route).toBeGreaterThanOrEqual(1_000);
      expect(new Set(queries).size, route).toBe(queries.length);
      expect(generateQueries(route, PER_ROUTE, SEED), route).toEqual(queries);
    }
    expect(generateQueries("sales", 1_000, SEED + 1)).not.toEqual(corpus.get("sales"));
    // Hostile material is in there, not only well-formed queries.
    const all = [...corpus.values()].flat();
    for (const needle of ["'%20or%201%3D1--", "drop%20table", "1e308", "99999999999999999999", "2023-02-30", "%00", "%ED%A0%80", "%F0%9F%98%80", "sku=C", "[]="]) {
      expect(all.some((query) => query.includes(needle)), needle).toBe(true);
    }
    expect(all.some((query) => query.length > 10_000)).toBe(true);
  });

  it("the checks catch what they are meant to catch", async () => {
    const base = { route: "sales" as const, query: "x=1", index: 0, as: "admin" as const };
    expect(problemWith(base, 500, { error: "boom" })).toMatch(/500/);
    expect(problemWith(base, 502, "Bad Gateway")).toMatch(/502/);
    expect(problemWith(base, 400, "not json")).toMatch(/error/);
    expect(problemWith(base, 400, { error: "" })).toMatch(/error/);
    expect(problemWith(base, 200, "text")).toMatch(/object/);
    expect(problemWith({ ...base, as: "anonymous" }, 400, { error: "x" })).toMatch(/401/);
    expect(problemWith({ ...base, route: "admin/syncs", as: "viewer" }, 200, {})).toMatch(/403/);
    expect(problemWith(base, 400, { error: "from is required" })).toBeNull();
    expect(problemWith(base, 200, { series: [] })).toBeNull();
    const broken = await run([base, { ...base, index: 1 }], async (testCase) => {
      if (testCase.index === 1) throw new Error("kaput");
      return { status: 500, body: { error: "x" } };
    });
    expect(broken.failures).toEqual([`admin GET /api/sales?x=1 → status 500: {"error":"x"}`, "admin GET /api/sales?x=1 → threw Error: kaput"]);
  });

  it("answers known-good queries with data from a warm cache", async () => {
    const sales = await h.call(salesGET, "/api/sales?from=2024-01-01&to=2024-12-31", { as: "admin" });
    expect(sales.status).toBe(200);
    expect(sales.body.freshness.state).toBe("fresh");
    expect(sales.body.totals[0].lines).toBeGreaterThan(0);
    expect(sales.body.series[0].points.every((point: { value: string | null }) => point.value !== null && Number(point.value) > 0)).toBe(true);

    const movements = await h.call(movementsGET, "/api/movements?from=2024-01-01&to=2024-03-31", { as: "admin" });
    expect(movements.status).toBe(200);
    expect(movements.body.totals.lines).toBeGreaterThan(0);

    const inventory = await h.call(inventoryGET, "/api/inventory?pageSize=10", { as: "viewer" });
    expect(inventory.status).toBe(200);
    expect(inventory.body.matching).toBeGreaterThan(1_000);
    expect(inventory.body.rows).toHaveLength(10);

    const products = await h.call(productsGET, "/api/products?q=C10001", { as: "viewer" });
    expect(products.status).toBe(200);
    expect(products.body.products[0].sku).toBe("C10001");

    const coverage = await h.call(coverageGET, "/api/admin/coverage", { as: "admin" });
    expect(coverage.status).toBe(200);
    expect(coverage.body.counts.never).toBe(0);

    const syncs = await h.call(syncsGET, "/api/admin/syncs?trigger=hydrate&pageSize=10", { as: "admin" });
    expect(syncs.status).toBe(200);
    expect(syncs.body.matching).toBeGreaterThan(200);

    // A failed parse is a 400 naming the parameter.
    const bad = await h.call(salesGET, "/api/sales?from=2023-02-30&to=2024-01-01", { as: "admin" });
    expect(bad).toMatchObject({ status: 400, body: { parameter: "from", error: expect.stringMatching(/calendar day/) } });
  });

  it(`never answers 5xx to ${PER_ROUTE}+ fuzzed queries per route as an admin`, async () => {
    const cases = FUZZ_ROUTES.flatMap((route) => corpus.get(route)!.map((query, index): Case => ({ route, query, index, as: "admin" })));
    const t0 = performance.now();
    const outcome = await run(cases, callApp);
    console.log(`[fuzz] admin: ${cases.length} calls in ${((performance.now() - t0) / 1000).toFixed(1)} s – ${summary(outcome)}`);
    expect(failureList(outcome.failures)).toEqual([]);
    // The corpus is not all rejections: every route with parameters answered a good share with 200.
    for (const route of FUZZ_ROUTES) expect(outcome.statuses.get(route)!.get(200) ?? 0, route).toBeGreaterThanOrEqual(100);
  }, 300_000);

  it(`turns away viewers (admin routes) and anonymous callers with 403/401, never 5xx (${SUBSET} queries per route each)`, async () => {
    const cases = FUZZ_ROUTES.flatMap((route) =>
      corpus.get(route)!.slice(0, SUBSET).flatMap((query, index): Case[] => [
        { route, query, index, as: "viewer" },
        { route, query, index, as: "anonymous" },
      ]),
    );
    const t0 = performance.now();
    const outcome = await run(cases, callApp);
    console.log(`[fuzz] viewer/anonymous: ${cases.length} calls in ${((performance.now() - t0) / 1000).toFixed(1)} s – ${summary(outcome)}`);
    expect(failureList(outcome.failures)).toEqual([]);
  }, 300_000);

  it("leaves the database exactly as it was", async () => {
    // Any sync a read asked for has finished (or was never asked for).
    await h.settle();
    const after = await fingerprint();
    const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
    expect(changed.map((table) => `${table}: ${before[table] ?? "absent"} → ${after[table] ?? "absent"}`)).toEqual([]);
    expect(Object.keys(after)).toEqual(expect.arrayContaining(["sales_invoice_lines", "warehouse_movements", "inventory_snapshot", "products", "sync_metadata", "sync_runs", "hydrations", "erp_health"]));
    console.log(`[fuzz] ${((performance.now() - started) / 1000).toFixed(1)} s in all (FUZZ_SEED=${SEED})`);
  });
});
