export { createTharanisClient, getTharanisClient, readPages, type TharanisClient, type RequestOptions } from "./client";
export { tharanisConfigFromEnv, SIMULATOR_DEFAULTS, type TharanisConfig } from "./config";
export type { Credentials } from "./envelope";
export * from "./errors";
export { DATED_ENTITIES, SNAPSHOT_ENTITIES, isDatedEntity, type DatedEntity, type SnapshotEntity } from "./mapping";
export { DEFAULT_PAGE_SIZE, type ErpQuery } from "./query";
export type * from "./types";
