/**
 * The one XML reader of the simulator: tolerant of namespace prefixes and attributes,
 * keeps every value a string, refuses DTDs (no entity tricks get near the parser).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** Thrown for input the client got wrong; answered with a SOAP-ENV:Client fault. */
export class ClientFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClientFault";
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * XML's five named entities plus numeric character references (&#233; &#xE9;), which
 * fast-xml-parser's default decoder leaves undecoded; anything else stays as written.
 */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (!name.startsWith("#")) return NAMED_ENTITIES[name] ?? whole;
    const codePoint = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
  });
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  entityDecoder: { decode: decodeEntities, setExternalEntities: () => {}, addInputEntities: () => {}, reset: () => {}, setXmlVersion: () => {} },
  isArray: (name) => name === "szuro",
});

export function hasDoctype(text: string): boolean {
  return /<!DOCTYPE/i.test(text);
}

/** Parses `text` into plain objects; `what` names the document in error messages. */
export function parseXml(text: string, what: string): Record<string, unknown> {
  if (hasDoctype(text)) throw new ClientFault(`${what}: DOCTYPE declarations are not allowed`);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw new ClientFault(`${what} is not well-formed XML: ${validation.err.msg} (line ${validation.err.line}, column ${validation.err.col})`);
  }
  const parsed: unknown = parser.parse(text);
  if (parsed === null || typeof parsed !== "object") throw new ClientFault(`${what} is empty`);
  return parsed as Record<string, unknown>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
