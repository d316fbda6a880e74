import { createHash, createHmac, randomBytes } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/erp-sim";
import { createScratchDatabase, freePort, type ScratchDatabase } from "@/lib/db/scratch";
import { runInngestFunction } from "./inngest-executor";
import { appEnvironment, buildNextApp, startNextApp, type RunningApp } from "./next-app";
import { startStubServer, type StubServer } from "./stub-http-server";
import { waitFor } from "./sync-harness";

/**
 * Secrets never reach the browser or the logs. The production build is made
 * here, with distinctive values for every secret in its environment: the ERP
 * key, the Inngest event and signing keys, the database URL (its password),
 * the session secret and the first admin's password. None may appear in the
 * build output. Then the built app runs (`next start`) twice with the same
 * secrets – inline mode, and Inngest mode against an "Inngest Cloud" that
 * refuses every send and registration – against an ERP simulator whose faults
 * echo the API key back in SOAP Faults and `hiba` messages. Every page and API is called (signed in and not, good
 * and bad input, failing syncs, the Inngest endpoint unsigned, wrongly signed
 * and properly signed), and no log line and no HTTP answer may contain any
 * secret.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
/** The build folder of this test (git-ignored by `.next-*`, listed in tsconfig's include so Next leaves it alone). */
const DIST_DIR = ".next-secrets-test";
const BUILD_TIMEOUT_MS = 10 * 60_000;
const RUN_TIMEOUT_MS = 4 * 60_000;

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const signingKeyHex = hex(32);
const SECRETS = {
  THARANIS_API_KEY: `erp-key-${hex(12)}`,
  INNGEST_EVENT_KEY: `event-key-${hex(12)}`,
  INNGEST_SIGNING_KEY: `signkey-prod-${signingKeyHex}`,
  BETTER_AUTH_SECRET: `auth-secret-${hex(16)}`,
  ADMIN_PASSWORD: `admin-pw-${hex(8)}`,
  DATABASE_PASSWORD: `db-pass-${hex(12)}`,
};
const ADMIN_EMAIL = "secrets-admin@example.com";
const ROLE = `secrets_app_${hex(4)}`;

/**
 * What must never show, by name: each secret, its random core alone (a
 * truncated or partly redacted copy) and the signing key as the SDK hashes it
 * (the bearer token of Inngest's API). The database URL is covered by its password.
 */
const NEEDLES: Record<string, string> = {
  ...SECRETS,
  "THARANIS_API_KEY (core)": SECRETS.THARANIS_API_KEY.slice("erp-key-".length),
  "INNGEST_EVENT_KEY (core)": SECRETS.INNGEST_EVENT_KEY.slice("event-key-".length),
  "INNGEST_SIGNING_KEY (without prefix)": signingKeyHex,
  "INNGEST_SIGNING_KEY (hashed)": createHash("sha256").update(Buffer.from(signingKeyHex, "hex")).digest("hex"),
  "BETTER_AUTH_SECRET (core)": SECRETS.BETTER_AUTH_SECRET.slice("auth-secret-".length),
  "ADMIN_PASSWORD (core)": SECRETS.ADMIN_PASSWORD.slice("admin-pw-".length),
  "DATABASE_PASSWORD (core)": SECRETS.DATABASE_PASSWORD.slice("db-pass-".length),
};

/** Names of the secrets found in `text`. */
function leaks(text: string): string[] {
  return Object.entries(NEEDLES)
    .filter(([, needle]) => text.includes(needle))
    .map(([name]) => name);
}

/** The ERP echoes the key back: in SOAP Faults (plain and XML-escaped context) and in `hiba` messages. */
const ECHOING_FAULTS = [
  { kind: "soap-fault" as const, entity: "kimeno_szamla", message: `Érvénytelen API-kulcs: ${SECRETS.THARANIS_API_KEY}` },
  { kind: "hiba" as const, entity: "raktari_mozgas", code: "5", message: `A(z) ${SECRETS.THARANIS_API_KEY} kulcs nem jogosult erre` },
  { kind: "soap-fault" as const, entity: "keszlet", message: `<apikey>${SECRETS.THARANIS_API_KEY}</apikey> & a lezárt időszak` },
];

