/**
 * `npm run bench -- read`: the dashboards' read path on a production build
 * (`next build` + `next start`) with the full simulator history (~10 years) in
 * the cache. For each API: p50 / p95 over 200 requests at concurrency 10 (and
 * 1), side by side with a trivial route on the same server and with reading
 * the same data straight from the ERP simulator; first paint of /sales in
 * headless Chromium; JavaScript each route loads on first visit. Then single
 * flight (50 and 500 concurrent stale reads → ERP runs) and scale (the sales
 * reads again with 10× the invoice history).
 */
import { freePort } from "@/lib/db/scratch";
import { addMonths, dayOf, monthOf } from "@/lib/sync/partitions";
import { SIMULATOR_DEFAULTS } from "@/lib/tharanis";
import { buildApp, startApp } from "./app-server";
import { launchBrowser, measurePageLoad } from "./browser";
import { lastTwelveMonths, timeDirectRead } from "./direct-read";
import { fillCache } from "./fill-cache";
import { load, type LoadResult } from "./http-load";
import { multiplyHistory } from "./scale";
import { openBenchDatabase } from "./scratch";
import { staleReadStorm, type StormResult } from "./single-flight";
import { startSimulatorProcess } from "./simulator-process";
import { fmt, median, printTable, type Row } from "./stats";

const REQUESTS = 200;
const SCALE_FACTOR = 10;

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
        c1: await load(`${app.baseUrl}${path}`, REQUESTS, 1, undefined, app.cookie),
        c10: await load(`${app.baseUrl}${path}`, REQUESTS, 10, undefined, app.cookie),
      };
    }
    const trivial = results["trivial route (/api/health)"]!;

    // The same data straight from the ERP simulator (latency 0 here: the real ERP's 10+ s a year only widens the gap).
    const twelve = lastTwelveMonths(monthOf(new Date()));
    const direct: Record<string, Awaited<ReturnType<typeof timeDirectRead>>> = {
      "/api/sales 12 months, all products": await timeDirectRead(simulator.url, "kimeno_szamla", twelve),
      "/api/sales 12 months, one product": await timeDirectRead(simulator.url, "kimeno_szamla", twelve, { skus: [sku] }),
      "/api/inventory (first page of 6,800)": await timeDirectRead(simulator.url, "keszlet", null),
      "/api/movements 12 months": await timeDirectRead(simulator.url, "raktari_mozgas", twelve),
    };

    const storms: StormResult[] = [];
    for (const readers of [50, 500]) {
      storms.push(await staleReadStorm({ pool: database.pool, baseUrl: app.baseUrl, cookie: app.cookie, simulatorBaseUrl: simulator.baseUrl, readers }));
    }

    const scaled = await multiplyHistory(database.pool, SCALE_FACTOR);
    console.log(`[bench read] history ×${SCALE_FACTOR}: ${fmt(scaled.lines)} invoice lines, ${fmt(scaled.skuDays)} product-days in ${fmt(scaled.seconds, 1)} s`);
    const scaleEndpoints = ["/api/sales 12 months, all products", "/api/sales 12 months, one product"];
    const atScale: Record<string, { c1: LoadResult; c10: LoadResult }> = {};
    for (const name of scaleEndpoints) {
      const path = endpoints[name]!;
      atScale[name] = {
        c1: await load(`${app.baseUrl}${path}`, REQUESTS, 1, undefined, app.cookie),
        c10: await load(`${app.baseUrl}${path}`, REQUESTS, 10, undefined, app.cookie),
      };
    }
    const longRange = `/api/sales?from=2016-06-01&to=${today}&granularity=month`;
    atScale["/api/sales all history (10+ years), all products"] = {
      c1: await load(`${app.baseUrl}${longRange}`, REQUESTS, 1, undefined, app.cookie),
      c10: await load(`${app.baseUrl}${longRange}`, REQUESTS, 10, undefined, app.cookie),
    };

    const browser = await launchBrowser();
    const salesUrl = `${app.baseUrl}/sales?from=${from}&to=${today}`;
    const paints: number[] = [];
    const scripts: Record<string, Awaited<ReturnType<typeof measurePageLoad>>> = {};
    try {
      const { cookie } = app;
      await measurePageLoad(browser, salesUrl, cookie); // warm the server's route
      for (let i = 0; i < 5; i += 1) paints.push((await measurePageLoad(browser, salesUrl, cookie)).firstContentfulPaintMs);
      for (const route of ["/", "/sales", "/inventory", "/movements"]) scripts[route] = await measurePageLoad(browser, `${app.baseUrl}${route}`, cookie);
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
            : [
                `p95 ÷ trivial p95 at c10: ${fmt(c10.p95 / trivial.c10.p95, 2)}×`,
                direct[name]
                  ? `straight from the ERP simulator at latency 0: ${fmt(direct[name].ms, 0)} ms (${direct[name].pages} pages) = ${fmt(direct[name].ms / c1.p50, 0)}× the cache's c1 p50; at its default 300 ms a page, ≥ ${fmt((direct[name].pages * 300) / 1000, 1)} s`
                  : "",
                c10.failures + c1.failures ? `${c10.failures + c1.failures} failed!` : "",
              ]
                .filter(Boolean)
                .join("; "),
      })),
      { measure: "first contentful paint of /sales (cached data)", value: `${fmt(median(paints), 0)} ms median of 5`, note: "headless Chromium, cold browser cache" },
      ...Object.entries(scripts).map(([route, load]) => ({
        measure: `first-load JS ${route}`,
        value: `${fmt(load.scriptTransferBytes / 1024, 0)} KiB transferred (${fmt(load.scriptDecodedBytes / 1024, 0)} KiB decoded)`,
      })),
    ];
    printTable("Read path (production build)", rows);

    const flightRows: Row[] = storms.map((storm) => ({
      measure: `${storm.readers} concurrent stale reads`,
      value: `${storm.paginationRuns} ERP pagination run(s), ${storm.erpRequests} ERP request(s)`,
      note: `target 1 run; reads served from the cache: median ${fmt(storm.medianMs, 0)} ms${storm.failures ? `, ${storm.failures} not 200!` : ", all 200"}`,
    }));
    printTable("Single flight (current month's invoices aged past their TTL)", flightRows);

    const scaleRows: Row[] = [
      { measure: "history", value: `${fmt(scaled.lines)} invoice lines, ${fmt(scaled.skuDays)} product-days`, note: `×${SCALE_FACTOR} (copies under new invoice numbers and SKUs), rollups rebuilt` },
      ...Object.entries(atScale).map(([name, { c1, c10 }]) => {
        const normal = results[name];
        return {
          measure: name,
          value: `c10: p50 ${fmt(c10.p50, 1)} / p95 ${fmt(c10.p95, 1)} ms · c1: p50 ${fmt(c1.p50, 1)} / p95 ${fmt(c1.p95, 1)} ms`,
          note: normal ? `p50 at c1 ÷ normal history: ${fmt(c1.p50 / normal.c1.p50, 2)}×` : "not measured at normal size",
        };
      }),
    ];
    printTable(`Scale: ${SCALE_FACTOR}× the invoice history`, scaleRows);
    return {
      rows: [...rows, ...flightRows, ...scaleRows],
      figures: { filled, endpoints: results, direct, firstPaintMedianMs: median(paints), scripts, singleFlight: storms, scale: { ...scaled, endpoints: atScale } },
    };
  } finally {
    await app?.stop();
    simulator.stop();
    await database.close();
  }
}
