import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ANSWER, DOCUMENT } from "./mapping";
import {
  TharanisMalformedResponseError,
  TharanisShapeError,
  type RequestContext,
} from "./errors";

/** What a SOAP answer carried: the `return` text (the answer document) or a Fault. */
export type SoapOutcome =
  | { kind: "return"; answer: string }
  | { kind: "fault"; faultCode: string; faultString: string };

/** The answer document: `hiba` and the `elem`s of `valasz` (or its text, on error). */
export interface Answer {
  errorCode: string;
  /** On success: the records; on error: empty. */
  records: Record<string, unknown>[];
  /** On error: the ERP's human-readable message. */
  message: string;
}

// DTDs are how XML bombs and external entities get in; SOAP 1.1 forbids them in a message.
const DTD = /<!DOCTYPE|<!ENTITY/i;

const SHARED_OPTIONS = {
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Values stay strings: "0123" is a SKU, "25170.00" an exact price, not floats.
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Deeper nesting than any genuine answer is an attack or garbage.
  maxNestedTags: 64,
} as const;

const envelopeParser = new XMLParser({ ...SHARED_OPTIONS, trimValues: false });

const RECORD_LISTS = new Set<string>([ANSWER.record, DOCUMENT.line]);
// Entities are decoded by field() in one pass (so "&amp;#233;" stays "&#233;");
// the parser never expands anything, which is also what keeps DTD tricks inert.
// preserveOrder hands back the parser's own tree, which toRecord() turns into
// plain records in one pass – several times cheaper than the parser's generic
// conversion on a 200-document page.
const answerParser = new XMLParser({
  ...SHARED_OPTIONS,
  trimValues: true,
  processEntities: false,
  jPath: false,
  preserveOrder: true,
});

/** A node list of the ordered tree → an element's children by name (lists for RECORD_LISTS), or its text. */
function toRecord(nodes: readonly Record<string, unknown>[]): Record<string, unknown> | string {
  let record: Record<string, unknown> | undefined;
  let text = "";
  for (const node of nodes) {
    for (const name in node) {
      const value = node[name];
      if (name === "#text") {
        text += String(value);
        continue;
      }
      const child = toRecord(value as Record<string, unknown>[]);
      record ??= {};
      const existing = record[name];
      if (existing === undefined) record[name] = RECORD_LISTS.has(name) ? [child] : child;
      else if (Array.isArray(existing)) existing.push(child);
      else record[name] = [existing, child];
    }
  }
  return record ?? text;
}

const RETURN_OPEN = /<(?:[\w.-]+:)?return(?:\s[^>]*)?>/;
const RETURN_CLOSE = /<\/(?:[\w.-]+:)?return\s*>/g;

/** Unwraps a SOAP envelope: the `return` text, or the Fault. */
export function unwrapEnvelope(xml: string, context: RequestContext): SoapOutcome {
  if (DTD.test(xml)) throw new TharanisMalformedResponseError(context, "the answer contains a DTD (refused: entity expansion)");
  if (!endsWithClosingTag(xml, "Envelope")) {
    throw new TharanisMalformedResponseError(context, `truncated or not a SOAP envelope (${describeEnd(xml)})`);
  }
  // The answer inside <return> can be megabytes of escaped text: cut it out and
  // parse only the small envelope around it, instead of scanning it twice.
  const open = RETURN_OPEN.exec(xml);
  const close = open ? lastMatch(RETURN_CLOSE, xml) : undefined;
  const payloadStart = open ? open.index + open[0].length : -1;
  const skeleton = open && close && close.index >= payloadStart ? xml.slice(0, payloadStart) + xml.slice(close.index) : xml;
  const body = asRecord(asRecord(parse(envelopeParser, skeleton, context, "SOAP envelope").Envelope)?.Body);
  if (!body) throw new TharanisShapeError(context, "no SOAP Body in the envelope");

  const fault = asRecord(body.Fault);
  if (fault) {
    return { kind: "fault", faultCode: text(fault.faultcode), faultString: unescapeXmlText(text(fault.faultstring)) };
  }
  const response = Object.values(body).map(asRecord).find((value) => value && "return" in value);
  if (!response || !open || !close) {
    throw new TharanisShapeError(context, `no <return> in the SOAP Body (found: ${Object.keys(body).join(", ") || "nothing"})`);
  }
  return { kind: "return", answer: decodeReturnText(xml.slice(payloadStart, close.index), context) };
}

