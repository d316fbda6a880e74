/**
 * A deliberately small, independent SOAP client for the simulator's own tests: it builds
 * requests by hand and reads answers with fast-xml-parser directly, so a bug in the
 * simulator's protocol code cannot cancel itself out. (The app's real client lives in
 * lib/tharanis and is not used here on purpose.)
 */
import { XMLParser } from "fast-xml-parser";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "./server";

export const CREDENTIALS = { ugyfelkod: "7354", cegkod: "ab", apiKey: "secret-key" };

export type FilterSpec = [field: string, relation: string, value: string];

export interface QuerySpec {
  limit?: number | string;
  page?: number | string;
  filters?: FilterSpec[];
}

export type Style = "cdata" | "escaped" | "php";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function queryXml(spec: QuerySpec = {}): string {
  const filters = (spec.filters ?? [])
    .map(([field, relation, value]) => `<szuro><mezo>${escapeXml(field)}</mezo><relacio>${escapeXml(relation)}</relacio><ertek>${escapeXml(value)}</ertek></szuro>`)
    .join("");
  return `<leker><limit>${spec.limit ?? 200}</limit><oldal>${spec.page ?? 0}</oldal>${filters ? `<szurok>${filters}</szurok>` : ""}<adatok><fej>I</fej></adatok></leker>`;
}

/** A `leker` envelope; "php" imitates PHP's SoapClient (one line, escaped param4, SOAP-ENC namespace). */
export function lekerEnvelope(entity: string, query: string, options: { style?: Style; credentials?: typeof CREDENTIALS } = {}): string {
  const style = options.style ?? "cdata";
  const { ugyfelkod, cegkod, apiKey } = options.credentials ?? CREDENTIALS;
  const param4 = style === "cdata" ? `<![CDATA[${query}]]>` : escapeXml(query);
  const params = [ugyfelkod, cegkod, apiKey, entity].map((value, index) => `<param${index} xsi:type="xsd:string">${escapeXml(value)}</param${index}>`).join("");
  if (style === "php") {
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn://apiv3" ' +
      'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" ' +
      `SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:leker>${params}<param4 xsi:type="xsd:string">${param4}</param4></ns1:leker></SOAP-ENV:Body></SOAP-ENV:Envelope>\n`
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:api="urn://apiv3" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n  <soapenv:Body>\n    <api:leker>\n      ' +
    `${params}\n      <param4 xsi:type="xsd:string">${param4}</param4>\n    </api:leker>\n  </soapenv:Body>\n</soapenv:Envelope>\n`
  );
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

export async function postSoap(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "text/xml; charset=utf-8", ...headers },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString("utf8") };
}

const outerParser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: false });
const innerParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === "elem" || name === "tetel" });

export interface Answer {
  hiba: string;
  /** `valasz` as text when it holds a message. */
  message: string;
  elems: Array<Record<string, unknown>>;
  inner: string;
}

/** Unwraps envelope → inner document → records. Throws when the answer is not a `leker` response. */
export function readAnswer(text: string): Answer {
  const outer = outerParser.parse(text) as { Envelope?: { Body?: { lekerResponse?: { return?: string } } } };
  const inner = outer.Envelope?.Body?.lekerResponse?.return;
  if (typeof inner !== "string") throw new Error(`not a leker response: ${text.slice(0, 300)}`);
  const api = (innerParser.parse(inner) as { api: { hiba: string; valasz: string | { elem?: Array<Record<string, unknown>> } } }).api;
  const valasz = api.valasz;
  return {
    hiba: api.hiba,
    message: typeof valasz === "string" ? valasz : "",
    elems: typeof valasz === "object" && valasz !== null ? (valasz.elem ?? []) : [],
    inner,
  };
}

export function faultOf(text: string): { faultcode: string; faultstring: string } {
  const parsed = outerParser.parse(text) as { Envelope?: { Body?: { Fault?: { faultcode: string; faultstring: string } } } };
  const fault = parsed.Envelope?.Body?.Fault;
  if (!fault) throw new Error(`not a SOAP Fault: ${text.slice(0, 300)}`);
  return fault;
}

export interface InvoiceElem {
  fej: { sorszam: string; telj_dat: string; storno: string; valuta: string };
  tetelek: { tetel: Array<{ cikksz: string; megnev: string; menny: string; netto_ar: string; afa_szaz: string }> };
}

export interface MovementElem {
  fej: { bizszam: string; kelt: string; irany: string; mozgas: string; torolt: string };
  tetelek: { tetel: Array<{ cikksz: string; menny: string }> };
}

export class SimClient {
  constructor(
    readonly url: string,
    private readonly credentials = CREDENTIALS,
  ) {}

  async leker(entity: string, spec: QuerySpec = {}, style: Style = "cdata"): Promise<Answer> {
    const answer = await postSoap(this.url, lekerEnvelope(entity, queryXml(spec), { style, credentials: this.credentials }));
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
    return readAnswer(answer.text);
  }

  /** Every page of a query until a short page; returns the elems and the page sizes. */
  async all(entity: string, filters: FilterSpec[] = [], limit = 200): Promise<{ elems: Array<Record<string, unknown>>; pageSizes: number[] }> {
    const elems: Array<Record<string, unknown>> = [];
    const pageSizes: number[] = [];
    for (let page = 0; ; page++) {
      const answer = await this.leker(entity, { limit, page, filters });
      if (answer.hiba !== "0") throw new Error(`hiba ${answer.hiba}: ${answer.message}`);
      elems.push(...answer.elems);
      pageSizes.push(answer.elems.length);
      if (answer.elems.length < limit) return { elems, pageSizes };
    }
  }
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<{ sim: RunningSimulator; client: SimClient }> {
  const sim = await startSimulator({ port: 0, latencyMs: 0, credentials: CREDENTIALS, ...options });
  return { sim, client: new SimClient(sim.url) };
}

/** Exact fixed-point parsing for test sums, independent of the simulator's decimal module. */
export function scaled(text: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const fraction = (match[3] ?? "").padEnd(scale, "0");
  if (fraction.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  const value = BigInt(`${match[2]}${fraction}`);
  return match[1] === "-" ? -value : value;
}

/** A scaled BigInt back to text with exactly `scale` decimals. */
export function unscaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}
