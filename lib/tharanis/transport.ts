import { SOAP } from "./mapping";
import {
  TharanisMalformedResponseError,
  TharanisNetworkError,
  TharanisTimeoutError,
  type RequestContext,
} from "./errors";

export interface TransportOptions {
  timeoutMs: number;
  /** Answers larger than this are refused while streaming, before they fill memory. */
  maxResponseBytes: number;
  /** Cancels the request (e.g. a sync being shut down). */
  signal?: AbortSignal;
}

export interface SoapHttpResponse {
  status: number;
  body: string;
  bytes: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The one function that talks to the ERP: POSTs a SOAP envelope and returns the
 * decoded answer. Connections are reused (fetch keeps them alive); the timeout
 * covers the whole exchange, body included. It never sees or reports
 * credentials beyond sending the envelope it is given.
 */
export async function postSoap(
  url: string,
  envelope: string,
  context: RequestContext,
  options: TransportOptions,
): Promise<SoapHttpResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const failure = (error: unknown): Error => {
    if (options.signal?.aborted) return toError(options.signal.reason);
    if (timeout.aborted) return new TharanisTimeoutError(context, options.timeoutMs);
    return new TharanisNetworkError(context, describeNetworkError(error), error);
  };

  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "text/xml; charset=utf-8", SOAPAction: SOAP.soapAction },
      body: envelope,
      signal,
      redirect: "error",
    });
  } catch (error) {
    throw failure(error);
  }

  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > options.maxResponseBytes) {
          await reader.cancel().catch(() => {});
          throw new TharanisMalformedResponseError(
            context,
            `answer larger than ${Math.round(options.maxResponseBytes / 1_048_576)} MB (THARANIS_MAX_RESPONSE_MB); refused`,
          );
        }
        chunks.push(value);
      }
    }
  } catch (error) {
    if (error instanceof TharanisMalformedResponseError) throw error;
    const failed = failure(error);
    if (failed instanceof TharanisNetworkError) {
      throw new TharanisMalformedResponseError(context, `truncated: the connection closed after ${bytes} bytes`, error);
    }
    throw failed;
  }

  let body: string;
  try {
    body = utf8.decode(Buffer.concat(chunks, bytes));
  } catch (error) {
    throw new TharanisMalformedResponseError(context, "the answer is not valid UTF-8", error);
  }
  return { status: response.status, body, bytes };
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ""}`;
  return error instanceof Error ? error.message : String(error);
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason ?? "aborted"));
}
