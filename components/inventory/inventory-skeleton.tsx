import { PanelSkeleton } from "@/components/ui/skeleton";

/** The Stock page while its first answer is on the way (loading.tsx and the page's Suspense). */
export function InventorySkeleton() {
  return (
    <>
      <div className="page-header">
        <h1>Stock</h1>
      </div>
      <div className="stack">
        <PanelSkeleton title="Stock by warehouse" height={260} />
        <PanelSkeleton title="Stock per product" height={480} />
      </div>
    </>
  );
}
