/**
 * The answer format, byte for byte as PHP's SoapServer writes it (see the fixtures):
 * an inner document `<?xml …?>\n<api><hiba/><valasz/></api>`, escaped once more as the
 * text of `<return>` in a fixed RPC envelope.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** hiba 1 with this text is how the ERP reports wrong credentials. */
export const AUTH_ERROR_CODE = "1";
export const AUTH_ERROR_MESSAGE = "Hibás azonosítás";

const ENVELOPE_HEAD =
  `${XML_DECLARATION}\n` +
  '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn://apiv3" ' +
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
  '<SOAP-ENV:Body><ns1:lekerResponse><return xsi:type="xsd:string">';
const ENVELOPE_TAIL = "</return></ns1:lekerResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>\n";

const FAULT_HEAD = `${XML_DECLARATION}\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault>`;
const FAULT_TAIL = "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n";

export type FaultCode = "SOAP-ENV:Client" | "SOAP-ENV:Server";

/** Escaping of data values inside the inner document (the ERP escapes quotes too). */
export function escapeValue(text: string): string {
  return text.replace(/[&<>"]/g, (char) => (char === "&" ? "&amp;" : char === "<" ? "&lt;" : char === ">" ? "&gt;" : "&quot;"));
}

/**
 * Escaping of text in the envelope: quotes stay as they are (the fixtures show
 * version="1.0"). Built with join() on purpose: `+=` would leave a rope of hundreds of
 * slices per record, and the record cache keeps these strings for whole months.
 */
export function escapeEnvelopeText(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 38 && code !== 60 && code !== 62) continue; // & < >
    parts.push(text.slice(copiedUpTo, i), code === 38 ? "&amp;" : code === 60 ? "&lt;" : "&gt;");
    copiedUpTo = i + 1;
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join("");
}

/** The inner document; `valasz` is XML already (records) or escaped text (a message). */
export function answerDocument(hiba: string, valaszXml: string): string {
  return `${XML_DECLARATION}\n<api><hiba>${escapeValue(hiba)}</hiba><valasz>${valaszXml}</valasz></api>`;
}

export function successDocument(elements: string): string {
  return answerDocument("0", elements);
}

export function errorDocument(code: string, message: string): string {
  return answerDocument(code, escapeValue(message));
}

export function envelopeHead(): string {
  return ENVELOPE_HEAD;
}

export function envelopeTail(): string {
  return ENVELOPE_TAIL;
}

/** The HTTP body of a `leker` answer carrying `innerDocument`. */
export function soapEnvelope(innerDocument: string): string {
  return ENVELOPE_HEAD + escapeEnvelopeText(innerDocument) + ENVELOPE_TAIL;
}

const ESCAPED_SUCCESS_HEAD = escapeEnvelopeText(`${XML_DECLARATION}\n<api><hiba>0</hiba><valasz>`);
const ESCAPED_SUCCESS_TAIL = escapeEnvelopeText("</valasz></api>");

/**
 * The same bytes as soapEnvelope(successDocument(elements)), from elements already
 * escaped for the envelope. Escaping works character by character, so escaped pieces
 * concatenate; the record cache keeps elements escaped once instead of on every page.
 */
export function soapSuccessEnvelope(escapedElements: string): string {
  return ENVELOPE_HEAD + ESCAPED_SUCCESS_HEAD + escapedElements + ESCAPED_SUCCESS_TAIL + ENVELOPE_TAIL;
}

/** The HTTP body of a SOAP Fault (sent with status 500). */
export function soapFault(faultcode: FaultCode, faultstring: string): string {
  return `${FAULT_HEAD}<faultcode>${faultcode}</faultcode><faultstring>${escapeEnvelopeText(faultstring)}</faultstring>${FAULT_TAIL}`;
}
