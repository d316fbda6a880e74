"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useSyncEvents } from "./providers";

/**
 * For pages rendered on the server: when a sync of one of `entities` starts,
 * finishes or fails, re-render the page's server components in place (badges
 * turn "refreshing", then the new data appears) – no reload, scroll and focus
 * kept. Bursts of events (a hydration) cause one refresh.
 */
export function LiveRefresh({ entities }: { entities: readonly string[] }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useSyncEvents((event) => {
    if (!entities.includes(event.entity)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 300);
  });
  return null;
}
