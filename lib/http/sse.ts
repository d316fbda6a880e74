/** Sends one Server-Sent Events frame (see sseEvent); a frame for a closed stream is dropped. */
export type SseSend = (frame: string) => void;

/** `event: <name>` with its data as JSON. */
export function sseEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A Server-Sent Events response. `open` connects whatever feeds the stream
 * and returns how to disconnect it; only after it has resolved does the client
 * get its "connected" line, so a client that refetches on opening cannot miss
 * a change in between. The feed is disconnected when the client goes away.
 * `heartbeatMs` sends a comment that often, so proxies keep quiet streams open.
 */
export function eventStream(request: Request, open: (send: SseSend) => Promise<() => void>, options: { heartbeatMs?: number } = {}): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send: SseSend = (frame) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(frame));
        } catch {
          cleanup();
        }
      };
      const disconnect = await open(send);
      send("retry: 3000\n: connected\n\n");
      const heartbeat = options.heartbeatMs ? setInterval(() => send(": ping\n\n"), options.heartbeatMs) : undefined;
      cleanup = () => {
        closed = true;
        clearInterval(heartbeat);
        disconnect();
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
