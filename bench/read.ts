/**
 * `npm run bench -- read`: the dashboards' read path on a production build
 * (`next build` + `next start`) with the full simulator history (~10 years) in
 * the cache. For each API: p50 / p95 over 200 requests at concurrency 10 (and
 * 1), side by side with a trivial route on the same server; first paint of
 * /sales in headless Chromium; JavaScript each route loads on first visit.
 */
import { freePort } from "@/lib/db/scratch";
import { addMonths, dayOf, monthOf } from "@/lib/sync/partitions";
import { SIMULATOR_DEFAULTS } from "@/lib/tharanis";
import { buildApp, startApp } from "./app-server";
import { launchBrowser, measurePageLoad } from "./browser";
import { fillCache } from "./fill-cache";
import { load, type LoadResult } from "./http-load";
import { openBenchDatabase } from "./scratch";
import { startSimulatorProcess } from "./simulator-process";
import { fmt, median, printTable, type Row } from "./stats";

const REQUESTS = 200;

export async function benchRead(): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const database = await openBenchDatabase();
  const simulator = await startSimulatorProcess({ ERP_SIM_LATENCY_MS: "0" });
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    const filled = await fillCache(database.pool, simulator.url);
    console.log(`[bench read] cache filled: ${fmt(filled.records)} records in ${fmt(filled.seconds, 1)} s`);
    await buildApp();
    app = await startApp(await freePort(), {
      DATABASE_URL: database.url,
      DB_MIGRATE_ON_START: "false",
      THARANIS_API_URL: simulator.url,
      THARANIS_UGYFELKOD: SIMULATOR_DEFAULTS.ugyfelkod,
      THARANIS_CEGKOD: SIMULATOR_DEFAULTS.cegkod,
      THARANIS_API_KEY: SIMULATOR_DEFAULTS.apiKey,
      SYNC_CRON: "false",
      INNGEST_DEV: "",
      INNGEST_EVENT_KEY: "",
    });

    const today = dayOf(new Date());
    const from = `${addMonths(monthOf(new Date()), -11)}-01`;
    const { rows: top } = await database.pool.query<{ sku: string }>(
      "select sku from sales_daily_sku where day >= $1 group by sku order by sum(gross_value) desc limit 1",
      [from],
    );
    const sku = top[0]!.sku;
    const endpoints: Record<string, string> = {
      "trivial route (/api/health)": "/api/health",
      "/api/sales 12 months, all products": `/api/sales?from=${from}&to=${today}&granularity=month`,
      "/api/sales 12 months, one product": `/api/sales?from=${from}&to=${today}&granularity=month&sku=${sku}`,
      "/api/inventory (first page of 6,800)": "/api/inventory",
      "/api/movements 12 months": `/api/movements?from=${from}&to=${today}&granularity=month`,
      "/api/freshness (every entity)": "/api/freshness",
    };
    const results: Record<string, { c1: LoadResult; c10: LoadResult }> = {};
    for (const [name, path] of Object.entries(endpoints)) {
      results[name] = {
        c1: await load(`${app.baseUrl}${path}`, REQUESTS, 1),
        c10: await load(`${app.baseUrl}${path}`, REQUESTS, 10),
      };
    }
    const trivial = results["trivial route (/api/health)"]!;

    const browser = await launchBrowser();
    const salesUrl = `${app.baseUrl}/sales?from=${from}&to=${today}`;
    const paints: number[] = [];
    const scripts: Record<string, Awaited<ReturnType<typeof measurePageLoad>>> = {};
    try {
      await measurePageLoad(browser, salesUrl); // warm the server's route
      for (let i = 0; i < 5; i += 1) paints.push((await measurePageLoad(browser, salesUrl)).firstContentfulPaintMs);
      for (const route of ["/", "/sales", "/inventory", "/movements"]) scripts[route] = await measurePageLoad(browser, `${app.baseUrl}${route}`);
    } finally {
      await browser.close();
    }

    const rows: Row[] = [
      { measure: "cache", value: `${fmt(filled.records)} records (${filled.partitions} partitions)`, note: "simulator history 2016-06 → now, production build" },
      ...Object.entries(results).map(([name, { c1, c10 }]) => ({
        measure: name,
        value: `c10: p50 ${fmt(c10.p50, 1)} / p95 ${fmt(c10.p95, 1)} ms · c1: p50 ${fmt(c1.p50, 1)} / p95 ${fmt(c1.p95, 1)} ms`,
        note:
          name === "trivial route (/api/health)"
            ? `${REQUESTS} requests each`
            : `p95 ÷ trivial p95 at c10: ${fmt(c10.p95 / trivial.c10.p95, 2)}×${c10.failures + c1.failures ? `, ${c10.failures + c1.failures} failed!` : ""}`,
      })),
      { measure: "first contentful paint of /sales (cached data)", value: `${fmt(median(paints), 0)} ms median of 5`, note: "headless Chromium, cold browser cache" },
      ...Object.entries(scripts).map(([route, load]) => ({
        measure: `first-load JS ${route}`,
        value: `${fmt(load.scriptTransferBytes / 1024, 0)} KiB transferred (${fmt(load.scriptDecodedBytes / 1024, 0)} KiB decoded)`,
      })),
    ];
    printTable("Read path (production build)", rows);
    return { rows, figures: { filled, endpoints: results, firstPaintMedianMs: median(paints), scripts } };
  } finally {
    await app?.stop();
    simulator.stop();
    await database.close();
  }
}
