import type { Metadata } from "next";
import { Suspense } from "react";
import { businessToday, DEFAULT_PRESET, presetRange, withDefaultRange, type DayRange } from "@/components/movements/date-presets";
import { MovementsSkeleton } from "@/components/movements/movements-skeleton";
import { MovementsView } from "@/components/movements/movements-view";
import { InvalidParams } from "@/components/ui/invalid-params";
import { requireUser } from "@/lib/auth/guards";
import { readMovements } from "@/lib/data/movements";
import { firstProblem, movementsParams, searchParamsInput, type MovementsParams } from "@/lib/data/params";

export const metadata: Metadata = { title: "Movements" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** /movements?from=&to=&granularity=&sku= – read with the API's schema; no range means the last 12 months. */
export default async function MovementsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const today = businessToday();
  const defaults = presetRange(DEFAULT_PRESET, today);
  const parsed = movementsParams.safeParse(withDefaultRange(searchParamsInput(await searchParams), defaults));
  if (!parsed.success) return <InvalidParams title="Movements" problem={firstProblem(parsed.error)} resetHref="/movements" />;
  return (
    <Suspense fallback={<MovementsSkeleton />}>
      <MovementsWithData params={parsed.data} defaults={defaults} today={today} />
    </Suspense>
  );
}

/** The cache read, streamed in behind the skeleton; the client view takes it as its first answer. */
async function MovementsWithData({ params, defaults, today }: { params: MovementsParams; defaults: DayRange; today: string }) {
  return <MovementsView defaults={defaults} today={today} initialParams={params} initialData={await readMovements(params)} />;
}
