import { connection } from "next/server";
import { CacheSummaryTable } from "@/components/cache-summary-table";
import { getCacheSummary } from "@/lib/data/cache-summary";

export default async function HomePage() {
  await connection(); // always read the cache at request time
  const summary = await getCacheSummary();
  const empty = summary.every((entity) => entity.syncedPartitions === 0);
  return (
    <>
      <h1>Overview</h1>
      <section className="card" aria-labelledby="cache-heading">
        <h2 id="cache-heading">Cache</h2>
        {empty ? (
          <p className="empty-state">No data is cached yet. The first sync from the ERP will fill it.</p>
        ) : null}
        <CacheSummaryTable summary={summary} />
      </section>
    </>
  );
}
