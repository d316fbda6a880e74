import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
/** A build folder of the benchmarks' own, so a developer's .next is left alone. */
export const BENCH_DIST_DIR = ".next-bench";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/** `next build` into .next-bench (skipped with BENCH_SKIP_BUILD=1 when a build is already there). */
export async function buildApp(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(path.join(ROOT, BENCH_DIST_DIR, "BUILD_ID"))) return;
  await run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    ...process.env,
    NEXT_DIST_DIR: BENCH_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
  });
}

export interface AppServer {
  baseUrl: string;
  /** `Cookie` header of the bench admin's session: every page and API but /api/health needs one. */
  cookie: string;
  stop(): Promise<void>;
}

/** The admin the bench app creates at start-up (ADMIN_EMAIL / ADMIN_PASSWORD) and signs in as. */
const BENCH_ADMIN = { email: "admin@bench.test", password: "bench-admin-password" };

/**
 * `next start` of the bench build on a port, with the given environment;
 * resolves when it answers and the bench admin is signed in.
 */
export async function startApp(port: number, env: Record<string, string>): Promise<AppServer> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "--port", String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      // Production requires a secret; a throw-away one per run. The http:// URL keeps the cookie plain (not __Secure-).
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      BETTER_AUTH_URL: baseUrl,
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let exited = false;
  child.on("exit", () => (exited = true));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error("next start exited before answering");
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("next start did not answer within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    cookie: await signIn(baseUrl),
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Signs the bench admin in; returns the session cookie as a `Cookie` header value. */
async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const cookie = response.headers.getSetCookie().find((line) => /^(__Secure-)?erp-cache\.session_token=/.test(line));
  if (!response.ok || !cookie) throw new Error(`signing in to the bench app failed: HTTP ${response.status}`);
  return cookie.split(";")[0]!;
}
