/**
 * Counts of what clients asked, for tests in other processes ("the second dashboard
 * load made no ERP call", "one pagination run per partition"). A pagination run is one
 * request for page 0 of a query.
 */

export interface QueryStats {
  entity: string;
  /** Canonical filters + limit, without the page (see canonicalQuery). */
  query: string;
  requests: number;
  /** Page numbers requested, in arrival order. */
  pages: number[];
  paginationRuns: number;
}

/**
 * One answer of over 1 MB (the `huge` fault, big months), sent in chunks: how much of it
 * the client took before it finished or went away. A client that refuses an oversized
 * answer while streaming leaves `complete` false and `sentBytes` near its own limit
 * (plus what the TCP buffers between the two held); one that reads it all takes every byte.
 */
export interface LargeAnswerStats {
  entity?: string;
  page?: number;
  /** The fault kind that produced the answer, if any. */
  fault?: string;
  /** The body's full size. */
  bytes: number;
  /** Body bytes handed to the operating system (write completed) before the connection ended. */
  sentBytes: number;
  /** Whether the whole body was sent; false when the client closed the connection first. */
  complete: boolean;
}

export interface SimulatorStats {
  /** Every SOAP request, readable or not. */
  requests: number;
  byEntity: Record<string, number>;
  byQuery: QueryStats[];
  faultsInjected: number;
  /** Requests refused for wrong credentials (not counting injected "auth" faults). */
  authFailures: number;
  /** Answers over 1 MB, in the order they ended (the last 100). */
  largeAnswers: LargeAnswerStats[];
}

/** Keeps the page log of one query bounded in a long-running dev simulator. */
const MAX_PAGES_KEPT = 100_000;
const MAX_LARGE_ANSWERS_KEPT = 100;

export class StatsRecorder {
  private requests = 0;
  private byEntity = new Map<string, number>();
  private byQuery = new Map<string, QueryStats>();
  private faultsInjected = 0;
  private authFailures = 0;
  private largeAnswers: LargeAnswerStats[] = [];

  recordRequest(entity?: string, query?: { canonical: string; page: number }): void {
    this.requests++;
    if (entity === undefined) return;
    this.byEntity.set(entity, (this.byEntity.get(entity) ?? 0) + 1);
    if (!query) return;
    const key = `${entity}\n${query.canonical}`;
    let entry = this.byQuery.get(key);
    if (!entry) {
      entry = { entity, query: query.canonical, requests: 0, pages: [], paginationRuns: 0 };
      this.byQuery.set(key, entry);
    }
    entry.requests++;
    if (entry.pages.length < MAX_PAGES_KEPT) entry.pages.push(query.page);
    if (query.page === 0) entry.paginationRuns++;
  }

  recordFault(): void {
    this.faultsInjected++;
  }

  recordAuthFailure(): void {
    this.authFailures++;
  }

  recordLargeAnswer(answer: LargeAnswerStats): void {
    this.largeAnswers.push(answer);
    if (this.largeAnswers.length > MAX_LARGE_ANSWERS_KEPT) this.largeAnswers.shift();
  }

  snapshot(): SimulatorStats {
    return {
      requests: this.requests,
      byEntity: Object.fromEntries(this.byEntity),
      byQuery: [...this.byQuery.values()].map((entry) => ({ ...entry, pages: [...entry.pages] })),
      faultsInjected: this.faultsInjected,
      authFailures: this.authFailures,
      largeAnswers: this.largeAnswers.map((answer) => ({ ...answer })),
    };
  }

  reset(): void {
    this.requests = 0;
    this.byEntity = new Map();
    this.byQuery = new Map();
    this.faultsInjected = 0;
    this.authFailures = 0;
    this.largeAnswers = [];
  }
}