function lastMatch(pattern: RegExp, text: string): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) last = match;
  return last;
}

/** Parses the answer document without relying on the name of its root element. */
export function parseAnswer(answer: string, context: RequestContext): Answer {
  if (DTD.test(answer)) throw new TharanisMalformedResponseError(context, "the answer document contains a DTD (refused: entity expansion)");
  // The root's name is not relied on, only that the document closes it (a cut-off answer does not).
  const rootName = /^\s*(?:<\?xml[^>]*\?>)?\s*<([A-Za-z_][\w.:-]*)/.exec(answer)?.[1];
  if (!rootName) throw new TharanisMalformedResponseError(context, `the answer document has no root element (${describeEnd(answer)})`);
  if (!endsWithClosingTag(answer, rootName)) {
    throw new TharanisMalformedResponseError(context, `truncated answer document (${describeEnd(answer)})`);
  }
  const parsed = toRecord(parse(answerParser, answer, context, "answer document") as unknown as Record<string, unknown>[]);
  const root = asRecord(asRecord(parsed)?.[rootName]);
  if (!root || !(ANSWER.errorCode in root)) {
    throw new TharanisShapeError(context, `no <${ANSWER.errorCode}> in the answer document <${rootName}>`);
  }
  const errorCode = text(root[ANSWER.errorCode]).trim();
  const body = root[ANSWER.body];
  if (errorCode !== ANSWER.successCode) {
    return { errorCode, records: [], message: typeof body === "string" ? unescapeXmlText(body) : JSON.stringify(body ?? "") };
  }
  if (body === undefined || body === "") return { errorCode, records: [], message: "" };
  const valasz = asRecord(body);
  if (!valasz) throw new TharanisShapeError(context, `<${ANSWER.body}> holds text, not records`);
  const elems = valasz[ANSWER.record];
  if (elems === undefined) {
    throw new TharanisShapeError(context, `<${ANSWER.body}> holds <${Object.keys(valasz).join(">, <")}>, not <${ANSWER.record}>`);
  }
  const records = (elems as unknown[]).map((elem, index) => {
    const record = asRecord(elem);
    if (!record) throw new TharanisShapeError(context, `<${ANSWER.record}> #${index + 1} is empty or text`);
    return record;
  });
  return { errorCode, records, message: "" };
}

function parse(parser: XMLParser, xml: string, context: RequestContext, what: string): Record<string, unknown> {
  // The parser is lenient (mismatched tags pass); the validator is not, and costs a fraction of a parse.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new TharanisMalformedResponseError(context, `${what} is not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TharanisMalformedResponseError(context, `${what} is not well-formed XML: ${reason.slice(0, 200)}`, error);
  }
}

/** A truncated document loses its end first: the last thing must close the root. */
function endsWithClosingTag(xml: string, localName: string): boolean {
  const end = xml.trimEnd();
  if (!end.endsWith(">")) return false;
  const open = end.lastIndexOf("</");
  if (open < 0) return false;
  const tag = end.slice(open + 2, -1).trim();
  return tag === localName || tag.endsWith(`:${localName}`);
}

function describeEnd(xml: string): string {
  const tail = xml.trimEnd().slice(-40).replace(/\s+/g, " ");
  return xml.trim() === "" ? "empty body" : `ends with "…${tail}"`;
}

/** The `return` text, raw from the envelope: escaped (as PHP sends it) or in CDATA sections. */
function decodeReturnText(raw: string, context: RequestContext): string {
  const trimmed = raw.trim();
  if (trimmed.startsWith("<![CDATA[")) {
    return [...trimmed.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((match) => match[1]).join("");
  }
  if (raw.includes("<")) throw new TharanisMalformedResponseError(context, "unescaped markup inside <return>");
  return unescapeXmlText(raw);
}

const NUMERIC_REFERENCE = /&#(?:(\d{1,7})|x([0-9a-fA-F]{1,6}));/g;

/**
 * Decodes one level of XML escaping. Native replaceAll passes are several times
 * faster than a regex callback on megabyte answers; `&amp;` goes last so that
 * "&amp;lt;" correctly becomes the text "&lt;", and numeric references first
 * so that "&amp;#233;" stays "&#233;".
 */
export function unescapeXmlText(raw: string): string {
  if (!raw.includes("&")) return raw;
  let text = raw;
  if (text.includes("&#")) {
    text = text.replace(NUMERIC_REFERENCE, (_, dec: string | undefined, hex: string | undefined) => {
      const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
    });
  }
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}
