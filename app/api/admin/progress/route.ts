import { withAccess } from "@/lib/auth/api-access";
import { getConsoleStatus } from "@/lib/data/admin";
import { syncEventHub } from "@/lib/data/sync-events";

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
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      let pending: Promise<void> | undefined;
      const pushStatus = () => {
        pending ??= getConsoleStatus()
          .then((status) => send(`event: status\ndata: ${JSON.stringify(status)}\n\n`))
          .catch((error: unknown) => send(`event: problem\ndata: ${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n\n`))
          .finally(() => {
            pending = undefined;
          });
      };
      const unsubscribe = await syncEventHub().subscribe((event) => {
        send(`event: sync\ndata: ${JSON.stringify(event)}\n\n`);
        pushStatus();
      });
      send("retry: 3000\n: connected\n\n");
      pushStatus();
      const timer = setInterval(pushStatus, TICK_MS);
      cleanup = () => {
        closed = true;
        clearInterval(timer);
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
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
