import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { onTestFinished } from "vitest";

/**
 * Runs one of the CLIs in scripts/ as a real child process (`node --import tsx
 * scripts/<name>.ts …`, cwd = the repo root), the way an operator runs it.
 */

const ROOT = path.resolve(import.meta.dirname, "..");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<CliResult>;
}

/**
 * The child's whole environment: only what a CLI needs, so nothing from the
 * test runner's environment (its DATABASE_URL is the server, not the test
 * file's database; NODE_ENV=test; Inngest keys…) leaks in.
 */
export function cliEnv(vars: { databaseUrl: string; simulatorUrl: string }, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "development",
    DATABASE_URL: vars.databaseUrl,
    THARANIS_API_URL: vars.simulatorUrl,
    THARANIS_UGYFELKOD: "1000",
    THARANIS_CEGKOD: "demo",
    THARANIS_API_KEY: "sim-key",
    // No in-run page retries: an injected fault must surface as the run's outcome.
    SYNC_PAGE_RETRIES: "0",
    ...extra,
  };
}

/** Starts `scripts/<script>.ts`; the process is SIGKILLed when the test ends if it is still alive. */
export function startCli(script: "sync" | "hydrate", args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", `${script}.ts`), ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<CliResult>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs a CLI to its end; a hang is killed after `timeoutMs` and reported with its output. */
export function runCli(script: "sync" | "hydrate", args: string[], env: NodeJS.ProcessEnv, timeoutMs = 45_000): Promise<CliResult> {
  return exitWithin(startCli(script, args, env), timeoutMs);
}

/** The result of a started CLI; SIGKILLs it and rejects, with its output, if it has not exited within `timeoutMs`. */
export async function exitWithin(running: RunningCli, timeoutMs: number): Promise<CliResult> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      running.child.kill("SIGKILL");
      reject(new Error(`${running.child.spawnargs.slice(3).join(" ")} still running after ${timeoutMs} ms\n--- stdout\n${running.stdout()}\n--- stderr\n${running.stderr()}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([running.exited, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** "1 234" / "1 234" (hu-HU groups thousands with a no-break space) → 1234. */
export function parseCount(text: string): number {
  return Number(text.replace(/\s/g, ""));
}

/** For assertion messages: the whole output of a run. */
export function describeRun(result: CliResult): string {
  return `exit ${result.code} (signal ${result.signal})\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
