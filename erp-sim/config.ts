/**
 * The simulator's knobs and their validation. The same validator serves the admin
 * endpoint (JSON from other processes), `update()` in tests and the CLI's environment,
 * so a bad value is refused with the same message everywhere.
 */
import { isMonthKey } from "./generator/calendar";
import { DEFAULT_SEED, type BigMonth, type World } from "./generator/world";
import { ENTITIES } from "./protocol/entities";

export const FAULT_KINDS = ["soap-fault", "hiba", "auth", "timeout", "truncated", "http-500", "http-503", "invalid-utf8", "xml-bomb", "deep-nesting", "huge"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  /** Only requests for this entity (param3). */
  entity?: string;
  /** Only requests for this page (`oldal`). */
  page?: number;
  /** Probability of firing on a matching request, 0..1 (default 1). */
  rate?: number;
  /** Fire at most this many times, then disarm (the rule is removed). */
  times?: number;
  /** `hiba` code for kind "hiba". */
  code?: string;
  /** Message for "soap-fault" / "hiba". */
  message?: string;
  /** For "timeout": how long to hold the connection before closing it (default 10 min). */
  delayMs?: number;
  /** For "huge": body size in MB (default 50). */
  sizeMb?: number;
}

export interface Credentials {
  ugyfelkod: string;
  cegkod: string;
  apiKey: string;
}

export interface SimulatorConfig {
  seed: number;
  /** Delay before every SOAP answer (faults included), like the real ERP's slowness. */
  latencyMs: number;
  credentials: Credentials;
  faults: FaultRule[];
  bigMonth?: BigMonth;
  /** ISO timestamp that freezes the simulator's clock; absent = live clock. */
  now?: string;
}

/** A change to the config; null removes bigMonth / unfreezes the clock. */
export interface SimulatorConfigPatch {
  seed?: number;
  latencyMs?: number;
  credentials?: Partial<Credentials>;
  faults?: FaultRule[];
  bigMonth?: BigMonth | null;
  now?: string | null;
}

export const DEFAULT_CREDENTIALS: Credentials = { ugyfelkod: "1000", cegkod: "demo", apiKey: "sim-key" };

export function defaultConfig(): SimulatorConfig {
  return { seed: DEFAULT_SEED, latencyMs: 300, credentials: { ...DEFAULT_CREDENTIALS }, faults: [] };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const MAX_LATENCY_MS = 10 * 60 * 1000;
const MAX_BIG_MONTH_LINES = 1_000_000;
const MAX_HUGE_MB = 1024;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function rejectUnknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new ConfigError(`${path}: unknown field(s) ${unknown.join(", ")} (allowed: ${allowed.join(", ")})`);
}

function wholeNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${path} must be a whole number between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function nonEmptyString(value: unknown, path: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new ConfigError(`${path} must be a non-empty string`);
  return value;
}

export function validateIsoInstant(value: unknown, path: string): string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ConfigError(`${path} must be an ISO timestamp such as 2026-05-14T10:30:00Z, got ${JSON.stringify(value)}`);
  }
  return new Date(value).toISOString();
}

function validateFaultRule(value: unknown, path: string): FaultRule {
  if (!isPlainObject(value)) throw new ConfigError(`${path} must be an object`);
  rejectUnknownKeys(value, ["kind", "entity", "page", "rate", "times", "code", "message", "delayMs", "sizeMb"], path);
  if (!(FAULT_KINDS as readonly unknown[]).includes(value.kind)) {
    throw new ConfigError(`${path}.kind must be one of ${FAULT_KINDS.join(", ")}, got ${JSON.stringify(value.kind)}`);
  }
  const rule: FaultRule = { kind: value.kind as FaultKind };
  if (value.entity !== undefined) {
    if (!(ENTITIES as readonly unknown[]).includes(value.entity)) throw new ConfigError(`${path}.entity must be one of ${ENTITIES.join(", ")}`);
    rule.entity = value.entity as string;
  }
  if (value.page !== undefined) rule.page = wholeNumber(value.page, `${path}.page`, 0, 1_000_000);
  if (value.rate !== undefined) {
    if (typeof value.rate !== "number" || !(value.rate >= 0 && value.rate <= 1)) throw new ConfigError(`${path}.rate must be a number from 0 to 1`);
    rule.rate = value.rate;
  }
  if (value.times !== undefined) rule.times = wholeNumber(value.times, `${path}.times`, 1, 1_000_000_000);
  if (value.code !== undefined) rule.code = nonEmptyString(value.code, `${path}.code`);
  if (value.message !== undefined) rule.message = nonEmptyString(value.message, `${path}.message`);
  if (value.delayMs !== undefined) rule.delayMs = wholeNumber(value.delayMs, `${path}.delayMs`, 0, 24 * 3600 * 1000);
  if (value.sizeMb !== undefined) {
    if (typeof value.sizeMb !== "number" || !(value.sizeMb > 0 && value.sizeMb <= MAX_HUGE_MB)) throw new ConfigError(`${path}.sizeMb must be a number above 0, at most ${MAX_HUGE_MB}`);
    rule.sizeMb = value.sizeMb;
  }
  return rule;
}

