import { PanelSkeleton } from "@/components/ui/skeleton";

/** The Movements page while its first answer is on the way (loading.tsx and the page's Suspense). */
export function MovementsSkeleton() {
  return (
    <>
      <div className="page-header">
        <h1>Movements</h1>
      </div>
      <div className="stack">
        <PanelSkeleton title="In and out by movement type" height={340} />
        <PanelSkeleton title="Figures" height={320} />
      </div>
    </>
  );
}
