import { randomUUID } from "node:crypto";

/**
 * A minimal, in-process stand-in for the Inngest executor: it drives one run
 * of a served function over the SDK's own HTTP protocol (POST
 * `?fnId=…&stepId=…` with the event and the memoised step results), the way
 * Inngest does in production:
 *
 * - each request runs one step; its result is memoised for the next request;
 * - a step that fails with a retriable error is attempted again, up to the
 *   function's retries (no back-off: tests need not wait);
 * - once a step has failed for good (retries exhausted, or NonRetriableError)
 *   the run is replayed with that failure memoised, so the step call throws a
 *   StepError inside the function and the function's own error handling runs.
 *
 * Why not @inngest/test: its InngestTestEngine (1.0 with inngest 4.x) memoises
 * step state as promises, so a failed step reaches the function as `undefined`
 * instead of an error – the failure path of a function cannot be tested with it.
 *
 * Only sequential step.run functions are supported (no parallel steps, sleeps,
 * waitForEvent or invoke); anything else fails loudly.
 */

export type InngestHandler = (request: Request) => Promise<Response>;

export interface SerializedError {
  name: string;
  message: string;
  [key: string]: unknown;
}

export interface StepAttempt {
  /** The step's id as the function named it, e.g. "page-1". */
  step: string;
  attempt: number;
  outcome: "ok" | "retry" | "failed";
  error?: SerializedError;
}

export type ExecutorRun =
  | { status: "completed"; output: unknown; attempts: StepAttempt[] }
  | { status: "failed"; error: SerializedError; attempts: StepAttempt[] };

export interface RunOptions {
  handler: InngestHandler;
  /** The app-prefixed function id, e.g. "erp-cache-dashboard-sync-partition". */
  functionId: string;
  event: { name: string; data: unknown; id?: string };
  /** The function's `retries` + 1 (Inngest's default retries is 3 → 4). */
  maxAttempts: number;
  /** Called after every step attempt, before the next request: lets a test act between steps. */
  afterStep?: (attempt: StepAttempt) => Promise<void> | void;
  /** Safety net against a function that never finishes. */
  maxRequests?: number;
  url?: string;
}

interface StepOp {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: SerializedError;
}

type Memo = { type: "data"; data: unknown } | { type: "error"; error: SerializedError };

export async function runInngestFunction(options: RunOptions): Promise<ExecutorRun> {
  const event = { id: options.event.id ?? randomUUID(), ts: Date.now(), name: options.event.name, data: options.event.data };
  const runId = randomUUID();
  const steps: Record<string, Memo> = {};
  const stack: string[] = [];
  const attempts: StepAttempt[] = [];
  let attempt = 0; // per step, as in Inngest
  let target = "step"; // "step" = run whatever comes next; a hashed id = retry that step
  const record = async (entry: StepAttempt) => {
    attempts.push(entry);
    await options.afterStep?.(entry);
  };

  for (let request = 0; request < (options.maxRequests ?? 200); request += 1) {
    const url = new URL(options.url ?? "http://localhost:3000/api/inngest");
    url.searchParams.set("fnId", options.functionId);
    url.searchParams.set("stepId", target);
    const body = {
      event,
      events: [event],
      steps,
      ctx: {
        run_id: runId,
        attempt,
        max_attempts: options.maxAttempts,
        disable_immediate_execution: false,
        use_api: false,
        stack: { stack, current: stack.length - 1 },
      },
    };
    const response = await options.handler(
      new Request(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    );
    const text = await response.text();

    if (response.status === 200) return { status: "completed", output: JSON.parse(text) as unknown, attempts };

    if (response.status === 206) {
      const ops = JSON.parse(text) as StepOp[];
      const op = ops[0];
      if (ops.length !== 1 || !op) throw new Error(`executor: expected one step per request, got ${text.slice(0, 300)}`);
      const step = op.displayName ?? op.name ?? op.id;
      switch (op.op) {
        case "StepRun":
        case "Step":
          await record({ step, attempt, outcome: "ok" });
          steps[op.id] = { type: "data", data: op.data ?? null };
          stack.push(op.id);
          attempt = 0;
          target = "step";
          continue;
        case "StepError": // retriable: Inngest schedules the step again
          await record({ step, attempt, outcome: "retry", ...(op.error ? { error: op.error } : {}) });
          attempt += 1;
          if (attempt >= options.maxAttempts) throw new Error(`executor: step ${step} asked for attempt ${attempt + 1} of ${options.maxAttempts}`);
          target = op.id;
          continue;
        case "StepFailed": // final: memoise the failure and replay, the function sees a StepError
          await record({ step, attempt, outcome: "failed", ...(op.error ? { error: op.error } : {}) });
          steps[op.id] = { type: "error", error: op.error ?? { name: "Error", message: "unknown step failure" } };
          stack.push(op.id);
          attempt = 0;
          target = "step";
          continue;
        default:
          throw new Error(`executor: unsupported op ${op.op} (${step})`);
      }
    }

    // The function itself threw: 400 + no-retry for NonRetriableError, else 500 (retried by Inngest).
    const error = JSON.parse(text) as SerializedError;
    const final = response.headers.get("x-inngest-no-retry") === "true" || attempt + 1 >= options.maxAttempts;
    attempts.push({ step: "(function)", attempt, outcome: final ? "failed" : "retry", error });
    if (final) return { status: "failed", error, attempts };
    attempt += 1;
    target = "step";
  }
  throw new Error(`executor: run did not finish within ${options.maxRequests ?? 200} requests`);
}
