/**
 * What the generated data depends on. Two simulators with the same World serve the
 * same records; caches are keyed by worldKey so a config change never serves stale data.
 */
import type { MonthKey } from "./calendar";

export interface BigMonth {
  month: MonthKey;
  /** Invoice lines in that month instead of the normal volume (e.g. 50,000). */
  lines: number;
}

export interface World {
  seed: number;
  bigMonth?: BigMonth;
}

export const DEFAULT_SEED = 42;

export function worldKey(world: World): string {
  return world.bigMonth ? `${world.seed}|${world.bigMonth.month}:${world.bigMonth.lines}` : `${world.seed}`;
}
