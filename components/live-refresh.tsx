"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useSyncEvents } from "./providers";

// Shared by every LiveRefresh on the page: several widgets hearing one sync refresh once.
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** While data is awaited, re-check this often even if no event arrives (a missed event must not strand the page). */
const PENDING_POLL_MS = 10_000;

/**
 * For pages rendered on the server: when a sync of one of `entities` starts,
 * finishes or fails, re-render the page's server components in place (badges
 * turn "refreshing", then the new data appears) – no reload, scroll and focus
 * kept. Bursts of events (a hydration) cause one refresh. With `pending` (what
 * was rendered was not fresh), it also refreshes once the live stream connects
 * – the sync may have finished while the page was loading – and every 10 s.
 */
export function LiveRefresh({ entities, pending = false }: { entities: readonly string[]; pending?: boolean }) {
  const router = useRouter();
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => router.refresh(), 300);
  };
  useSyncEvents(
    (event) => {
      if (entities.includes(event.entity)) refreshSoon();
    },
    () => {
      if (pending) refreshSoon();
    },
  );
  useEffect(() => {
    if (!pending) return;
    const poll = setInterval(() => router.refresh(), PENDING_POLL_MS);
    return () => clearInterval(poll);
  }, [pending, router]);
  return null;
}
