import "server-only";
import { after } from "next/server";
import { getDb, type Entity } from "@/lib/db";
import { getSyncContext } from "@/lib/sync/context";
import { readFreshness, type Freshness } from "@/lib/sync/freshness";
import { partitionFor, partitionsOf, monthOf, addMonths, SNAPSHOT_KEY, type Month, type Partition } from "@/lib/sync/partitions";
import { revalidateExpired } from "@/lib/sync/revalidate";
import { isDatedEntity } from "@/lib/tharanis/mapping";
import type { CoveredPartitions, FreshnessDTO, WithFreshness } from "./contracts";

/** The partitions a date range of an entity covers (snapshots: their one partition). */
export function coversOf(entity: Entity, from?: string, to?: string): CoveredPartitions {
  if (!isDatedEntity(entity) || !from || !to) return { entity, partitions: [SNAPSHOT_KEY] };
  return { entity, partitions: partitionsOf(entity, from.slice(0, 7) as Month, to.slice(0, 7) as Month).map((p) => p.key) };
}

/** The hot partitions of an entity: its snapshot, or the current and previous month. */
export function hotCoversOf(entity: Entity, now = new Date()): CoveredPartitions {
  if (!isDatedEntity(entity)) return { entity, partitions: [SNAPSHOT_KEY] };
  const month = monthOf(now);
  return { entity, partitions: [addMonths(month, -1), month] };
}

export function toFreshnessDTO(freshness: Freshness): FreshnessDTO {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    state: freshness.state,
    total: freshness.total,
    counts: freshness.counts,
    cached: freshness.cached,
    oldestSyncedAt: iso(freshness.oldestSyncedAt),
    newestSyncedAt: iso(freshness.newestSyncedAt),
    checkedAt: freshness.checkedAt.toISOString(),
    erp: {
      available: freshness.erp.available,
      lastError: freshness.erp.lastError,
      lastErrorAt: iso(freshness.erp.lastErrorAt),
      reopensAt: iso(freshness.erp.reopensAt),
    },
    partitions: freshness.partitions.map((p) => ({
      entity: p.entity,
      partition: p.partition,
      state: p.state,
      syncing: p.syncing,
      lastSyncedAt: iso(p.lastSyncedAt),
      lastError: p.lastError,
      lastErrorAt: iso(p.lastErrorAt),
    })),
  };
}

/**
 * The freshness of what a view shows, and – after the response, never before
 * it – a request to refresh whatever was out of date (stale-while-revalidate).
 */
export async function viewFreshness(covers: CoveredPartitions[]): Promise<WithFreshness> {
  const partitions: Partition[] = covers.flatMap((cover) => cover.partitions.map((key) => partitionFor(cover.entity, key)));
  const { pool } = await getDb();
  const freshness = await readFreshness(pool, partitions);
  if (freshness.partitions.some((p) => p.expired)) scheduleRevalidation(freshness);
  return { freshness: toFreshnessDTO(freshness), covers };
}

function scheduleRevalidation(freshness: Freshness): void {
  const revalidate = async () => {
    try {
      await revalidateExpired(await getSyncContext(), freshness);
    } catch (error) {
      console.error(`[revalidate] could not request a sync: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  try {
    after(revalidate);
  } catch {
    // Outside a request (tests, scripts): run it in the background all the same.
    void revalidate();
  }
}
