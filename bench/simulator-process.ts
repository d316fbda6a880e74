import { spawn } from "node:child_process";
import path from "node:path";

/**
 * The simulator in a process of its own (as `npm run erp:sim` runs it), so that
 * a benchmark's own parsing does not share its CPU time.
 */
export async function startSimulatorProcess(env: Record<string, string>): Promise<{ url: string; baseUrl: string; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../erp-sim/main.ts")], {
    env: { ...process.env, ERP_SIM_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`simulator exited with code ${code}`)));
  });
  return { url, baseUrl: new URL(url).origin, stop: () => child.kill("SIGTERM") };
}
