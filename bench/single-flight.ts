import http from "node:http";
import type pg from "pg";
import { dayOf, monthOf } from "@/lib/sync/partitions";

export interface StormResult {
  readers: number;
  /** Answers that were not 200: a stale read must still be served at once. */
  failures: number;
  /** Median response time of the stale reads, ms. */
  medianMs: number;
  /** Sync runs (ERP paginations) the storm caused for the partition. */
  paginationRuns: number;
  erpRequests: number;
}

/**
 * `readers` users asking at once for data whose partition has gone stale: the
 * current month's invoices, aged past their TTL in the database. Each read is
 * served from the cache; the stale partition must cause exactly one ERP sync.
 */
export async function staleReadStorm(options: { pool: pg.Pool; baseUrl: string; cookie: string; simulatorBaseUrl: string; readers: number }): Promise<StormResult> {
  const { pool, baseUrl, cookie, simulatorBaseUrl, readers } = options;
  const month = monthOf(new Date());
  await pool.query(
    `update sync_metadata set last_synced_at = now() - interval '1 day'
      where entity = 'kimeno_szamla' and partition = $1 and status <> 'running'`,
    [month],
  );
  await fetch(`${simulatorBaseUrl}/__sim/stats/reset`, { method: "POST" });
  const { rows: before } = await pool.query<{ at: Date }>("select clock_timestamp() as at");
  const path = `/api/sales?from=${month}-01&to=${dayOf(new Date())}`;

  // One socket per reader: all of them really are in flight at once.
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const url = new URL(`${baseUrl}${path}`);
  const answers = await Promise.all(
    Array.from(
      { length: readers },
      () =>
        new Promise<{ ms: number; status: number }>((resolve, reject) => {
          const started = performance.now();
          http
            .get({ host: url.hostname, port: url.port, path, agent, headers: { cookie } }, (response) => {
              response.resume();
              response.on("end", () => resolve({ ms: performance.now() - started, status: response.statusCode ?? 0 }));
            })
            .on("error", reject);
        }),
    ),
  );
  agent.destroy();

  // Wait for the revalidation the storm caused to finish.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await pool.query<{ running: number; finished: number }>(
      `select count(*) filter (where finished_at is null)::int as running, count(*) filter (where finished_at is not null)::int as finished
         from sync_runs where entity = 'kimeno_szamla' and partition = $1 and started_at >= $2`,
      [month, before[0]!.at],
    );
    if (rows[0]!.running === 0 && rows[0]!.finished > 0) break;
    if (Date.now() > deadline) throw new Error("the storm's sync did not finish within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { rows } = await pool.query<{ runs: number }>(
    "select count(*)::int as runs from sync_runs where entity = 'kimeno_szamla' and partition = $1 and started_at >= $2",
    [month, before[0]!.at],
  );
  const stats = (await (await fetch(`${simulatorBaseUrl}/__sim/stats`)).json()) as { requests: number };
  const times = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  return {
    readers,
    failures: answers.filter((answer) => answer.status !== 200).length,
    medianMs: times[Math.floor(times.length / 2)]!,
    paginationRuns: rows[0]!.runs,
    erpRequests: stats.requests,
  };
}
