import { getEnv } from "@/lib/env";
import { TharanisError } from "@/lib/tharanis";

/**
 * A named unit of work. Under Inngest it is `step.run` (memoised, retried on
 * its own); elsewhere it runs the function directly, retrying ERP failures
 * that may pass (timeouts, 5xx, faults) a few times with back-off.
 * Results must be small and JSON-serialisable.
 */
export type StepRunner = (<T>(name: string, work: () => Promise<T>) => Promise<T>) & {
  /** Steps are memoised and replayed across invocations (Inngest): their results must stay small. */
  readonly durable?: boolean;
};

export interface InlineRetryPolicy {
  retries: number;
  /** First back-off; doubles per attempt. */
  backoffMs: number;
}

export function inlineStepRunner(policy: InlineRetryPolicy = { retries: getEnv().SYNC_PAGE_RETRIES, backoffMs: 500 }): StepRunner {
  return async <T>(_name: string, work: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        const retryable = error instanceof TharanisError && error.retryable;
        if (!retryable || attempt >= policy.retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, policy.backoffMs * 2 ** attempt));
      }
    }
  };
}
