import { withAccess } from "@/lib/auth/api-access";
import { syncEventHub } from "@/lib/data/sync-events";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 20_000;

/**
 * Server-Sent Events: every change of a partition's sync state, as
 * `event: sync` with {entity, partition, status, lastSyncedAt, runId}. Views
 * refetch the data whose partitions changed. Fed by the process's single
 * LISTEN connection; a comment every 20 s keeps proxies from closing it.
 * Signed-in users only.
 */
export const GET = withAccess(streamSyncEvents, "viewer");

async function streamSyncEvents(request: Request): Promise<Response> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await syncEventHub().subscribe((event) => send(`event: sync\ndata: ${JSON.stringify(event)}\n\n`));
      // Only now: a client that refetches on "connected" cannot miss a change in between.
      send("retry: 3000\n: connected\n\n");
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        cleanup = () => {};
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
