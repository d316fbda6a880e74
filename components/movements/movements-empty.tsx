import { EmptyState } from "@/components/ui/states";
import type { MovementsResponse } from "@/lib/data/contracts";

/**
 * Why there is nothing to draw: none of the range is cached yet (it is being
 * read from the ERP and appears by itself), part of it is still loading, or
 * there were simply no movements.
 */
export function MovementsEmpty({ data }: { data: MovementsResponse }) {
  const months = data.freshness.partitions.filter((partition) => partition.entity === "raktari_mozgas");
  const uncached = months.filter((partition) => !partition.lastSyncedAt).length;
  if (uncached === months.length) {
    return (
      <EmptyState title="Not cached yet – loading from the ERP…">
        The movements of this range are being read from the ERP; they appear here by themselves.
      </EmptyState>
    );
  }
  const what = data.sku ? ` for ${data.sku}` : "";
  if (uncached > 0) {
    return (
      <EmptyState title={`No movements${what} in the cached months yet`}>
        {uncached} of {months.length} months are still loading from the ERP; they appear here by themselves.
      </EmptyState>
    );
  }
  return <EmptyState title={`No movements${what} in this range`}>Try a longer range{data.sku ? " or all products" : ""}.</EmptyState>;
}
