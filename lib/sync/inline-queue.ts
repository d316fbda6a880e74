import { EventEmitter } from "node:events";
import type { Entity, SyncTrigger } from "@/lib/db";
import type { SyncOutcome } from "./sync-partition";

/**
 * The in-process job queue of inline mode (no Inngest): the same dedupe and
 * priorities as the Inngest functions. Jobs start by priority – on-demand
 * reads, then cron, then hydration. The ERP limit itself is the ErpGate, per
 * page: up to erpConcurrency + 1 hydration runs keep every ERP slot busy
 * (one is always ready while another writes), and reads, cron and admin runs
 * have two more run slots of their own, so a user's read starts at once and
 * its pages jump the gate's queue ahead of the hydration's.
 */

export interface SyncJob {
  entity: Entity;
  partition: string;
  trigger: SyncTrigger;
  force: boolean;
  /** Set for jobs of a hydration, so it can be cancelled and followed. */
  hydrationId?: string;
  /** The partition's TTL when requested: the dedupe window of Inngest event ids. */
  ttlSeconds: number;
}

export const PRIORITY: Record<SyncTrigger, number> = { read: 0, manual: 0, cron: 1, hydrate: 2 };

interface Queued extends SyncJob {
  key: string;
  priority: number;
  seq: number;
}

export interface QueueStats {
  running: number;
  runningHydration: number;
  pending: Record<SyncTrigger, number>;
  erpConcurrency: number;
}

export type JobRunner = (job: SyncJob) => Promise<SyncOutcome>;

export class InlineSyncQueue extends EventEmitter<{ done: [SyncJob, SyncOutcome | Error]; idle: [] }> {
  private readonly pending = new Map<string, Queued>();
  private readonly running = new Set<string>();
  private runningHydration = 0;
  private seq = 0;

  private readonly hydrationRuns: number;
  private readonly totalRuns: number;

  constructor(
    private readonly run: JobRunner,
    readonly erpConcurrency: number,
  ) {
    super();
    this.hydrationRuns = erpConcurrency + 1;
    this.totalRuns = erpConcurrency + 3;
  }

  /** Adds jobs; one already waiting for the same partition absorbs the new one (keeping the higher priority). */
  enqueue(jobs: readonly SyncJob[]): { queued: number; merged: number } {
    let queued = 0;
    let merged = 0;
    for (const job of jobs) {
      const key = `${job.entity}:${job.partition}`;
      const priority = PRIORITY[job.trigger];
      const waiting = this.pending.get(key);
      if (waiting) {
        merged += 1;
        if (priority < waiting.priority) Object.assign(waiting, { priority, trigger: job.trigger });
        waiting.force ||= job.force;
        waiting.hydrationId ??= job.hydrationId;
        continue;
      }
      this.pending.set(key, { ...job, key, priority, seq: this.seq++ });
      queued += 1;
    }
    this.pump();
    return { queued, merged };
  }

  /** Drops waiting jobs (a cancelled hydration); running ones finish their partition. */
  cancel(predicate: (job: SyncJob) => boolean): number {
    let removed = 0;
    for (const [key, job] of this.pending) {
      if (predicate(job)) {
        this.pending.delete(key);
        removed += 1;
      }
    }
    if (removed) this.emitIfIdle();
    return removed;
  }

  stats(): QueueStats {
    const pending: Record<SyncTrigger, number> = { read: 0, manual: 0, cron: 0, hydrate: 0 };
    for (const job of this.pending.values()) pending[job.trigger] += 1;
    return { running: this.running.size, runningHydration: this.runningHydration, pending, erpConcurrency: this.erpConcurrency };
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.pending.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.once("idle", () => resolve()));
  }

  private next(): Queued | undefined {
    let best: Queued | undefined;
    for (const job of this.pending.values()) {
      if (this.running.has(job.key)) continue; // one run per partition at a time
      if (job.trigger === "hydrate" && this.runningHydration >= this.hydrationRuns) continue;
      if (!best || job.priority < best.priority || (job.priority === best.priority && job.seq < best.seq)) best = job;
    }
    return best;
  }

  private pump(): void {
    while (this.running.size < this.totalRuns) {
      const job = this.next();
      if (!job) break;
      this.pending.delete(job.key);
      this.running.add(job.key);
      if (job.trigger === "hydrate") this.runningHydration += 1;
      const { key: _key, priority: _priority, seq: _seq, ...plain } = job;
      this.run(plain)
        .then(
          (outcome) => this.emit("done", plain, outcome),
          (error: unknown) => this.emit("done", plain, error instanceof Error ? error : new Error(String(error))),
        )
        .finally(() => {
          this.running.delete(job.key);
          if (job.trigger === "hydrate") this.runningHydration -= 1;
          this.pump();
          this.emitIfIdle();
        });
    }
  }

  private emitIfIdle(): void {
    if (this.pending.size === 0 && this.running.size === 0) this.emit("idle");
  }
}
