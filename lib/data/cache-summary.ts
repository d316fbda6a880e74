import "server-only";
import { sql } from "drizzle-orm";
import { ENTITIES, getDb, type Entity } from "@/lib/db";

export interface EntitySummary {
  entity: Entity;
  partitions: number;
  syncedPartitions: number;
  lastSyncedAt: Date | null;
  failing: number;
}

/** What the cache holds per entity, in one query. */
export async function getCacheSummary(): Promise<EntitySummary[]> {
  const { db } = await getDb();
  const result = await db.execute<{
    entity: Entity;
    partitions: number;
    synced: number;
    last_synced_at: string | null;
    failing: number;
  }>(sql`
    select c.entity,
           count(m.id)::int                                     as partitions,
           count(m.last_synced_at)::int                         as synced,
           max(m.last_synced_at)                                as last_synced_at,
           count(*) filter (where m.status = 'error')::int      as failing
      from entity_config c
      left join sync_metadata m on m.entity = c.entity
     group by c.entity`);
  const byEntity = new Map(result.rows.map((row) => [row.entity, row]));
  return ENTITIES.map((entity) => {
    const row = byEntity.get(entity);
    return {
      entity,
      partitions: row?.partitions ?? 0,
      syncedPartitions: row?.synced ?? 0,
      lastSyncedAt: row?.last_synced_at ? new Date(row.last_synced_at) : null,
      failing: row?.failing ?? 0,
    };
  });
}
