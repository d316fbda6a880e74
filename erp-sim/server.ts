/**
 * The Tharanis simulator as a real HTTP server: SOAP at POST /apiv3.php (and /), the
 * JSON admin API under /__sim/. Start it in-process from tests with
 * `startSimulator({ port: 0, latencyMs: 0 })`, or from the CLI (main.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ADMIN_PREFIX, handleAdmin } from "./admin";
import { applyConfigPatch, defaultConfig, validateConfigPatch, worldOf, type SimulatorConfig, type SimulatorConfigPatch } from "./config";
import { Dataset } from "./dataset/pages";
import { FaultInjector, xmlReply, type SoapReply } from "./faults";
import type { MonthKey } from "./generator/calendar";
import { monthTotals, type DocumentEntity, type MonthTotalsMap } from "./generator/totals";
import { PendingTimers, SimulatorStopped } from "./pending-timers";
import { soapFault } from "./protocol/response";
import { answerSoapRequest, type SoapServices } from "./soap-handler";
import { StatsRecorder, type SimulatorStats } from "./stats";

export type { FaultRule, SimulatorConfig, SimulatorConfigPatch } from "./config";
export type { LargeAnswerStats, SimulatorStats } from "./stats";

export interface SimulatorOptions extends Partial<Omit<SimulatorConfig, "now">> {
  /** 0 picks a free port. Default 8089. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A clock (tests advance it) or an ISO timestamp that freezes time. A `now` set later through update()/admin overrides the clock. */
  now?: (() => Date) | string;
}

export interface RunningSimulator {
  /** The SOAP endpoint, e.g. http://127.0.0.1:8089/apiv3.php */
  url: string;
  /** e.g. http://127.0.0.1:8089 – admin endpoints live under /__sim/ */
  baseUrl: string;
  port: number;
  /** The live config object; change it with update(). */
  readonly config: SimulatorConfig;
  /** Validates and applies a change (throws ConfigError on bad input). */
  update(patch: SimulatorConfigPatch): void;
  stats(): SimulatorStats;
  resetStats(): void;
  /** The simulator's current time (frozen, injected or real). */
  now(): Date;
  /** Exact totals of what this simulator serves for a month right now. */
  monthTotals<E extends DocumentEntity>(entity: E, month: MonthKey): MonthTotalsMap[E];
  stop(): Promise<void>;
}

const SOAP_PATHS = new Set(["/apiv3.php", "/"]);
const MAX_SOAP_BODY_BYTES = 10 * 1024 * 1024;
const MAX_ADMIN_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge(`request body over ${limit} bytes`));
        request.pause();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** Answers larger than this are written in chunks and counted (stats.largeAnswers). */
const LARGE_ANSWER_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

function send(response: http.ServerResponse, reply: SoapReply, timers: PendingTimers, stats?: StatsRecorder): void {
  if (response.destroyed) return;
  if (reply.type === "hang") {
    // Say nothing and keep the socket open; close it without an answer when the time is up.
    const close = () => response.socket?.destroy();
    timers.schedule(reply.delayMs, close, close);
    return;
  }
  const body = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : reply.body;
  response.writeHead(reply.status, { "Content-Type": reply.contentType, "Content-Length": body.length, ...reply.headers });
  if (body.length <= LARGE_ANSWER_BYTES || !stats) {
    response.end(body);
    return;
  }
  void sendInChunks(response, body).then(({ sentBytes, complete }) => stats.recordLargeAnswer({ ...reply.about, bytes: body.length, sentBytes, complete }));
}

/**
 * Writes a large body chunk by chunk, waiting for the socket to drain, so the bytes
 * counted as sent are those the client's side of the connection took (plus what the
 * TCP buffers hold) – not a 50 MB buffer queued in this process at once.
 */
async function sendInChunks(response: http.ServerResponse, body: Buffer): Promise<{ sentBytes: number; complete: boolean }> {
  let sentBytes = 0;
  const closed = new Promise<void>((resolve) => response.once("close", resolve));
  for (let offset = 0; offset < body.length && !response.destroyed; offset += CHUNK_BYTES) {
    const chunk = body.subarray(offset, Math.min(offset + CHUNK_BYTES, body.length));
    const more = response.write(chunk, (error) => {
      if (!error) sentBytes += chunk.length;
    });
    if (!more && !response.destroyed) await Promise.race([new Promise((resolve) => response.once("drain", resolve)), closed]);
  }
  if (!response.destroyed) response.end();
  await closed;
  return { sentBytes, complete: response.writableFinished };
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

function buildConfig(options: SimulatorOptions): SimulatorConfig {
  const config = defaultConfig();
  const { seed, latencyMs, credentials, faults, bigMonth } = options;
  const frozen = typeof options.now === "string" ? options.now : undefined;
  applyConfigPatch(config, validateConfigPatch(JSON.parse(JSON.stringify({ seed, latencyMs, credentials, faults, bigMonth, now: frozen })) as unknown));
  return config;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const config = buildConfig(options);
  const injectedClock = typeof options.now === "function" ? options.now : () => new Date();
  const clock = () => (config.now ? new Date(config.now) : injectedClock());
  const stats = new StatsRecorder();
  const timers = new PendingTimers();
  const update = (patch: SimulatorConfigPatch) => applyConfigPatch(config, validateConfigPatch(JSON.parse(JSON.stringify(patch)) as unknown));
  const services: SoapServices = {
    config,
    clock,
    dataset: new Dataset(),
    stats,
    faults: new FaultInjector(config, config.seed),
    wait: (ms) => timers.wait(ms),
  };

  async function handleSoap(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.method !== "POST") {
      response.writeHead(405, { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" });
      response.end("The Tharanis API answers SOAP requests sent with POST.\n");
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(request, MAX_SOAP_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      stats.recordRequest();
      response.setHeader("Connection", "close");
      send(response, xmlReply(413, soapFault("SOAP-ENV:Client", "Request too large")), timers);
      return;
    }
    send(response, await answerSoapRequest(body.toString("utf8"), services), timers, stats);
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://simulator.invalid");
    if (url.pathname.startsWith(ADMIN_PREFIX)) {
      const body = await readBody(request, MAX_ADMIN_BODY_BYTES);
      const answer = handleAdmin(request.method ?? "GET", url, body.toString("utf8"), { config, stats, clock, update });
      sendJson(response, answer.status, answer.body);
    } else if (SOAP_PATHS.has(url.pathname)) {
      await handleSoap(request, response);
    } else {
      sendJson(response, 404, { error: `nothing at ${url.pathname}; SOAP is at /apiv3.php, admin under ${ADMIN_PREFIX}` });
    }
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof SimulatorStopped) return; // the socket is closed by stop()
      console.error("[erp-sim] request failed:", error);
      if (!response.headersSent && !response.destroyed) {
        send(response, xmlReply(500, soapFault("SOAP-ENV:Server", `Internal simulator error: ${error instanceof Error ? error.message : String(error)}`)), timers);
      }
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8089, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let stopping: Promise<void> | undefined;
  return {
    url: `${baseUrl}/apiv3.php`,
    baseUrl,
    port,
    get config() {
      return config;
    },
    update,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    now: clock,
    monthTotals: (entity, month) => monthTotals(entity, month, clock(), worldOf(config)),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        timers.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
