"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { queryString } from "@/components/api";
import { firstProblem, movementsParams, searchParamsInput, type MovementsParams } from "@/lib/data/params";
import { withDefaultRange, type DayRange } from "./date-presets";

export interface MovementsUrlState {
  params: MovementsParams;
  problem: { parameter: string; message: string } | null;
  update(patch: Partial<MovementsParams>): void;
}

/**
 * Reads the Movements filters from the URL with the API's schema; without
 * from/to the page shows `defaults` (a relative range, so such a link keeps
 * meaning "the last 12 months"). Updates go through the History API: the
 * client query fetches, no server round trip.
 */
export function useMovementsParams(defaults: DayRange): MovementsUrlState {
  const search = useSearchParams().toString();
  const { params, problem } = useMemo(() => {
    const parsed = movementsParams.safeParse(withDefaultRange(searchParamsInput(new URLSearchParams(search)), defaults));
    if (parsed.success) return { params: parsed.data, problem: null };
    return { params: { ...defaults, sku: [], granularity: "month" } satisfies MovementsParams, problem: firstProblem(parsed.error) };
  }, [search, defaults]);

  const update = useCallback(
    (patch: Partial<MovementsParams>) => {
      const next = { ...params, ...patch };
      const isDefaultRange = next.from === defaults.from && next.to === defaults.to;
      const url = `${window.location.pathname}${queryString({
        from: isDefaultRange ? undefined : next.from,
        to: isDefaultRange ? undefined : next.to,
        granularity: next.granularity === "month" ? undefined : next.granularity,
        sku: next.sku,
      })}`;
      window.history.pushState(null, "", url);
    },
    [params, defaults],
  );

  return { params, problem, update };
}
