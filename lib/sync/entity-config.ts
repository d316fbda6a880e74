import type pg from "pg";
import type { Entity, EntityConfig } from "@/lib/db";

type Config = Pick<EntityConfig, "entity" | "ttlSeconds" | "closedMonthTtlSeconds" | "pageSize" | "enabled" | "lockTimeoutSeconds">;

// Operators may edit entity_config; a short cache keeps hot paths off the database.
const CACHE_MS = 30_000;
const cache = new WeakMap<pg.Pool, { at: number; configs: Map<Entity, Config> }>();

export async function loadEntityConfigs(pool: pg.Pool): Promise<Map<Entity, Config>> {
  const hit = cache.get(pool);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.configs;
  const { rows } = await pool.query<{
    entity: Entity;
    ttl_seconds: number;
    closed_month_ttl_seconds: number | null;
    page_size: number;
    enabled: boolean;
    lock_timeout_seconds: number;
  }>("select entity, ttl_seconds, closed_month_ttl_seconds, page_size, enabled, lock_timeout_seconds from entity_config");
  const configs = new Map<Entity, Config>(
    rows.map((row) => [
      row.entity,
      {
        entity: row.entity,
        ttlSeconds: row.ttl_seconds,
        closedMonthTtlSeconds: row.closed_month_ttl_seconds,
        pageSize: row.page_size,
        enabled: row.enabled,
        lockTimeoutSeconds: row.lock_timeout_seconds,
      },
    ]),
  );
  cache.set(pool, { at: Date.now(), configs });
  return configs;
}
