"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseSalesView, salesPageQuery, type ParsedSalesView, type SalesView } from "./sales-url";

/**
 * The Sales view's state, read from the URL and written back to it with
 * history.pushState: every change is shareable and undoable with Back, and no
 * server render is asked for – the client fetches the data itself. A URL
 * without a range keeps the range the server resolved for it.
 */
export function useSalesUrl(serverView: SalesView, today: string): [ParsedSalesView, (view: SalesView) => void] {
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const parsed = useMemo(
    () => parseSalesView(new URLSearchParams(search), today, { from: serverView.params.from, to: serverView.params.to }),
    [search, today, serverView.params.from, serverView.params.to],
  );
  const navigate = useCallback((view: SalesView) => {
    window.history.pushState(null, "", `${window.location.pathname}${salesPageQuery(view)}`);
  }, []);
  return [parsed, navigate];
}
