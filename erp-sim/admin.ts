/**
 * The JSON admin API under /__sim/: lets tests in other processes (Playwright, the app's
 * integration tests) steer the simulator and count the ERP calls the app made.
 */
import { ConfigError, publicConfig, validateConfigPatch, validateFaultRules, worldOf, type SimulatorConfig, type SimulatorConfigPatch } from "./config";
import { isMonthKey } from "./generator/calendar";
import { monthTotals } from "./generator/totals";
import type { StatsRecorder } from "./stats";

export const ADMIN_PREFIX = "/__sim/";

export interface AdminContext {
  config: SimulatorConfig;
  stats: StatsRecorder;
  clock: () => Date;
  update(patch: SimulatorConfigPatch): void;
}

export interface AdminResponse {
  status: number;
  body: unknown;
}

function error(status: number, message: string): AdminResponse {
  return { status, body: { error: message } };
}

function parseJson(text: string): unknown {
  if (text.trim() === "") throw new ConfigError("request body must be JSON");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError("request body is not valid JSON");
  }
}

function totals(url: URL, context: AdminContext): AdminResponse {
  const entity = url.searchParams.get("entity");
  const month = url.searchParams.get("month") ?? "";
  if (entity !== "kimeno_szamla" && entity !== "raktari_mozgas") return error(400, "entity must be kimeno_szamla or raktari_mozgas");
  if (!isMonthKey(month)) return error(400, "month must be YYYY-MM");
  return { status: 200, body: monthTotals(entity, month, context.clock(), worldOf(context.config)) };
}

function route(method: string, url: URL, body: string, context: AdminContext): AdminResponse {
  const endpoint = `${method} ${url.pathname.replace(/\/+$/, "")}`;
  switch (endpoint) {
    case "GET /__sim/health":
      return { status: 200, body: { ok: true } };
    case "GET /__sim/config":
      return { status: 200, body: publicConfig(context.config) };
    case "POST /__sim/config":
      context.update(validateConfigPatch(parseJson(body)));
      return { status: 200, body: publicConfig(context.config) };
    case "POST /__sim/faults":
      context.update({ faults: validateFaultRules(parseJson(body)) });
      return { status: 200, body: { faults: publicConfig(context.config).faults } };
    case "DELETE /__sim/faults":
      context.update({ faults: [] });
      return { status: 200, body: { faults: [] } };
    case "GET /__sim/stats":
      return { status: 200, body: context.stats.snapshot() };
    case "POST /__sim/stats/reset":
      context.stats.reset();
      return { status: 200, body: context.stats.snapshot() };
    case "GET /__sim/totals":
      return totals(url, context);
    default:
      return error(404, `no admin endpoint ${endpoint}`);
  }
}

export function handleAdmin(method: string, url: URL, body: string, context: AdminContext): AdminResponse {
  try {
    return route(method, url, body, context);
  } catch (caught) {
    if (caught instanceof ConfigError) return error(400, caught.message);
    throw caught;
  }
}
