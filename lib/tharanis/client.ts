import type { Entity } from "@/drizzle/schema";
import { tharanisConfigFromEnv, type TharanisConfig } from "./config";
import { buildLekerEnvelope } from "./envelope";
import {
  TharanisApiError,
  TharanisAuthError,
  TharanisError,
  TharanisHttpError,
  TharanisShapeError,
  TharanisSoapFaultError,
  redact,
  type RequestContext,
} from "./errors";
import { PAGE_MAPPERS } from "./mappers";
import { ANSWER, AUTH_FAILURE_MESSAGE } from "./mapping";
import { buildQueryXml, pageSizeOf, type ErpQuery } from "./query";
import { parseAnswer, unwrapEnvelope } from "./response";
import { postSoap } from "./transport";
import type { MappedPage, Page } from "./types";

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * Wraps the HTTP exchange alone (not the parsing): a concurrency limit on ERP
   * calls holds its slot only while the ERP is actually being asked.
   */
  aroundCall?: <T>(call: () => Promise<T>) => Promise<T>;
}

export interface TharanisClient {
  readonly url: string;
  /** One page (0-based) of an entity's records, mapped to domain rows. */
  fetchPage<E extends Entity>(entity: E, query: ErpQuery, page: number, options?: RequestOptions): Promise<Page<E>>;
  /**
   * Every page of a query, one at a time: the next page is requested only when
   * the consumer asks for it, so at most one page is in memory. Stops after a
   * short or empty page.
   */
  readPages<E extends Entity>(entity: E, query: ErpQuery, options?: RequestOptions): AsyncGenerator<Page<E>, void, undefined>;
}

// A runaway ERP that ignores `oldal` would page forever; no real partition comes close.
const MAX_PAGES = 100_000;

export function createTharanisClient(config: TharanisConfig): TharanisClient {
  const secrets = [config.credentials.apiKey];

  async function fetchPage<E extends Entity>(entity: E, query: ErpQuery, page: number, options: RequestOptions = {}): Promise<Page<E>> {
    const context: RequestContext = { entity, page };
    const started = performance.now();
    const envelope = buildLekerEnvelope(config.credentials, entity, buildQueryXml(entity, query, page));
    try {
      const call = () =>
        postSoap(config.url, envelope, context, {
          timeoutMs: config.timeoutMs,
          maxResponseBytes: config.maxResponseBytes,
          signal: options.signal,
        });
      const response = await (options.aroundCall ? options.aroundCall(call) : call());
      const mapped = decodeResponse(entity, response.status, response.body, context, secrets) as MappedPage<E> & { documents: number };
      return {
        entity,
        page,
        ...mapped,
        last: mapped.documents < pageSizeOf(query),
        bytes: response.bytes,
        durationMs: performance.now() - started,
      };
    } catch (error) {
      if (error instanceof TharanisError) error.message = redact(error.message, secrets);
      throw error;
    }
  }

  return { url: config.url, fetchPage, readPages: (entity, query, options) => paginate(fetchPage, entity, query, options) };
}

/**
 * Every page of a query through `fetchPage`, one at a time: the next page is
 * requested only when the consumer asks, so at most one page is in memory.
 * Stops after a short or empty page; refuses to loop on an ERP that ignores the page index.
 */
export async function* paginate<E extends Entity>(
  fetchPage: TharanisClient["fetchPage"],
  entity: E,
  query: ErpQuery,
  options: RequestOptions = {},
): AsyncGenerator<Page<E>, void, undefined> {
  let previousFirst: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await fetchPage(entity, query, page, options);
    const first = result.records[0] ? JSON.stringify(result.records[0]) : undefined;
    if (first !== undefined && first === previousFirst && !result.last) {
      throw new TharanisShapeError({ entity, page }, "the ERP answered the same page twice (is `oldal` ignored?)");
    }
    previousFirst = first;
    yield result;
    if (result.last) return;
  }
  throw new TharanisShapeError({ entity, page: MAX_PAGES }, `more than ${MAX_PAGES} pages; giving up`);

}

/** HTTP status + body → mapped records, or the matching TharanisError (exported for the benchmark). */
export function decodeResponse(entity: Entity, status: number, body: string, context: RequestContext, secrets: string[]) {
  // SOAP Faults arrive with HTTP 500; any other non-200 is a plain HTTP failure.
  const looksLikeSoap = body.includes("Envelope");
  if (status !== 200 && !(status === 500 && looksLikeSoap)) {
    throw new TharanisHttpError(context, status, excerpt(body, secrets));
  }
  const outcome = unwrapEnvelope(body, context);
  if (outcome.kind === "fault") {
    throw new TharanisSoapFaultError(context, outcome.faultCode, redact(outcome.faultString, secrets));
  }
  if (status !== 200) throw new TharanisHttpError(context, status, "a SOAP answer without a Fault");

  const answer = parseAnswer(outcome.answer, context);
  if (answer.errorCode !== ANSWER.successCode) {
    const message = redact(answer.message, secrets);
    if (AUTH_FAILURE_MESSAGE.test(message)) throw new TharanisAuthError(context, answer.errorCode, message);
    throw new TharanisApiError(context, answer.errorCode, message);
  }
  const mapped = PAGE_MAPPERS[entity](answer.records, context.page);
  return { ...mapped, documents: answer.records.length };
}

function excerpt(body: string, secrets: string[]): string {
  const flat = body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return redact(flat.length > 160 ? `${flat.slice(0, 160)}…` : flat, secrets);
}

// The application's client, from the environment (tests create their own).
let defaultClient: TharanisClient | undefined;

export function getTharanisClient(): TharanisClient {
  defaultClient ??= createTharanisClient(tharanisConfigFromEnv());
  return defaultClient;
}

/** `for await (const page of readPages(entity, query))` with the application's client. */
export function readPages<E extends Entity>(entity: E, query: ErpQuery, options?: RequestOptions) {
  return getTharanisClient().readPages(entity, query, options);
}