let simulator: RunningSimulator;
let scratch: ScratchDatabase | undefined;
let serverUrl: string;
let databaseUrl: string;
let pool: pg.Pool | undefined;
let roleCreated = false;
const apps: RunningApp[] = [];
let buildOutput = "";
const GENERATED_BY_BUILD = ["next-env.d.ts", "tsconfig.json"];
/** Their content before the build (undefined: the file did not exist). */
const savedFiles = new Map<string, string | undefined>();
let inngestCloud: StubServer | undefined;

beforeAll(async () => {
  // The database: a migrated one of this test's own, reached as a role whose password is a secret.
  serverUrl = inject("databaseServerUrl");
  scratch = await createScratchDatabase(serverUrl, "erp_cache_secrets");
  const owner = new pg.Client({ connectionString: scratch.url });
  await owner.connect();
  try {
    await owner.query(`create role ${ROLE} login password '${SECRETS.DATABASE_PASSWORD}'`);
    roleCreated = true;
    for (const grant of ["all on schema public", "all on all tables in schema public", "all on all sequences in schema public", "execute on all functions in schema public"]) {
      await owner.query(`grant ${grant} to ${ROLE}`);
    }
  } finally {
    await owner.end();
  }
  const url = new URL(scratch.url);
  url.username = ROLE;
  url.password = SECRETS.DATABASE_PASSWORD;
  databaseUrl = url.toString();
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await pool.query("select 1"); // the URL works as the app will use it

  simulator = await startSimulator({ port: 0, latencyMs: 0, credentials: { ugyfelkod: "1000", cegkod: "demo", apiKey: SECRETS.THARANIS_API_KEY } });
  simulator.update({ faults: ECHOING_FAULTS });

  // `next build` rewrites next-env.d.ts to point at its folder (and would add it to tsconfig.json):
  // both are put back afterwards, so the working tree is left as it was.
  for (const file of GENERATED_BY_BUILD) savedFiles.set(file, await readFile(path.join(ROOT, file), "utf8").catch(() => undefined));
  // The build sees every secret in its environment, as a careless CI would give it.
  buildOutput = await buildNextApp(
    DIST_DIR,
    appEnvironment({
      ...serverSecrets(),
      ...inngestSecrets(),
      NODE_ENV: "production",
      THARANIS_API_URL: simulator.url,
      // Type checking is `npm run typecheck`'s job; this build is about what it outputs.
      NEXT_BUILD_SKIP_TYPECHECK: "1",
    }),
  );
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  for (const app of apps) await app.stop();
  await inngestCloud?.close();
  await simulator?.stop();
  await pool?.end();
  await scratch?.drop();
  if (roleCreated) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop role if exists ${ROLE}`).finally(() => admin.end());
  }
  await rm(path.join(ROOT, DIST_DIR), { recursive: true, force: true });
  for (const [file, content] of savedFiles) {
    const target = path.join(ROOT, file);
    if (content === undefined) await rm(target, { force: true });
    else if ((await readFile(target, "utf8").catch(() => undefined)) !== content) await writeFile(target, content);
  }
}, 60_000);

function serverSecrets(): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    THARANIS_API_KEY: SECRETS.THARANIS_API_KEY,
    BETTER_AUTH_SECRET: SECRETS.BETTER_AUTH_SECRET,
    ADMIN_EMAIL,
    ADMIN_PASSWORD: SECRETS.ADMIN_PASSWORD,
  };
}

function inngestSecrets(): Record<string, string> {
  return { INNGEST_EVENT_KEY: SECRETS.INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY: SECRETS.INNGEST_SIGNING_KEY };
}

async function startApp(extra: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const app = await startNextApp(
    DIST_DIR,
    port,
    appEnvironment({
      ...serverSecrets(),
      NODE_ENV: "production",
      DB_MIGRATE_ON_START: "false",
      THARANIS_API_URL: simulator.url,
      THARANIS_UGYFELKOD: "1000",
      THARANIS_CEGKOD: "demo",
      THARANIS_TIMEOUT_MS: "10000",
      SYNC_CRON: "false",
      SYNC_PAGE_RETRIES: "0",
      ERP_BREAKER_THRESHOLD: "100",
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      ...extra,
    }),
  );
  apps.push(app);
  return app;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every HTTP exchange with the app: what was asked, the status, and the answer's headers and body as text. */
interface Exchange {
  what: string;
  status: number;
  text: string;
}

function client(app: RunningApp) {
  const exchanges: Exchange[] = [];
  let ip = 0;
  async function call(method: string, route: string, options: { cookie?: string; json?: unknown; body?: string; headers?: Record<string, string>; streamMs?: number } = {}) {
    const headers: Record<string, string> = { origin: app.baseUrl, "x-forwarded-for": `203.0.113.${(ip += 1)}`, ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    let body = options.body;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    const controller = new AbortController();
    const response = await fetch(`${app.baseUrl}${route}`, { method, headers, body, redirect: "manual", signal: controller.signal });
    let text = "";
    if (options.streamMs !== undefined) {
      // Server-sent events: what arrives within the time, then hang up.
      const timer = setTimeout(() => controller.abort(), options.streamMs);
      try {
        const decoder = new TextDecoder();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
      } catch {
        // aborted
      } finally {
        clearTimeout(timer);
      }
    } else {
      text = await response.text();
    }
    const head = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
    const exchange = { what: `${method} ${route}`, status: response.status, text: `${head}\n\n${text}` };
    exchanges.push(exchange);
    return { status: response.status, text, response };
  }
  async function signIn(password: string): Promise<{ status: number; cookie?: string }> {
    const { status, response } = await call("POST", "/api/auth/sign-in/email", { json: { email: ADMIN_EMAIL, password } });
    const cookie = response.headers.getSetCookie().find((line) => /^(__Secure-)?erp-cache\.session_token=/.test(line));
    return { status, cookie: cookie?.split(";")[0] };
  }
  return { exchanges, call, signIn };
}

const PAGES = ["/", "/sales", "/inventory", "/movements", "/admin/hydration", "/admin/syncs", "/admin/users", "/sign-in", "/no-such-page"];
const MONTH = "2025-05";

/** Reads of every dashboard API, good and bad input, and every page. */
async function browse(c: ReturnType<typeof client>, cookie: string) {
  const reads = [
    `/api/sales?from=${MONTH}-01&to=${MONTH}-31`,
    `/api/sales?from=${MONTH}-01&to=${MONTH}-31&granularity=day&metric=net&compare=yoy`,
    `/api/movements?from=${MONTH}-01&to=${MONTH}-31`,
    "/api/inventory",
    "/api/inventory?low=low&sort=total&dir=desc",
    "/api/products?q=k",
    "/api/freshness",
    `/api/freshness?entity=kimeno_szamla&from=${MONTH}-01&to=${MONTH}-31`,
    "/api/admin/status",
    "/api/admin/coverage",
    "/api/admin/syncs",
    "/api/admin/syncs?status=error",
  ];
  for (const route of reads) expect((await c.call("GET", route, { cookie })).status, route).toBe(200);
  const bad = [
    "/api/sales?from=nope&to=2025-13-45",
    "/api/sales?from=2025-06-01&to=2025-05-01",
    "/api/inventory?sort=DROP%20TABLE",
    "/api/products?q=%00",
    "/api/products",
    "/api/freshness?from=2025-05-01",
    "/api/admin/syncs?status=bogus&page=-1",
  ];
  for (const route of bad) expect((await c.call("GET", route, { cookie })).status, route).toBe(400);
  for (const route of PAGES) await c.call("GET", route, { cookie });
  await c.call("GET", "/api/freshness/stream", { cookie, streamMs: 1_500 });
  await c.call("GET", "/api/admin/progress", { cookie, streamMs: 2_500 });
}

/** Anonymous calls and sign-in attempts, before signing in for real. */
async function asStranger(c: ReturnType<typeof client>) {
  expect((await c.call("GET", `/api/sales?from=${MONTH}-01&to=${MONTH}-31`)).status).toBe(401);
  expect((await c.call("POST", "/api/admin/resync", { json: { entity: "cikk" } })).status).toBe(401);
  expect((await c.call("GET", "/api/admin/status", { cookie: "erp-cache.session_token=forged.value" })).status).toBe(401);
  for (const route of PAGES) await c.call("GET", route);
  expect((await c.signIn("wrong-password-1234")).status).toBe(401);
  await c.call("POST", "/api/auth/sign-in/email", { body: "{not json", headers: { "content-type": "application/json" } });
  const session = await c.signIn(SECRETS.ADMIN_PASSWORD);
  expect(session.status).toBe(200);
  expect(session.cookie).toBeDefined();
  return session.cookie!;
}

/** Admin actions: a resync per entity, a hydration, retries, bad bodies. */
async function act(c: ReturnType<typeof client>, cookie: string) {
  const accepted = [
    { entity: "kimeno_szamla", from: MONTH, to: MONTH },
    { entity: "keszlet" },
  ];
  const results = [];
  for (const body of accepted) results.push(await c.call("POST", "/api/admin/resync", { cookie, json: body }));
  results.push(await c.call("POST", "/api/admin/hydrations", { cookie, json: { entities: ["raktari_mozgas"], from: "2025-04", to: MONTH, force: true } }));
  results.push(await c.call("POST", "/api/admin/retry-failed", { cookie, json: {} }));
  expect((await c.call("POST", "/api/admin/resync", { cookie, json: { entity: "nope" } })).status).toBe(400);
  expect((await c.call("POST", "/api/admin/resync", { cookie, body: "entity=cikk", headers: { "content-type": "text/plain" } })).status).toBe(415);
  expect((await c.call("POST", "/api/admin/hydrations", { cookie, body: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
  await c.call("POST", `/api/admin/hydrations/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}/cancel`, { cookie, json: {} });
  return results;
}

/** JSON with object keys sorted at every level: RFC 8785 for the plain data the executor sends. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function expectNoLeaks(where: string, texts: Array<{ what: string; text: string }>) {
  const found = texts.flatMap(({ what, text }) => leaks(text).map((secret) => `${secret} in ${what}`));
  expect(found, where).toEqual([]);
}

/** Log lines with a secret, for a readable failure. */
function leakingLines(log: string): string[] {
  return log.split("\n").filter((line) => leaks(line).length > 0).map((line) => `${leaks(line).join(", ")}: ${line.slice(0, 300)}`);
}

async function partitionStates(): Promise<Array<{ entity: string; partition: string; status: string; locked: boolean; last_error: string | null }>> {
  const { rows } = await pool!.query(
    "select entity, partition, status, lock_token is not null as locked, last_error from sync_metadata order by entity, partition",
  );
  return rows;
}

describe("the production build", () => {
  it("contains none of the secrets it was built with: not in .next/static, nowhere in the output", { timeout: 120_000 }, async () => {
    expect(buildOutput).toContain("Compiled successfully");
    expect(leakingLines(buildOutput)).toEqual([]);

    const staticFiles = await filesUnder(path.join(ROOT, DIST_DIR, "static"));
    expect(staticFiles.filter((file) => file.endsWith(".js")).length).toBeGreaterThan(5);
    let staticText = "";
    const found: string[] = [];
    for (const file of staticFiles) {
      const text = await readFile(file, "utf8");
      staticText += text;
      for (const secret of leaks(text)) found.push(`${secret} in ${path.relative(ROOT, file)}`);
    }
    expect(found).toEqual([]);
    // The scan reads the real client bundles: the app's own API paths are in them.
    expect(staticText).toContain("/api/freshness");

    // Nor anywhere else in the build: server bundles, prerendered pages, manifests, traces, caches.
    const elsewhere: string[] = [];
    for (const file of await filesUnder(path.join(ROOT, DIST_DIR))) {
      if (file.includes(`${path.sep}static${path.sep}`)) continue;
      const text = (await readFile(file)).toString("latin1");
      for (const secret of leaks(text)) elsewhere.push(`${secret} in ${path.relative(ROOT, file)}`);
    }
    expect(elsewhere).toEqual([]);
  });
});

describe("the running app", () => {
  it("inline mode: no log line and no answer carries a secret, while syncs fail on an ERP that echoes the key", { timeout: RUN_TIMEOUT_MS }, async () => {
    const app = await startApp({});
    const c = client(app);
    const cookie = await asStranger(c);

    // The key works: a product sync (no fault) succeeds against the ERP, which checks it.
    expect((await c.call("POST", "/api/admin/resync", { cookie, json: { entity: "cikk" } })).status).toBe(202);
    await waitFor(async () => (await partitionStates()).some((p) => p.entity === "cikk" && p.status === "success"), 60_000, "the product sync");

    const results = await act(c, cookie);
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    await browse(c, cookie);

    // Every faulted entity failed with the ERP's echo – the key replaced by *** – and nothing is left running.
    await waitFor(
      async () => {
        const states = await partitionStates();
        const failed = (entity: string) => states.some((p) => p.entity === entity && p.partition === (entity === "keszlet" ? "all" : MONTH) && p.status === "error");
        return failed("kimeno_szamla") && failed("raktari_mozgas") && failed("keszlet") && states.every((p) => !p.locked);
      },
      90_000,
      "the faulted syncs to fail",
    );
    const states = await partitionStates();
    expectNoLeaks("stored sync errors", states.map((p) => ({ what: `sync_metadata ${p.entity}/${p.partition}`, text: p.last_error ?? "" })));
    const errors = states.filter((p) => p.status === "error").map((p) => p.last_error ?? "");
    expect(errors.some((e) => /SOAP Fault SOAP-ENV:Server: Érvénytelen API-kulcs: \*\*\*$/.test(e))).toBe(true);
    expect(errors.some((e) => /ERP error hiba 5: A\(z\) \*\*\* kulcs nem jogosult erre$/.test(e))).toBe(true);
    expect(errors.some((e) => e.includes("<apikey>***</apikey> & a lezárt időszak"))).toBe(true);
    const stats = simulator.stats();
    expect(stats.authFailures).toBe(0);
    expect(stats.faultsInjected).toBeGreaterThanOrEqual(3);

    // The failures are in the answers the admin reads now (sync history, status, the console stream).
    const history = await c.call("GET", "/api/admin/syncs?status=error", { cookie });
    expect(history.text).toContain("***");
    await browse(c, cookie);
    expect((await c.call("GET", "/api/inngest")).status).toBe(404);
    expect((await c.call("PUT", "/api/inngest")).status).toBe(404);
    expect((await c.call("POST", "/api/inngest?fnId=x&stepId=step", { json: {} })).status).toBe(404);
    await c.call("POST", "/api/auth/sign-out", { cookie, json: {} });

    await app.stop();
    const log = app.text();
    expect(log).toContain(`[startup] database: postgres://${ROLE}:***@`);
    expect(log).toContain("[startup] jobs: inline queue");
    expect(leakingLines(log)).toEqual([]);
    expectNoLeaks("HTTP answers", c.exchanges);
    expect(c.exchanges.length).toBeGreaterThan(60);
  });

  it("Inngest mode: the keys stay out of logs and answers – sends fail, the endpoint refuses unsigned calls, signed runs fail on the ERP", { timeout: RUN_TIMEOUT_MS }, async () => {
    // "Inngest Cloud" refuses everything, as it does an unknown key: every send and the registration fail.
    inngestCloud = await startStubServer((_, response) => {
      response.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "Event key not found", status: 401 }));
    });
    const app = await startApp({ ...inngestSecrets(), INNGEST_BASE_URL: `${new URL(inngestCloud.url).origin}/` });
    const c = client(app);
    const cookie = await asStranger(c);

    // Syncs become Inngest events, which cannot be sent: the actions fail without saying why in the answer.
    const results = await act(c, cookie);
    expect(results.every((r) => r.status === 202 || r.status === 500)).toBe(true);
    expect(results.some((r) => r.status === 500)).toBe(true);
    await browse(c, cookie);

    // The endpoint Inngest calls: introspection without details, registration failing, unsigned and forged calls refused.
    expect((await c.call("GET", "/api/inngest")).status).toBe(401);
    const registration = await c.call("PUT", "/api/inngest");
    expect(registration.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(registration.text)).toMatchObject({ modified: false });
    const event = { name: "erp/sync.requested", data: { entity: "kimeno_szamla", partition: MONTH, trigger: "manual", force: true, priority: 600 } };
    const run = `/api/inngest?fnId=erp-cache-dashboard-sync-partition&stepId=step`;
    const body = JSON.stringify({ event, events: [event], steps: {}, ctx: { run_id: "r", attempt: 0, max_attempts: 4, stack: { stack: [], current: -1 } } });
    expect((await c.call("POST", run, { body, headers: { "content-type": "application/json" } })).status).toBe(401);
    const forged = `t=${Math.floor(Date.now() / 1000)}&s=${"ab".repeat(32)}`;
    expect((await c.call("POST", run, { body, headers: { "content-type": "application/json", "x-inngest-signature": forged } })).status).toBe(401);
    expect((await partitionStates()).find((p) => p.entity === "kimeno_szamla" && p.partition === MONTH)?.locked ?? false).toBe(false);

    // Inngest itself (played by the test, signing with the key): the sync runs in the app and fails on the echoing ERP.
    // The runs that failed so far (about a hundred, all on the echoing ERP) count towards the circuit
    // breaker; were it open, this sync would be skipped as "ERP unavailable" instead of failing.
    const breaker = (await pool!.query("select state, consecutive_failures, opened_until from erp_health")).rows[0];
    await pool!.query("update erp_health set state = 'closed', consecutive_failures = 0, opened_until = null, probe_started_at = null");
    const before = simulator.stats().faultsInjected;
    const executed = await runInngestFunction({
      url: `${app.baseUrl}/api/inngest`,
      functionId: "erp-cache-dashboard-sync-partition",
      event,
      maxAttempts: 4,
      handler: async (request) => {
        // Inngest signs the canonical JSON (RFC 8785) of the body; send exactly that.
        const text = canonicalJson(JSON.parse(await request.text()));
        const ts = Math.floor(Date.now() / 1000).toString();
        const signature = createHmac("sha256", signingKeyHex).update(text + ts).digest("hex");
        const { status, response, text: answer } = await c.call("POST", new URL(request.url).pathname + new URL(request.url).search, {
          body: text,
          headers: { "content-type": "application/json", "x-inngest-signature": `t=${ts}&s=${signature}` },
        });
        const headers = new Headers({ "content-type": response.headers.get("content-type") ?? "application/json" });
        const noRetry = response.headers.get("x-inngest-no-retry");
        if (noRetry) headers.set("x-inngest-no-retry", noRetry);
        return new Response(status === 204 ? null : answer, { status, headers });
      },
    });
    // The run fails for good with the ERP's error, the key masked – in the answers Inngest got at every step.
    expect(executed, `${JSON.stringify(executed).slice(0, 2000)}; breaker was ${JSON.stringify(breaker)}`).toMatchObject({ status: "failed" });
    if (executed.status !== "failed") return;
    expect(executed.error.message).toBe(`Tharanis kimeno_szamla page 0: SOAP Fault SOAP-ENV:Server: Érvénytelen API-kulcs: ***`);
    expect(executed.attempts.map((a) => `${a.step}:${a.outcome}`)).toEqual([
      "claim-lock:ok",
      "page-0:retry",
      "page-0:retry",
      "page-0:retry",
      "page-0:failed",
      "release-failed:ok",
      "(function):failed",
    ]);
    expect(simulator.stats().faultsInjected - before).toBe(4); // the page, and Inngest's three retries
    const month = (await partitionStates()).find((p) => p.entity === "kimeno_szamla" && p.partition === MONTH);
    expect(month).toMatchObject({ status: "error", locked: false });
    expect(month!.last_error).toMatch(/Érvénytelen API-kulcs: \*\*\*$/);
    await c.call("POST", "/api/auth/sign-out", { cookie, json: {} });

    await app.stop();
    // The keys were in use: events went to /e/<event key>, the registration carried the hashed signing key.
    expect(inngestCloud.requests.some((r) => r.method === "POST" && r.url.startsWith(`/e/${SECRETS.INNGEST_EVENT_KEY}`))).toBe(true);
    expect(inngestCloud.requests.some((r) => r.headers.authorization === `Bearer signkey-prod-${NEEDLES["INNGEST_SIGNING_KEY (hashed)"]}`)).toBe(true);
    const log = app.text();
    expect(log).toContain("[startup] jobs: Inngest");
    expect(leakingLines(log)).toEqual([]);
    expectNoLeaks("HTTP answers", c.exchanges);
  });
});
