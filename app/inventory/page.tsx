import type { Metadata } from "next";
import { Suspense } from "react";
import { InventorySkeleton } from "@/components/inventory/inventory-skeleton";
import { InventoryView } from "@/components/inventory/inventory-view";
import { InvalidParams } from "@/components/ui/invalid-params";
import { requireUser } from "@/lib/auth/guards";
import { readInventory } from "@/lib/data/inventory";
import { firstProblem, inventoryParams, searchParamsInput, type InventoryParams } from "@/lib/data/params";

export const metadata: Metadata = { title: "Stock" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** /inventory?q=&sort=&dir=&low=&page=&pageSize= – the URL is read with the API's own schema. */
export default async function InventoryPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const parsed = inventoryParams.safeParse(searchParamsInput(await searchParams));
  if (!parsed.success) return <InvalidParams title="Stock" problem={firstProblem(parsed.error)} resetHref="/inventory" />;
  return (
    <Suspense fallback={<InventorySkeleton />}>
      <InventoryWithData params={parsed.data} />
    </Suspense>
  );
}

/** The cache read, streamed in behind the skeleton; the client view takes it as its first answer. */
async function InventoryWithData({ params }: { params: InventoryParams }) {
  return <InventoryView initialParams={params} initialData={await readInventory(params)} />;
}
