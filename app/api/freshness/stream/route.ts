import { withAccess } from "@/lib/auth/api-access";
import { syncEventHub } from "@/lib/data/sync-events";
import { eventStream, sseEvent } from "@/lib/http/sse";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events: every change of a partition's sync state, as
 * `event: sync` with {entity, partition, status, lastSyncedAt, runId}. Views
 * refetch the data whose partitions changed. Fed by the process's single
 * LISTEN connection; a comment every 20 s keeps proxies from closing it.
 * Signed-in users only.
 */
export const GET = withAccess(
  async (request: Request) => eventStream(request, (send) => syncEventHub().subscribe((event) => send(sseEvent("sync", event))), { heartbeatMs: 20_000 }),
  "viewer",
);