export function validateFaultRules(value: unknown, path = "faults"): FaultRule[] {
  if (!Array.isArray(value)) throw new ConfigError(`${path} must be an array of fault rules`);
  return value.map((rule, index) => validateFaultRule(rule, `${path}[${index}]`));
}

function validateBigMonth(value: unknown, path: string): BigMonth | null {
  if (value === null) return null;
  if (!isPlainObject(value)) throw new ConfigError(`${path} must be { month: "YYYY-MM", lines: number } or null`);
  rejectUnknownKeys(value, ["month", "lines"], path);
  if (typeof value.month !== "string" || !isMonthKey(value.month)) throw new ConfigError(`${path}.month must be "YYYY-MM"`);
  return { month: value.month, lines: wholeNumber(value.lines, `${path}.lines`, 1, MAX_BIG_MONTH_LINES) };
}

/** Validates a patch from untrusted JSON; throws ConfigError with the offending path. */
export function validateConfigPatch(value: unknown): SimulatorConfigPatch {
  if (!isPlainObject(value)) throw new ConfigError("config patch must be a JSON object");
  rejectUnknownKeys(value, ["seed", "latencyMs", "credentials", "faults", "bigMonth", "now"], "config");
  const patch: SimulatorConfigPatch = {};
  if (value.seed !== undefined) patch.seed = wholeNumber(value.seed, "seed", 0, 0xffff_ffff);
  if (value.latencyMs !== undefined) patch.latencyMs = wholeNumber(value.latencyMs, "latencyMs", 0, MAX_LATENCY_MS);
  if (value.credentials !== undefined) {
    const credentials = value.credentials;
    if (!isPlainObject(credentials)) throw new ConfigError("credentials must be an object");
    rejectUnknownKeys(credentials, ["ugyfelkod", "cegkod", "apiKey"], "credentials");
    patch.credentials = {};
    for (const key of ["ugyfelkod", "cegkod", "apiKey"] as const) {
      if (credentials[key] !== undefined) patch.credentials[key] = nonEmptyString(credentials[key], `credentials.${key}`);
    }
  }
  if (value.faults !== undefined) patch.faults = validateFaultRules(value.faults);
  if (value.bigMonth !== undefined) patch.bigMonth = validateBigMonth(value.bigMonth, "bigMonth");
  if (value.now !== undefined) patch.now = value.now === null ? null : validateIsoInstant(value.now, "now");
  return patch;
}

/** Applies a validated patch in place, so every holder of the config object sees it. */
export function applyConfigPatch(config: SimulatorConfig, patch: SimulatorConfigPatch): void {
  if (patch.seed !== undefined) config.seed = patch.seed;
  if (patch.latencyMs !== undefined) config.latencyMs = patch.latencyMs;
  if (patch.credentials) config.credentials = { ...config.credentials, ...patch.credentials };
  if (patch.faults) config.faults = patch.faults.map((rule) => ({ ...rule }));
  if (patch.bigMonth === null) delete config.bigMonth;
  else if (patch.bigMonth) config.bigMonth = { ...patch.bigMonth };
  if (patch.now === null) delete config.now;
  else if (patch.now !== undefined) config.now = patch.now;
}

/** The config as the admin endpoint shows it: the API key never leaves the process. */
export function publicConfig(config: SimulatorConfig): SimulatorConfig {
  return { ...config, credentials: { ...config.credentials, apiKey: "***" }, faults: config.faults.map((rule) => ({ ...rule })) };
}

export function worldOf(config: SimulatorConfig): World {
  return config.bigMonth ? { seed: config.seed, bigMonth: config.bigMonth } : { seed: config.seed };
}
