import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseSimulatorEnv } from "./cli-env";

describe("environment", () => {
  it("has working defaults", () => {
    expect(parseSimulatorEnv({})).toEqual({
      port: 8089,
      host: "127.0.0.1",
      latencyMs: 300,
      seed: 42,
      credentials: { ugyfelkod: "1000", cegkod: "demo", apiKey: "sim-key" },
      faults: [],
    });
  });

  it("reads every variable", () => {
    const options = parseSimulatorEnv({
      ERP_SIM_PORT: "0",
      ERP_SIM_HOST: "0.0.0.0",
      ERP_SIM_LATENCY_MS: "0",
      ERP_SIM_SEED: "7",
      ERP_SIM_UGYFELKOD: "7354",
      ERP_SIM_CEGKOD: "ab",
      ERP_SIM_API_KEY: "k",
      ERP_SIM_NOW: "2026-05-14T10:00:00+02:00",
      ERP_SIM_FAULTS: '[{"kind":"http-503","rate":0.1}]',
    });
    expect(options).toEqual({
      port: 0,
      host: "0.0.0.0",
      latencyMs: 0,
      seed: 7,
      credentials: { ugyfelkod: "7354", cegkod: "ab", apiKey: "k" },
      now: "2026-05-14T08:00:00.000Z",
      faults: [{ kind: "http-503", rate: 0.1 }],
    });
  });

  it("names every bad variable", () => {
    const error = (() => {
      try {
        parseSimulatorEnv({ ERP_SIM_PORT: "80a", ERP_SIM_LATENCY_MS: "-1", ERP_SIM_SEED: "x", ERP_SIM_NOW: "soon", ERP_SIM_FAULTS: "[{]" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems.join("\n");
    for (const name of ["ERP_SIM_PORT", "ERP_SIM_LATENCY_MS", "ERP_SIM_SEED", "ERP_SIM_NOW", "ERP_SIM_FAULTS"]) expect(problems).toContain(name);
    expect(() => parseSimulatorEnv({ ERP_SIM_FAULTS: '[{"kind":"nope"}]' })).toThrow(/ERP_SIM_FAULTS\[0\]\.kind/);
  });
});

function runCli(env: Record<string, string>): { output: () => string; exit: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("erp-sim", "main.ts")], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
    kill: () => child.kill("SIGTERM"),
  };
}

describe("npm run erp:sim", () => {
  it("is ready in well under 5 s, prints the URL and codes but never the key, and stops on SIGTERM", async () => {
    const started = Date.now();
    const cli = runCli({ ERP_SIM_PORT: "0", ERP_SIM_LATENCY_MS: "0", ERP_SIM_API_KEY: "very-secret-key" });
    try {
      while (!/listening on (http:\S+)/.test(cli.output())) {
        if (Date.now() - started > 10_000) throw new Error(`no start-up line: ${cli.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(Date.now() - started).toBeLessThan(5_000);
      const url = /listening on (http:\S+)/.exec(cli.output())![1]!;
      expect(cli.output()).toContain("ugyfelkod=1000 cegkod=demo");
      expect(cli.output()).not.toContain("very-secret-key");
      expect((await fetch(new URL("/__sim/health", url))).status).toBe(200);
    } finally {
      cli.kill();
    }
    expect(await cli.exit).toBe(0);
  });

  it("exits 1 naming a bad variable", async () => {
    const cli = runCli({ ERP_SIM_PORT: "http" });
    expect(await cli.exit).toBe(1);
    expect(cli.output()).toContain("ERP_SIM_PORT");
  });
});
