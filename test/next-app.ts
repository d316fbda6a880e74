import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * The production app as a real process, for tests that need the built output
 * (test/secrets.test.ts): `next build` into a folder of the caller's own and
 * `next start` on a port, every line the process prints kept for assertions.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

/** Variables of the test process that must not leak into the app's environment. */
const DROPPED = /^(DATABASE_URL|THARANIS_|INNGEST_|BETTER_AUTH_|ADMIN_|ERP_|SYNC_|DB_|EMBEDDED_PG_|AUTH_|NEXT_PUBLIC_|VITEST|NODE_OPTIONS$)/;

/** An environment for the app's processes, given in full. */
export type AppEnvironment = Record<string, string | undefined>;

/** The test process's environment without anything the app reads, plus `env`. */
export function appEnvironment(env: Record<string, string>): AppEnvironment {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !DROPPED.test(name)));
  return { ...base, NEXT_TELEMETRY_DISABLED: "1", ...env };
}

export interface ProcessOutput {
  /** Everything written to stdout and stderr so far, in arrival order. */
  text(): string;
}

function collect(child: ChildProcess): ProcessOutput {
  const chunks: string[] = [];
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => chunks.push(chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => chunks.push(chunk));
  return { text: () => chunks.join("") };
}

/**
 * `next build` into `distDir` (relative to the project root) with exactly `env`
 * (see appEnvironment; NODE_ENV is production); resolves with the build's output, rejects with its tail.
 */
export async function buildNextApp(distDir: string, env: AppEnvironment): Promise<string> {
  const child = spawn(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: "production", NEXT_DIST_DIR: distDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`next build exited with ${code}:\n${output.text().slice(-4_000)}`);
  return output.text();
}

export interface RunningApp extends ProcessOutput {
  baseUrl: string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * `next start` of the build in `distDir` on 127.0.0.1:`port` with exactly `env`;
 * resolves once GET /api/health answers 200 (rejects, with the output, if the
 * process exits first or is not up within `timeoutMs`).
 */
export async function startNextApp(distDir: string, port: number, env: AppEnvironment, timeoutMs = 90_000): Promise<RunningApp> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: "production", NEXT_DIST_DIR: distDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exit;
    clearTimeout(killer);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`next start exited before answering:\n${output.text().slice(-4_000)}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within ${timeoutMs} ms:\n${output.text().slice(-4_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, text: output.text, stop };
}
