import { EmptyState } from "@/components/ui/states";
import type { InventoryResponse } from "@/lib/data/contracts";

/**
 * Why the stock table is empty: the snapshot is not cached yet (it is being
 * read from the ERP and will appear by itself), the filters match nothing,
 * or the page is past the last one.
 */
export function InventoryEmpty({ data, filtered, onReset, onLastPage }: { data: InventoryResponse; filtered: boolean; onReset: () => void; onLastPage: () => void }) {
  const stock = data.freshness.partitions.find((partition) => partition.entity === "keszlet");
  if (data.matching === 0 && !stock?.lastSyncedAt) {
    return (
      <EmptyState title="Not cached yet – loading the stock from the ERP…">
        The stock list appears here by itself as soon as the ERP has answered; this can take a minute.
      </EmptyState>
    );
  }
  if (data.matching === 0) {
    return (
      <EmptyState title={filtered ? "No products match these filters" : "The stock list is empty"}>
        {filtered ? (
          <button type="button" className="button" onClick={onReset}>
            Clear search and filters
          </button>
        ) : null}
      </EmptyState>
    );
  }
  return (
    <EmptyState title="This page is past the last one">
      <button type="button" className="button" onClick={onLastPage}>
        Go to the last page
      </button>
    </EmptyState>
  );
}
