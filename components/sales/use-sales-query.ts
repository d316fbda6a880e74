"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api";
import type { SalesResponse } from "@/lib/data/contracts";
import type { SalesParams } from "@/lib/data/params";
import { apiParams, salesApiQuery } from "./sales-url";

/** While months are still arriving, look again now and then – a safety net should a live update be missed. */
const LOADING_POLL_MS = 15_000;

/**
 * The sales data of `params` via /api/sales. The server's answer for the
 * first URL is the query's initial data under the very key a refetch uses, so
 * the page makes no request of its own on load. Live updates (the SSE
 * provider) refetch it when a covered month is synced; while a change loads,
 * the previous answer stays on screen.
 */
export function useSalesQuery(params: SalesParams, server: { params: SalesParams; data: SalesResponse }) {
  const key = apiParams(params);
  const isServerQuery = salesApiQuery(params) === salesApiQuery(server.params);
  return useQuery({
    queryKey: ["sales", key],
    queryFn: ({ signal }) => fetchJson<SalesResponse>(`/api/sales${salesApiQuery(params)}`, signal),
    initialData: isServerQuery ? server.data : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      const state = query.state.data?.freshness.state;
      return state === "never" || state === "syncing" ? LOADING_POLL_MS : false;
    },
  });
}
