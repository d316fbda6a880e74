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

export interface SimulatorStats {
  /** Every SOAP request, readable or not. */
  requests: number;
  byEntity: Record<string, number>;
  byQuery: QueryStats[];
  faultsInjected: number;
  /** Requests refused for wrong credentials (not counting injected "auth" faults). */
  authFailures: number;
}

/** Keeps the page log of one query bounded in a long-running dev simulator. */
const MAX_PAGES_KEPT = 100_000;

export class StatsRecorder {
  private requests = 0;
  private byEntity = new Map<string, number>();
  private byQuery = new Map<string, QueryStats>();
  private faultsInjected = 0;
  private authFailures = 0;

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

  snapshot(): SimulatorStats {
    return {
      requests: this.requests,
      byEntity: Object.fromEntries(this.byEntity),
      byQuery: [...this.byQuery.values()].map((entry) => ({ ...entry, pages: [...entry.pages] })),
      faultsInjected: this.faultsInjected,
      authFailures: this.authFailures,
    };
  }

  reset(): void {
    this.requests = 0;
    this.byEntity = new Map();
    this.byQuery = new Map();
    this.faultsInjected = 0;
    this.authFailures = 0;
  }
}
