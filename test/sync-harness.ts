import { afterAll, beforeAll } from "vitest";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "@/erp-sim";
import { createTharanisClient, SIMULATOR_DEFAULTS, type TharanisClient } from "@/lib/tharanis";
import { createInlineContext, type InlineOptions } from "@/lib/sync/context";
import type { SyncDeps } from "@/lib/sync/sync-partition";
import { inlineStepRunner } from "@/lib/sync/steps";
import { setupTestDatabase, type TestDatabase } from "./database";

/** The simulator's clock in sync tests: data visible up to this instant. */
export const SIM_NOW = "2026-12-03T12:00:00Z";

export interface SyncHarness {
  database: TestDatabase;
  simulator: RunningSimulator;
  client: TharanisClient;
  /** Dependencies for syncPartition: no in-run retries (faults stay visible), quick breaker. */
  deps(overrides?: Partial<SyncDeps>): SyncDeps;
  inline(options?: Partial<InlineOptions>): ReturnType<typeof createInlineContext>;
}

/**
 * A test file's own database plus an in-process simulator over real HTTP – the
 * parts a sync needs, none of them mocked.
 */
export function setupSyncHarness(options: { simulator?: SimulatorOptions; poolSize?: number; timeoutMs?: number } = {}): SyncHarness {
  const database = setupTestDatabase({ poolSize: options.poolSize ?? 20 });
  const harness = { database } as SyncHarness;

  beforeAll(async () => {
    harness.simulator = await startSimulator({ port: 0, latencyMs: 0, now: SIM_NOW, ...options.simulator });
    harness.client = createTharanisClient({
      url: harness.simulator.url,
      credentials: SIMULATOR_DEFAULTS,
      timeoutMs: options.timeoutMs ?? 15_000,
      maxResponseBytes: 20 * 1_048_576,
    });
    harness.deps = (overrides = {}) => ({
      pool: database.pool,
      client: harness.client,
      step: inlineStepRunner({ retries: 0, backoffMs: 0 }),
      breaker: { threshold: 1_000, backoffSeconds: 1, maxBackoffSeconds: 1 },
      ...overrides,
    });
    harness.inline = (inline = {}) =>
      createInlineContext({ pool: database.pool, client: harness.client, concurrency: 4, deps: harness.deps(), ...inline });
  });
  afterAll(async () => {
    await harness.simulator?.stop();
  });
  return harness;
}

/** Exact decimal text of a Postgres numeric sum, comparable with the simulator's totals. */
export function normalizeDecimal(value: string | null): string {
  if (value === null) return "0";
  if (!value.includes(".")) return value;
  const trimmed = value.replace(/0+$/, "").replace(/\.$/, "");
  return trimmed === "-0" ? "0" : trimmed;
}

export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
