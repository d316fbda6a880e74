/**
 * Fault injection: which rule fires for a request, and the broken answer it produces.
 * Each kind imitates something a real ERP or the network in front of it does, so the
 * client's error handling can be tested against the real thing rather than a mock.
 */
import type { FaultKind, FaultRule, SimulatorConfig } from "./config";
import { Random } from "./generator/random";
import { AUTH_ERROR_CODE, AUTH_ERROR_MESSAGE, envelopeHead, envelopeTail, errorDocument, soapEnvelope, soapFault, XML_DECLARATION } from "./protocol/response";

export const XML_CONTENT_TYPE = "text/xml; charset=utf-8";
const HTML_CONTENT_TYPE = "text/html; charset=utf-8";

export const DEFAULT_TIMEOUT_DELAY_MS = 10 * 60 * 1000;
const DEFAULT_HUGE_MB = 50;
const DEEP_NESTING_LEVELS = 100_000;
const DEFAULT_SOAP_FAULT_MESSAGE = "Átmeneti hiba, próbálja újra";
const DEFAULT_HIBA_CODE = "5";
const DEFAULT_HIBA_MESSAGE = "Belső hiba, próbálja újra később";
/** A lone lead byte, a stray continuation byte and two bytes UTF-8 never uses. */
const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0x80, 0xfe, 0xff]);

/** What a reply answered (for the stats of large answers). */
export interface ReplyAbout {
  entity?: string;
  page?: number;
  fault?: FaultKind;
}

/** What the server sends: a body (any status), or nothing at all for a while. */
export type SoapReply =
  | { type: "body"; status: number; contentType: string; body: Buffer | string; headers?: Record<string, string>; about?: ReplyAbout }
  | { type: "hang"; delayMs: number };

export function xmlReply(status: number, body: string): SoapReply {
  return { type: "body", status, contentType: XML_CONTENT_TYPE, body };
}

/** Picks the first armed rule that matches; counts down and disarms `times` rules. */
export class FaultInjector {
  private readonly random: Random;

  constructor(
    private readonly config: SimulatorConfig,
    seed: number,
  ) {
    this.random = new Random(seed ^ 0x5eed);
  }

  select(entity: string | undefined, page: number | undefined): FaultRule | undefined {
    for (const rule of this.config.faults) {
      if (rule.entity !== undefined && rule.entity !== entity) continue;
      if (rule.page !== undefined && rule.page !== page) continue;
      const rate = rule.rate ?? 1;
      if (rate < 1 && !(this.random.next() < rate)) continue;
      const fired = { ...rule };
      if (rule.times !== undefined) {
        rule.times--;
        if (rule.times <= 0) this.config.faults.splice(this.config.faults.indexOf(rule), 1);
      }
      return fired;
    }
    return undefined;
  }
}

function htmlError(status: number, title: string): SoapReply {
  const body = `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><p>The server is temporarily unable to service your request.</p></body></html>\n`;
  return { type: "body", status, contentType: HTML_CONTENT_TYPE, body, headers: status === 503 ? { "Retry-After": "1" } : undefined };
}

/** Inserts bytes into the first data value of an answer (the first SKU), else into `valasz`. */
function spliceIntoFirstValue(envelope: string, insert: Buffer): Buffer {
  let at = envelope.indexOf("&lt;/cikksz&gt;");
  if (at < 0) at = envelope.indexOf("&lt;/valasz&gt;");
  if (at < 0) at = envelope.indexOf("</return>");
  return Buffer.concat([Buffer.from(envelope.slice(0, at), "utf8"), insert, Buffer.from(envelope.slice(at), "utf8")]);
}

/** Cuts a body in half on a character boundary: well-formed HTTP, broken XML. */
function truncate(body: string): Buffer {
  const bytes = Buffer.from(body, "utf8");
  let cut = Math.floor(bytes.length / 2);
  while (cut > 0 && ((bytes[cut] as number) & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut);
}

/** Billion laughs: ten levels of ten-fold entity expansion (~3 GB if a parser expands it). */
function xmlBomb(): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let level = 1; level <= 9; level++) entities.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
  return (
    `${XML_DECLARATION}\n<!DOCTYPE SOAP-ENV:Envelope [\n  ${entities.join("\n  ")}\n]>\n` +
    envelopeHead().slice(XML_DECLARATION.length + 1) +
    "&lol9;" +
    envelopeTail()
  );
}

function deepNesting(): string {
  const inner = `${XML_DECLARATION}\n<api><hiba>0</hiba><valasz>${"<elem>".repeat(DEEP_NESTING_LEVELS)}${"</elem>".repeat(DEEP_NESTING_LEVELS)}</valasz></api>`;
  return soapEnvelope(inner);
}

function huge(normalEnvelope: string, sizeMb: number): Buffer {
  const target = Math.round(sizeMb * 1024 * 1024);
  const padding = Math.max(0, target - Buffer.byteLength(normalEnvelope, "utf8"));
  return spliceIntoFirstValue(normalEnvelope, Buffer.alloc(padding, "A"));
}

/**
 * The reply for a fired rule. `normal` computes the answer the request would have had
 * (only called for kinds that corrupt a real answer).
 */
export function faultReply(rule: FaultRule, normal: () => { status: number; body: string }): SoapReply {
  switch (rule.kind) {
    case "soap-fault":
      return xmlReply(500, soapFault("SOAP-ENV:Server", rule.message ?? DEFAULT_SOAP_FAULT_MESSAGE));
    case "hiba":
      return xmlReply(200, soapEnvelope(errorDocument(rule.code ?? DEFAULT_HIBA_CODE, rule.message ?? DEFAULT_HIBA_MESSAGE)));
    case "auth":
      return xmlReply(200, soapEnvelope(errorDocument(AUTH_ERROR_CODE, AUTH_ERROR_MESSAGE)));
    case "timeout":
      return { type: "hang", delayMs: rule.delayMs ?? DEFAULT_TIMEOUT_DELAY_MS };
    case "truncated": {
      const answer = normal();
      return { type: "body", status: answer.status, contentType: XML_CONTENT_TYPE, body: truncate(answer.body) };
    }
    case "http-500":
      return htmlError(500, "Internal Server Error");
    case "http-503":
      return htmlError(503, "Service Unavailable");
    case "invalid-utf8":
      return { type: "body", status: 200, contentType: XML_CONTENT_TYPE, body: spliceIntoFirstValue(normal().body, INVALID_UTF8) };
    case "xml-bomb":
      return xmlReply(200, xmlBomb());
    case "deep-nesting":
      return xmlReply(200, deepNesting());
    case "huge":
      return { type: "body", status: 200, contentType: XML_CONTENT_TYPE, body: huge(normal().body, rule.sizeMb ?? DEFAULT_HUGE_MB) };
  }
}
