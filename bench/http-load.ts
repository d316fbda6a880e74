import http from "node:http";
import { percentile } from "./stats";

export interface LoadResult {
  requests: number;
  concurrency: number;
  p50: number;
  p95: number;
  /** Answers that were not 2xx – a benchmark of errors measures nothing. */
  failures: number;
}

// A plain keep-alive agent: on a 2-core machine, fetch's own overhead in the load
// generator doubled the latencies it measured (the trivial route's p95 at
// concurrency 10 went from 33 ms to 75 ms), hiding the server's share.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(url: URL, cookie?: string): Promise<{ ms: number; ok: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers = cookie ? { cookie } : {};
    const request = http.get({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, agent, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve({ ms: performance.now() - started, ok: (response.statusCode ?? 0) < 300 }));
    });
    request.on("error", reject);
  });
}

/**
 * `requests` GETs of `url` by `concurrency` workers, after `warmup` unmeasured
 * ones; latencies in ms. `cookie`: the session the app's APIs require.
 */
export async function load(url: string, requests: number, concurrency: number, warmup = 20, cookie?: string): Promise<LoadResult> {
  const target = new URL(url);
  for (let i = 0; i < warmup; i += 1) await get(target, cookie);
  const samples: number[] = [];
  let failures = 0;
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < requests) {
        issued += 1;
        const { ms, ok } = await get(target, cookie);
        samples.push(ms);
        if (!ok) failures += 1;
      }
    }),
  );
  return { requests, concurrency, p50: percentile(samples, 50), p95: percentile(samples, 95), failures };
}
