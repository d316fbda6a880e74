/** Small statistics and reporting helpers shared by the benchmarks. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Runs `work` `warmup` times unmeasured, then `runs` times; returns the durations in ms. */
export async function timeRuns(runs: number, work: () => unknown, warmup = Math.min(10, runs)): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Requests per second of `request` at `concurrency`, for `durationMs`. */
export async function throughput(concurrency: number, durationMs: number, request: (i: number) => Promise<unknown>): Promise<number> {
  const deadline = performance.now() + durationMs;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; performance.now() < deadline; i += concurrency) {
        await request(i);
        done += 1;
      }
    }),
  );
  return (done * 1000) / (performance.now() - started);
}

export interface Row {
  measure: string;
  value: string;
  note?: string;
}

/** Every table printed in this process, in order: `npm run bench` writes them to bench/results/latest.md. */
export const printedTables: string[] = [];

export function printTable(title: string, rows: readonly Row[]): string {
  const lines = [`## ${title}`, "", "| measure | value | note |", "|---|---|---|", ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.note ?? ""} |`), ""];
  const text = lines.join("\n");
  printedTables.push(text);
  console.log(text);
  return text;
}

export const fmt = (value: number, digits = 0) =>
  new Intl.NumberFormat("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
