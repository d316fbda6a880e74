import { withAccess } from "@/lib/auth/api-access";
import { getConsoleStatus } from "@/lib/data/admin";
import { syncEventHub } from "@/lib/data/sync-events";
import { eventStream, sseEvent } from "@/lib/http/sse";

export const dynamic = "force-dynamic";

const TICK_MS = 2_000;

/**
 * Server-Sent Events for the hydration console: `event: status` with the
 * console status (progress, pace, ETA, ERP load, breaker) every 2 s and right
 * after any partition changes state, and `event: sync` passing those changes
 * on, so the coverage grid can recolour its cells. Admins only.
 */
export const GET = withAccess(streamProgress, "admin");

async function streamProgress(request: Request): Promise<Response> {
  return eventStream(request, async (send) => {
    let pending: Promise<void> | undefined;
    const pushStatus = () => {
      pending ??= getConsoleStatus()
        .then((status) => send(sseEvent("status", status)))
        .catch((error: unknown) => send(sseEvent("problem", { error: error instanceof Error ? error.message : String(error) })))
        .finally(() => {
          pending = undefined;
        });
    };
    const unsubscribe = await syncEventHub().subscribe((event) => {
      send(sseEvent("sync", event));
      pushStatus();
    });
    pushStatus();
    const timer = setInterval(pushStatus, TICK_MS);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  });
}
