/**
 * Every timer the simulator starts (latency waits, hung "timeout" answers) goes through
 * here, so stop() can cancel them all and a test run never waits on a 10-minute hang.
 */

export class SimulatorStopped extends Error {
  constructor() {
    super("simulator stopped");
    this.name = "SimulatorStopped";
  }
}

export class PendingTimers {
  private readonly cancellers = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  /** Resolves after `ms` (at once for 0); rejects with SimulatorStopped on cancelAll(). */
  wait(ms: number): Promise<void> {
    if (this.stopped) return Promise.reject(new SimulatorStopped());
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.cancellers.delete(timer);
        resolve();
      }, ms);
      this.cancellers.set(timer, () => reject(new SimulatorStopped()));
    });
  }

  /** Runs `action` after `ms` unless cancelled; `onCancel` runs instead on cancelAll(). */
  schedule(ms: number, action: () => void, onCancel: () => void = action): void {
    if (this.stopped) {
      onCancel();
      return;
    }
    const timer = setTimeout(() => {
      this.cancellers.delete(timer);
      action();
    }, ms);
    this.cancellers.set(timer, onCancel);
  }

  get size(): number {
    return this.cancellers.size;
  }

  cancelAll(): void {
    this.stopped = true;
    for (const [timer, cancel] of this.cancellers) {
      clearTimeout(timer);
      cancel();
    }
    this.cancellers.clear();
  }
}
