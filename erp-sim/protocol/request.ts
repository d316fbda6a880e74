/**
 * Reads a `leker` call from a SOAP envelope, whatever the namespace prefixes, with the
 * query (`param4`) sent as CDATA or as escaped text – the parser yields the same string.
 */
import { ClientFault, isRecord, parseXml } from "./xml-parser";

export interface LekerCall {
  ugyfelkod: string;
  cegkod: string;
  apiKey: string;
  entity: string;
  /** The query document as text (`<leker>…</leker>`). */
  queryXml: string;
}

const PARAMETERS = ["param0", "param1", "param2", "param3", "param4"] as const;

function child(node: Record<string, unknown>, name: string, what: string): Record<string, unknown> {
  const value = node[name];
  if (!isRecord(value)) throw new ClientFault(`${what}: missing ${name}`);
  return value;
}

export function parseLekerCall(body: string): LekerCall {
  const document = parseXml(body, "SOAP request");
  const envelope = child(document, "Envelope", "SOAP request");
  const soapBody = child(envelope, "Body", "SOAP Envelope");
  const operations = Object.keys(soapBody).filter((name) => name !== "#text");
  if (operations.length === 0) throw new ClientFault("SOAP Body has no operation");
  const operation = operations[0] as string;
  if (operation !== "leker") {
    throw new ClientFault(`Unknown operation "${operation}": this service answers "leker" (writes such as "berak" are not simulated)`);
  }
  const call = soapBody.leker;
  if (!isRecord(call)) throw new ClientFault("leker: missing parameters param0..param4");

  const values = PARAMETERS.map((name) => {
    const value = call[name];
    if (value === undefined) throw new ClientFault(`leker: missing parameter ${name}`);
    if (typeof value !== "string") {
      throw new ClientFault(`leker: ${name} must be a string (send the query XML as CDATA or escaped text, not as child elements)`);
    }
    return value;
  });
  const [ugyfelkod, cegkod, apiKey, entity, queryXml] = values as [string, string, string, string, string];
  return { ugyfelkod, cegkod, apiKey, entity, queryXml };
}
