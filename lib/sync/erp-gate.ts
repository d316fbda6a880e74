import type { Entity } from "@/lib/db";
import { paginate } from "@/lib/tharanis/client";
import type { ErpQuery, Page, RequestOptions, TharanisClient } from "@/lib/tharanis";

/**
 * The global limit on concurrent ERP calls of a process: a counting semaphore
 * whose waiters are served by priority (lower number first), then in arrival
 * order. Syncs take a slot per page, not per partition, so a read waits at most
 * for one page of a hydration, never for whole months.
 */
export class ErpGate {
  private active = 0;
  private readonly waiting: Array<{ priority: number; seq: number; grant: () => void }> = [];
  private seq = 0;

  constructor(readonly limit: number) {}

  async acquire(priority: number): Promise<() => void> {
    if (this.active < this.limit && this.waiting.length === 0) {
      this.active += 1;
      return this.releaser();
    }
    await new Promise<void>((grant) => {
      this.waiting.push({ priority, seq: this.seq++, grant });
      this.waiting.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    });
    return this.releaser();
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant(); // the slot passes straight on
      else this.active -= 1;
    };
  }

  /** Runs `call` holding a slot. */
  async run<T>(priority: number, call: () => Promise<T>): Promise<T> {
    const release = await this.acquire(priority);
    try {
      return await call();
    } finally {
      release();
    }
  }
}

/**
 * The client, with every ERP call passing through the gate at the given
 * priority. The slot is held for the HTTP exchange only: parsing the answer
 * happens outside it, so the next call can already be on its way.
 */
export function gatedClient(client: TharanisClient, gate: ErpGate, priority: number): TharanisClient {
  function fetchPage<E extends Entity>(entity: E, query: ErpQuery, page: number, options?: RequestOptions): Promise<Page<E>> {
    return client.fetchPage(entity, query, page, { ...options, aroundCall: (call) => gate.run(priority, call) });
  }
  return { url: client.url, fetchPage, readPages: (entity, query, options) => paginate(fetchPage, entity, query, options) };
}
