import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type StubHandler = (request: ReceivedRequest, response: ServerResponse) => void;

export interface StubServer {
  url: string;
  requests: ReceivedRequest[];
  /** Replaces how the next requests are answered. */
  handle(handler: StubHandler): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 whose answers each test scripts (fixtures, faults, hangs). */
export async function startStubServer(initial?: StubHandler): Promise<StubServer> {
  let handler: StubHandler = initial ?? ((_, response) => response.writeHead(404).end());
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request = {
        method: incoming.method ?? "",
        url: incoming.url ?? "",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/apiv3.php`,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
