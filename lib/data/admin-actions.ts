import "server-only";
import { ENTITIES, getDb, type Entity } from "@/lib/db";
import { getSyncContext } from "@/lib/sync/context";
import { cancelHydration, hydrationDefaults, startHydration } from "@/lib/sync/hydrate";
import { requestSyncOf, type RequestSyncResult } from "@/lib/sync/request-sync";
import { type Month, SNAPSHOT_KEY } from "@/lib/sync/partitions";
import { isDatedEntity } from "@/lib/tharanis/mapping";
import type { HydrateRequest, ResyncRequest } from "./params";

/**
 * What admins can start from the console. All of it goes through the same
 * entry points as every other trigger (startHydration, requestSync), so the
 * lock, the ERP limit and the breaker apply to admins too.
 */

export async function startAdminHydration(request: HydrateRequest, requestedBy: string) {
  const defaults = hydrationDefaults(new Date());
  return startHydration(
    await getSyncContext(),
    {
      entities: request.entities ?? [...ENTITIES],
      from: (request.from ?? defaults.from) as Month,
      to: (request.to ?? defaults.to) as Month,
      force: request.force,
    },
    { requestedBy },
  );
}

export async function cancelAdminHydration(id: string): Promise<boolean> {
  return cancelHydration(await getSyncContext(), id);
}

/** Forces one partition now; a range of months becomes a forced hydration (followed in the console). */
export async function resync(request: ResyncRequest, requestedBy: string): Promise<{ hydrationId?: string; result?: RequestSyncResult; total: number }> {
  // The schema guarantees from/to for dated entities.
  const single = !isDatedEntity(request.entity) ? SNAPSHOT_KEY : request.from === request.to ? request.from! : undefined;
  if (single) {
    const result = await requestSyncOf(await getSyncContext(), [{ entity: request.entity, partition: single }], "manual", { force: true });
    return { result, total: 1 };
  }
  const { id, total } = await startHydration(
    await getSyncContext(),
    { entities: [request.entity], from: request.from as Month, to: request.to as Month, force: true },
    { requestedBy },
  );
  return { hydrationId: id, total };
}

/** Every partition whose last attempt failed, asked for again (forced, as an admin's request). */
export async function retryFailed(): Promise<{ partitions: string[]; result: RequestSyncResult }> {
  const { pool } = await getDb();
  const { rows } = await pool.query<{ entity: Entity; partition: string }>(
    "select entity, partition from sync_metadata where status = 'error' and lock_token is null order by entity, partition",
  );
  const result = await requestSyncOf(await getSyncContext(), rows, "manual", { force: true });
  return { partitions: rows.map((row) => `${row.entity}/${row.partition}`), result };
}
