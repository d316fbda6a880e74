/** The simulator's public API for tests, scripts and the client team. */
export { startSimulator, type RunningSimulator, type SimulatorOptions } from "./server";
export { ConfigError, DEFAULT_CREDENTIALS, FAULT_KINDS, type FaultKind, type FaultRule, type SimulatorConfig, type SimulatorConfigPatch } from "./config";
export type { LargeAnswerStats, QueryStats, SimulatorStats } from "./stats";
export { monthTotals, type DocumentEntity, type InvoiceMonthTotals, type MovementMonthTotals } from "./generator/totals";
export { canonicalQuery } from "./protocol/query";
export type { BigMonth, World } from "./generator/world";
