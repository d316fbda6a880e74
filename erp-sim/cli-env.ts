/**
 * The CLI's environment variables, validated: a bad value stops the simulator at start
 * with a message naming the variable, instead of a confusing failure later.
 */
import { ConfigError, validateFaultRules, validateIsoInstant, type FaultRule } from "./config";
import type { SimulatorOptions } from "./server";

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid ERP simulator environment:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

type Source = Record<string, string | undefined>;

function value(source: Source, name: string): string | undefined {
  const raw = source[name]?.trim();
  return raw === "" ? undefined : raw;
}

/** Reads ERP_SIM_* into simulator options; throws EnvError listing every bad variable. */
export function parseSimulatorEnv(source: Source): SimulatorOptions & { port: number; host: string } {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(source, name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}: must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return Number(raw);
  };
  const text = (name: string, fallback: string): string => value(source, name) ?? fallback;

  const options = {
    port: integer("ERP_SIM_PORT", 8089, 0, 65_535),
    host: text("ERP_SIM_HOST", "127.0.0.1"),
    latencyMs: integer("ERP_SIM_LATENCY_MS", 300, 0, 600_000),
    seed: integer("ERP_SIM_SEED", 42, 0, 0xffff_ffff),
    credentials: {
      ugyfelkod: text("ERP_SIM_UGYFELKOD", "1000"),
      cegkod: text("ERP_SIM_CEGKOD", "demo"),
      apiKey: text("ERP_SIM_API_KEY", "sim-key"),
    },
  } satisfies SimulatorOptions;

  let now: string | undefined;
  const rawNow = value(source, "ERP_SIM_NOW");
  if (rawNow !== undefined) {
    try {
      now = validateIsoInstant(rawNow, "ERP_SIM_NOW");
    } catch (error) {
      problems.push(error instanceof ConfigError ? error.message : String(error));
    }
  }

  let faults: FaultRule[] = [];
  const rawFaults = value(source, "ERP_SIM_FAULTS");
  if (rawFaults !== undefined) {
    try {
      faults = validateFaultRules(JSON.parse(rawFaults) as unknown, "ERP_SIM_FAULTS");
    } catch (error) {
      problems.push(error instanceof ConfigError ? error.message : `ERP_SIM_FAULTS: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  if (problems.length > 0) throw new EnvError(problems);
  return { ...options, faults, ...(now ? { now } : {}) };
}
