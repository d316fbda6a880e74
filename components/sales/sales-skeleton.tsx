import { PanelSkeleton, Skeleton } from "@/components/ui/skeleton";

/** The Sales view's shape while its data loads. */
export function SalesSkeleton() {
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Sales</h1>
      </div>
      <div className="card">
        <Skeleton height={96} label="Loading the filters…" />
      </div>
      <PanelSkeleton title="Sales" height={320} />
      <PanelSkeleton title="Table" height={200} />
    </div>
  );
}
