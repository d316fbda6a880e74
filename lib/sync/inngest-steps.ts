import { NonRetriableError } from "inngest";
import { TharanisError } from "@/lib/tharanis";
import { LockLostError } from "./sync-partition";
import type { StepRunner } from "./steps";

interface InngestStep {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
}

/**
 * Steps as Inngest steps: memoised, retried by Inngest with back-off. ERP
 * failures that cannot pass (bad credentials, a malformed query) and a lost
 * lock are marked non-retriable, so Inngest does not hammer the ERP with them.
 */
export function inngestStepRunner(step: InngestStep): StepRunner {
  const run = <T>(name: string, work: () => Promise<T>) =>
    step.run(name, async () => {
      try {
        return await work();
      } catch (error) {
        const hopeless = (error instanceof TharanisError && !error.retryable) || error instanceof LockLostError;
        if (hopeless) throw new NonRetriableError((error as Error).message, { cause: error });
        throw error;
      }
    }) as Promise<T>;
  return Object.assign(run, { durable: true });
}
