"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { queryString } from "@/components/api";
import { firstProblem, inventoryParams, searchParamsInput, type InventoryParams } from "@/lib/data/params";

const DEFAULTS: InventoryParams = inventoryParams.parse({});

export interface InventoryUrlState {
  params: InventoryParams;
  /** Set when the URL (e.g. after Back) holds a parameter the schema rejects. */
  problem: { parameter: string; message: string } | null;
  /** Changes the filters in the URL; any change but the page itself starts again at page 1. */
  update(patch: Partial<InventoryParams>, options?: { replace?: boolean }): void;
}

/**
 * The Stock view's filters live in the URL (shareable links), read with the
 * same schema as the API. Updates go through the History API, which Next's
 * router follows without a server round trip: the client query fetches.
 */
export function useInventoryParams(): InventoryUrlState {
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const parsed = useMemo(() => inventoryParams.safeParse(searchParamsInput(new URLSearchParams(search))), [search]);
  const params = parsed.success ? parsed.data : DEFAULTS;

  const update = useCallback(
    (patch: Partial<InventoryParams>, options: { replace?: boolean } = {}) => {
      const next: InventoryParams = { ...params, page: 1, ...patch };
      const changed = Object.fromEntries(Object.entries(next).filter(([key, value]) => value !== DEFAULTS[key as keyof InventoryParams]));
      const url = `${window.location.pathname}${queryString(changed)}`;
      if (options.replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [params],
  );

  return { params, problem: parsed.success ? null : firstProblem(parsed.error), update };
}
