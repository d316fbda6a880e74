/**
 * One SOAP request, start to finish: read it, count it, pick a fault, wait the
 * configured latency, then answer as the ERP would – credentials first, then entity,
 * query and filters, then the page of records.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { worldOf, type Credentials, type SimulatorConfig } from "./config";
import type { Dataset } from "./dataset/pages";
import { faultReply, xmlReply, type FaultInjector, type ReplyAbout, type SoapReply } from "./faults";
import { ENTITIES, isEntity } from "./protocol/entities";
import { canonicalQuery, InvalidQuery, parseQuery, validateFilters, type Query } from "./protocol/query";
import { parseLekerCall, type LekerCall } from "./protocol/request";
import { AUTH_ERROR_CODE, AUTH_ERROR_MESSAGE, errorDocument, soapEnvelope, soapFault, soapSuccessEnvelope } from "./protocol/response";
import { ClientFault } from "./protocol/xml-parser";
import type { StatsRecorder } from "./stats";

export interface SoapServices {
  /** The live config (read on every request, so updates apply at once). */
  config: SimulatorConfig;
  clock: () => Date;
  dataset: Dataset;
  stats: StatsRecorder;
  faults: FaultInjector;
  /** Resolves after `ms`; rejects when the simulator stops. */
  wait(ms: number): Promise<void>;
}

/** What could be read from the request; errors are kept to be answered in the ERP's order. */
interface ReadRequest {
  call?: LekerCall;
  envelopeError?: ClientFault;
  query?: Query;
  queryError?: ClientFault | InvalidQuery;
}

function readRequest(body: string): ReadRequest {
  let call: LekerCall;
  try {
    call = parseLekerCall(body);
  } catch (error) {
    if (error instanceof ClientFault) return { envelopeError: error };
    throw error;
  }
  try {
    return { call, query: parseQuery(call.queryXml) };
  } catch (error) {
    if (error instanceof ClientFault || error instanceof InvalidQuery) return { call, queryError: error };
    throw error;
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** Constant-time comparison: the simulator should not teach clients timing leaks are fine. */
function credentialsMatch(call: LekerCall, expected: Credentials): boolean {
  const pairs: Array<[string, string]> = [
    [call.ugyfelkod, expected.ugyfelkod],
    [call.cegkod, expected.cegkod],
    [call.apiKey, expected.apiKey],
  ];
  return pairs.map(([given, wanted]) => timingSafeEqual(digest(given), digest(wanted))).every(Boolean);
}

interface NormalAnswer {
  status: number;
  body: string;
  authFailed?: boolean;
}

function clientFault(message: string): NormalAnswer {
  return { status: 500, body: soapFault("SOAP-ENV:Client", message) };
}

function normalAnswer(request: ReadRequest, services: SoapServices): NormalAnswer {
  const { call, query } = request;
  if (!call) return clientFault(request.envelopeError?.message ?? "Unreadable SOAP request");
  if (!credentialsMatch(call, services.config.credentials)) {
    return { status: 200, body: soapEnvelope(errorDocument(AUTH_ERROR_CODE, AUTH_ERROR_MESSAGE)), authFailed: true };
  }
  const entity = call.entity.trim();
  if (!isEntity(entity)) return clientFault(`Unknown entity "${call.entity}" in param3 (known: ${ENTITIES.join(", ")})`);
  if (request.queryError instanceof InvalidQuery) return { status: 200, body: soapEnvelope(errorDocument(request.queryError.code, request.queryError.message)) };
  if (request.queryError || !query) return clientFault(request.queryError?.message ?? "Unreadable query");
  try {
    validateFilters(entity, query.filters);
  } catch (error) {
    if (error instanceof ClientFault) return clientFault(error.message);
    throw error;
  }
  const wireElements = services.dataset.page(worldOf(services.config), entity, query, services.clock());
  return { status: 200, body: soapSuccessEnvelope(wireElements) };
}

export async function answerSoapRequest(body: string, services: SoapServices): Promise<SoapReply> {
  const request = readRequest(body);
  const entity = request.call?.entity.trim();
  services.stats.recordRequest(entity, request.query && { canonical: canonicalQuery(request.query), page: request.query.page });
  // The rule is chosen on arrival, so concurrent requests use up `times` in arrival order.
  const fault = services.faults.select(entity, request.query?.page);
  if (fault) services.stats.recordFault();

  // The latency is how long the ERP takes to answer, its own work included: the answer is
  // made while the clock runs, so a page takes latencyMs however busy this machine is.
  const latency = services.wait(services.config.latencyMs);
  try {
    const about = { entity, page: request.query?.page, fault: fault?.kind };
    const reply = fault ? faultReply(fault, () => normalAnswer(request, services)) : answerOf(normalAnswer(request, services), services);
    await latency;
    return labelled(reply, about);
  } finally {
    latency.catch(() => {}); // a stop() during the work rejects it; the request ends either way
  }
}

function answerOf(answer: NormalAnswer, services: SoapServices): SoapReply {
  if (answer.authFailed) services.stats.recordAuthFailure();
  return xmlReply(answer.status, answer.body);
}

function labelled(reply: SoapReply, about: ReplyAbout): SoapReply {
  return reply.type === "body" ? { ...reply, about } : reply;
}
