import { afterAll, beforeAll } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/cookie";
import { closeAuth, getAuth } from "@/lib/auth/instance";
import type { UserRole } from "@/lib/auth/roles";
import { closeDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { closeSyncContext, getSyncContext } from "@/lib/sync/context";
import { SIMULATOR_DEFAULTS } from "@/lib/tharanis";
import { setupSyncHarness, type SyncHarness } from "./sync-harness";

/** Who a call is made as: nobody, or a signed-in user of a role. */
export type Identity = "anonymous" | UserRole;

/** The origin the app's requests come from in tests (BETTER_AUTH_URL below): better-auth checks it on POSTs. */
export const TEST_ORIGIN = "http://localhost";
export const TEST_PASSWORD = "harness-password-1";

export interface CallOptions {
  /** Default `viewer`: the dashboards' APIs need a session; `anonymous` is the explicit case. */
  as?: Identity;
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface AppHarness extends SyncHarness {
  /** Waits until every sync the app asked for (after responses) has finished. */
  settle(): Promise<void>;
  /** Call a route handler in-process: `call(GET, "/api/sales?from=…")`, as a signed-in viewer unless `options.as` says otherwise. */
  // The body is whatever JSON the route answered; each test asserts on its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(handler: (request: Request) => Promise<Response> | Response, path: string, options?: CallOptions): Promise<{ status: number; body: any }>;
  /** The Cookie header of a signed-in user of `role` (`viewer@harness.test` / `admin@harness.test`, created on first use). */
  signInAs(role: UserRole): Promise<string>;
  /** A request to better-auth's own endpoints (`/api/auth/…`), as the browser would send it. */
  auth(path: string, options?: { body?: unknown; cookie?: string; ip?: string; method?: string }): Promise<Response>;
  /** A request as `identity` would send it (Cookie header included). */
  request(path: string, identity: Identity, init?: Omit<CallOptions, "as">): Promise<Request>;
}

let nextIp = 0;
/** A client address of its own for each harness sign-in, so the per-IP limit never trips on test set-up. */
function freshIp(): string {
  nextIp += 1;
  return `198.51.${Math.floor(nextIp / 250) % 250}.${(nextIp % 250) + 1}`;
}

/** `name=value` of the session cookie a sign-in response set. */
export function sessionCookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`) || line.startsWith(`__Secure-${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`no session cookie in the response (status ${response.status})`);
  return cookie.split(";")[0]!;
}

/**
 * The app's own read layer and route handlers, in-process, on this file's
 * database and the simulator: the environment points the app there (inline
 * mode, no cron, a fixed auth secret, loose sign-in limits unless `options.env`
 * sets others), and everything process-wide is closed
 * afterwards – the auth instance too, so the next file's gets its database.
 */
export function setupAppHarness(options: Parameters<typeof setupSyncHarness>[0] & { env?: Record<string, string> } = {}): AppHarness {
  const harness = setupSyncHarness(options) as AppHarness;
  const cookies = new Map<UserRole, Promise<string>>();

  const savedEnv: Record<string, string | undefined> = {};
  beforeAll(() => {
    const env: Record<string, string | undefined> = {
      DATABASE_URL: harness.database.url,
      THARANIS_API_URL: harness.simulator.url,
      THARANIS_UGYFELKOD: SIMULATOR_DEFAULTS.ugyfelkod,
      THARANIS_CEGKOD: SIMULATOR_DEFAULTS.cegkod,
      THARANIS_API_KEY: SIMULATOR_DEFAULTS.apiKey,
      SYNC_CRON: "false",
      SYNC_PAGE_RETRIES: "0",
      DB_MIGRATE_ON_START: "false",
      BETTER_AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
      BETTER_AUTH_URL: TEST_ORIGIN,
      // Tests that exercise the sign-in limits set tight ones through `options.env`.
      AUTH_SIGN_IN_IP_MAX: "1000",
      AUTH_SIGN_IN_EMAIL_MAX_FAILURES: "1000",
      INNGEST_DEV: undefined,
      INNGEST_EVENT_KEY: undefined,
      ADMIN_EMAIL: undefined,
      ADMIN_PASSWORD: undefined,
      ...options.env,
    };
    for (const [name, value] of Object.entries(env)) {
      savedEnv[name] = process.env[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvCache();
    closeAuth();

    harness.settle = async () => {
      // after() runs the revalidation in the background: give it a moment to enqueue.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await (await getSyncContext()).queue?.idle();
    };

    harness.auth = async (path, { body, cookie, ip = freshIp(), method = "POST" } = {}) => {
      const headers: Record<string, string> = { origin: TEST_ORIGIN, "x-forwarded-for": ip };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (cookie) headers.cookie = cookie;
      const request = new Request(`${TEST_ORIGIN}/api/auth${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await getAuth()).handler(request);
    };

    harness.signInAs = (role) => {
      let cookie = cookies.get(role);
      if (!cookie) {
        cookie = (async () => {
          const email = `${role}@harness.test`;
          const auth = await getAuth();
          await auth.api.createUser({ body: { email, password: TEST_PASSWORD, name: `Harness ${role}`, role } });
          const response = await harness.auth("/sign-in/email", { body: { email, password: TEST_PASSWORD } });
          if (!response.ok) throw new Error(`signing in as ${role} failed: ${response.status} ${await response.text()}`);
          return sessionCookieOf(response);
        })();
        cookies.set(role, cookie);
      }
      return cookie;
    };

    harness.request = async (path, identity, { method = "GET", body, headers = {} } = {}) => {
      const all: Record<string, string> = { ...headers };
      if (identity !== "anonymous") all.cookie = await harness.signInAs(identity);
      if (body !== undefined) all["content-type"] = "application/json";
      if (method !== "GET") all.origin = TEST_ORIGIN;
      return new Request(`${TEST_ORIGIN}${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
    };

    harness.call = async (handler, path, { as = "viewer", ...init } = {}) => {
      const response = await handler(await harness.request(path, as, init));
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body };
    };
  });
  afterAll(async () => {
    await closeSyncContext();
    closeAuth();
    await closeDb();
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvCache();
  });
  return harness;
}
