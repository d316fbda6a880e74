import type pg from "pg";
import { ENTITIES, type Entity } from "@/lib/db";
import { DATED_ENTITIES, isDatedEntity } from "@/lib/tharanis/mapping";
import { expiredPartitions, readFreshness } from "./freshness";
import { addMonths, monthOf, partitionFor, SNAPSHOT_KEY, type Partition } from "./partitions";
import { requestSync, type SyncDispatcher } from "./request-sync";

/** Closed months re-checked per entity and tick: 2 × 12 ticks an hour spreads a week's TTL thinly. */
export const CLOSED_MONTHS_PER_TICK = 2;
export const CRON_SCHEDULE = "*/5 * * * *";
export const CRON_TIME_ZONE = "Europe/Budapest";

export interface CronResult {
  hot: string[];
  closed: string[];
}

/** The partitions users look at most: both snapshots, and the current and previous month. */
export function hotPartitions(now: Date): Partition[] {
  const month = monthOf(now);
  return ENTITIES.flatMap((entity) =>
    isDatedEntity(entity)
      ? [partitionFor(entity, month), partitionFor(entity, addMonths(month, -1))]
      : [partitionFor(entity, SNAPSHOT_KEY)],
  );
}

/**
 * One tick of the refresh cron: requests every stale hot partition, plus a few
 * of the longest-unchecked closed months whose (long) TTL has run out, so
 * history the ERP back-posts into is picked up without re-reading it all.
 */
export async function runCronRefresh(context: { pool: pg.Pool; dispatcher: SyncDispatcher }, now = new Date()): Promise<CronResult> {
  const result: CronResult = { hot: [], closed: [] };
  const freshness = await readFreshness(context.pool, hotPartitions(now));
  const byEntity = new Map<Entity, string[]>();
  for (const { entity, partition } of expiredPartitions(freshness)) {
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), partition]);
  }
  for (const [entity, partitions] of byEntity) {
    await requestSync(context, entity, partitions, "cron");
    result.hot.push(...partitions.map((p) => `${entity}/${p}`));
  }

  const lastHot = addMonths(monthOf(now), -1);
  for (const entity of DATED_ENTITIES) {
    const { rows } = await context.pool.query<{ partition: string }>(
      `select m.partition
         from sync_metadata m join entity_config c on c.entity = m.entity
        where m.entity = $1 and m.partition < $2 and m.lock_token is null and c.enabled
          and m.last_synced_at < now() - make_interval(secs => c.closed_month_ttl_seconds)
        order by m.last_synced_at
        limit $3`,
      [entity, lastHot, CLOSED_MONTHS_PER_TICK],
    );
    if (rows.length === 0) continue;
    const partitions = rows.map((row) => row.partition);
    await requestSync(context, entity, partitions, "cron");
    result.closed.push(...partitions.map((p) => `${entity}/${p}`));
  }
  return result;
}
