import { Suspense } from "react";
import { connection } from "next/server";
import { CacheStatus } from "@/components/overview/cache-status";
import { MovementsSummary } from "@/components/overview/movements-summary";
import { RevenueCards } from "@/components/overview/revenue-cards";
import { StockAlerts } from "@/components/overview/stock-alerts";
import { TopProducts } from "@/components/overview/top-products";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth/guards";

export default async function OverviewPage() {
  await requireUser();
  await connection(); // always read the cache at request time
  return (
    <>
      <div className="page-header">
        <h1>Overview</h1>
      </div>
      <div className="stack">
        <Suspense fallback={<PanelSkeleton title="Revenue this month" height={120} />}>
          <RevenueCards />
        </Suspense>
        <div className="grid grid-2">
          <Suspense fallback={<PanelSkeleton title="Top 10 products this month" height={360} />}>
            <TopProducts />
          </Suspense>
          <div className="stack">
            <Suspense fallback={<PanelSkeleton title="Out of stock or low" height={200} />}>
              <StockAlerts />
            </Suspense>
            <Suspense fallback={<PanelSkeleton title="Warehouse movements this month" height={100} />}>
              <MovementsSummary />
            </Suspense>
          </div>
        </div>
        <Suspense fallback={<PanelSkeleton title="Data freshness" height={160} />}>
          <CacheStatus />
        </Suspense>
      </div>
    </>
  );
}
