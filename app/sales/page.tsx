import type { Metadata } from "next";
import { Suspense } from "react";
import { InvalidParams } from "@/components/ui/invalid-params";
import { todayInBudapest } from "@/components/sales/dates";
import { SalesSkeleton } from "@/components/sales/sales-skeleton";
import { parseSalesView, salesPageQuery, type SalesView as SalesViewState } from "@/components/sales/sales-url";
import { SalesView } from "@/components/sales/sales-view";
import { requireUser } from "@/lib/auth/guards";
import { getSales } from "@/lib/data/sales";

export const metadata: Metadata = { title: "Sales" };

/**
 * /sales?from=…&to=…&sku=…&granularity=…&metric=…&compare=…&chart=… – the
 * URL is the state. The server reads the cache once and hands the answer to
 * the client view, which takes it over (and refetches only on changes).
 */
export default async function SalesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const today = todayInBudapest();
  const parsed = parseSalesView(await searchParams, today);
  if (!parsed.ok) {
    return <InvalidParams title="Sales" problem={{ parameter: parsed.parameter, message: parsed.message }} resetHref="/sales" />;
  }
  return (
    <Suspense key={salesPageQuery(parsed.view)} fallback={<SalesSkeleton />}>
      <SalesData view={parsed.view} today={today} />
    </Suspense>
  );
}

async function SalesData({ view, today }: { view: SalesViewState; today: string }) {
  const data = await getSales(view.params);
  return <SalesView server={{ view, data, today }} />;
}
