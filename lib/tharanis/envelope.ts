import type { Entity } from "@/drizzle/schema";
import { SOAP } from "./mapping";
import { cdata, escapeXml } from "./xml";

export interface Credentials {
  /** Customer code (ügyfélkód), param0. */
  ugyfelkod: string;
  /** Company code (cégkód), param1. */
  cegkod: string;
  /** API key, param2. Secret: never logged, never in an error message. */
  apiKey: string;
}

/** The SOAP 1.1 RPC request for `leker`, with the query document as CDATA in param4. */
export function buildLekerEnvelope(credentials: Credentials, entity: Entity, queryXml: string): string {
  const param = (index: number, value: string) => `<param${index} xsi:type="xsd:string">${value}</param${index}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="${SOAP.namespace}" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<SOAP-ENV:Body><ns1:${SOAP.operation}>` +
    param(0, escapeXml(credentials.ugyfelkod)) +
    param(1, escapeXml(credentials.cegkod)) +
    param(2, escapeXml(credentials.apiKey)) +
    param(3, escapeXml(entity)) +
    param(4, cdata(queryXml)) +
    `</ns1:${SOAP.operation}></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}
