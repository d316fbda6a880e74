import { addMonths, monthBounds, monthRange, type Month } from "@/lib/sync/partitions";
import { createTharanisClient, SIMULATOR_DEFAULTS, type ErpQuery } from "@/lib/tharanis";
import type { Entity } from "@/lib/db";
import { median } from "./stats";

/**
 * The same data a dashboard asks for, read straight from the ERP (here: the
 * simulator) the way the app would have to without the cache: every page of
 * every month in the range, parsed. Median of `runs`, in ms.
 */
export async function timeDirectRead(simulatorUrl: string, entity: Entity, months: Month[] | null, query: Omit<ErpQuery, "from" | "to"> = {}, runs = 3) {
  const client = createTharanisClient({ url: simulatorUrl, credentials: SIMULATOR_DEFAULTS, timeoutMs: 120_000, maxResponseBytes: 20 * 1_048_576 });
  const samples: number[] = [];
  let pages = 0;
  let records = 0;
  for (let run = 0; run < runs; run += 1) {
    pages = 0;
    records = 0;
    const started = performance.now();
    const ranges = months ? months.map((month) => monthBounds(month)).map(({ first, last }) => ({ ...query, from: first, to: last })) : [query];
    for (const range of ranges) {
      for await (const page of client.readPages(entity, range)) {
        pages += 1;
        records += page.records.length;
      }
    }
    samples.push(performance.now() - started);
  }
  return { ms: median(samples), pages, records };
}

export const lastTwelveMonths = (to: Month): Month[] => monthRange(addMonths(to, -11), to);
