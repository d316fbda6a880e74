import type { Entity } from "@/drizzle/schema";

/** Which request failed: every error names the entity and the page. */
export interface RequestContext {
  entity: Entity;
  page: number;
}

export type TharanisErrorKind =
  | "auth"
  | "api"
  | "soap-fault"
  | "http"
  | "timeout"
  | "network"
  | "malformed"
  | "shape";

/**
 * Base of every ERP failure. Messages never contain credentials: they are built
 * from the context and from what the ERP answered, and pass through redact().
 */
export abstract class TharanisError extends Error {
  abstract readonly kind: TharanisErrorKind;
  /** Worth retrying later: the ERP or the network may recover. */
  abstract readonly retryable: boolean;
  readonly entity: Entity;
  readonly page: number;

  constructor(context: RequestContext, detail: string, options?: { cause?: unknown }) {
    super(`Tharanis ${context.entity} page ${context.page}: ${detail}`, options);
    this.name = new.target.name;
    this.entity = context.entity;
    this.page = context.page;
  }
}

/** `hiba` answered to bad credentials. */
export class TharanisAuthError extends TharanisError {
  readonly kind = "auth";
  readonly retryable = false;
  constructor(context: RequestContext, readonly code: string, readonly erpMessage: string) {
    super(context, `authentication failed (hiba ${code}: ${erpMessage}) – check THARANIS_UGYFELKOD, THARANIS_CEGKOD and THARANIS_API_KEY`);
  }
}

/** Any other non-zero `hiba`, with the ERP's own (Hungarian) message. */
export class TharanisApiError extends TharanisError {
  readonly kind = "api";
  readonly retryable = true;
  constructor(context: RequestContext, readonly code: string, readonly erpMessage: string) {
    super(context, `ERP error hiba ${code}: ${erpMessage || "(no message)"}`);
  }
}

export class TharanisSoapFaultError extends TharanisError {
  readonly kind = "soap-fault";
  readonly retryable: boolean;
  constructor(context: RequestContext, readonly faultCode: string, readonly faultString: string) {
    super(context, `SOAP Fault ${faultCode}: ${faultString || "(no message)"}`);
    // A Client fault means our request is wrong; repeating it will not help.
    this.retryable = !/client/i.test(faultCode);
  }
}

export class TharanisHttpError extends TharanisError {
  readonly kind = "http";
  readonly retryable: boolean;
  constructor(context: RequestContext, readonly status: number, excerpt: string) {
    super(context, `HTTP ${status}${excerpt ? ` – ${excerpt}` : ""}`);
    this.retryable = status >= 500 || status === 408 || status === 429;
  }
}

export class TharanisTimeoutError extends TharanisError {
  readonly kind = "timeout";
  readonly retryable = true;
  constructor(context: RequestContext, readonly timeoutMs: number) {
    super(context, `no complete answer within ${Math.round(timeoutMs / 1000)} s (THARANIS_TIMEOUT_MS=${timeoutMs})`);
  }
}

export class TharanisNetworkError extends TharanisError {
  readonly kind = "network";
  readonly retryable = true;
  constructor(context: RequestContext, detail: string, cause?: unknown) {
    super(context, `network error: ${detail}`, { cause });
  }
}

/** Not XML we can read: truncated, malformed, not UTF-8, too large, or with a DTD. */
export class TharanisMalformedResponseError extends TharanisError {
  readonly kind = "malformed";
  readonly retryable = true;
  constructor(context: RequestContext, detail: string, cause?: unknown) {
    super(context, `malformed response: ${detail}`, { cause });
  }
}

/** Well-formed XML, but not the shape the protocol describes. */
export class TharanisShapeError extends TharanisError {
  readonly kind = "shape";
  readonly retryable = false;
  constructor(context: RequestContext, detail: string) {
    super(context, `unexpected response shape: ${detail}`);
  }
}

/** Replaces every secret (API key, codes) that might appear in a text with ***. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 3) result = result.split(secret).join("***");
  }
  return result;
}
