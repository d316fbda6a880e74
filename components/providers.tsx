"use client";

import { QueryClient, QueryClientProvider, useQueryClient, type Query } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { WithFreshness } from "@/lib/data/contracts";

export interface SyncEvent {
  entity: string;
  partition: string;
  status: string;
}

type StreamState = "connecting" | "live" | "offline";
const StreamStateContext = createContext<StreamState>("connecting");
const SyncEventsContext = createContext<EventTarget | null>(null);

/** Whether the live-update stream is connected (for a small indicator). */
export function useLiveUpdates(): StreamState {
  return useContext(StreamStateContext);
}

/**
 * Calls `onEvent` for every partition state change the stream reports – for
 * views rendered on the server, which refresh themselves (router.refresh)
 * instead of refetching a query.
 */
export function useSyncEvents(onEvent: (event: SyncEvent) => void): void {
  const target = useContext(SyncEventsContext);
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (!target) return;
    const listener = (event: Event) => handler.current((event as CustomEvent<SyncEvent>).detail);
    target.addEventListener("sync", listener);
    return () => target.removeEventListener("sync", listener);
  }, [target]);
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 30_000, refetchOnWindowFocus: true, retry: 1 },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <SyncStream>{children}</SyncStream>
    </QueryClientProvider>
  );
}

/** Does a query's last answer show data of the partition that just changed? */
function covers(query: Query, event: SyncEvent): boolean {
  const data = query.state.data as Partial<WithFreshness> | undefined;
  return Boolean(data?.covers?.some((cover) => cover.entity === event.entity && cover.partitions.includes(event.partition)));
}

/**
 * Listens to /api/freshness/stream and refetches every query whose data
 * covers a partition whose sync state changed: badges turn "refreshing" when
 * a sync starts, and new data appears without a reload when it ends. After a
 * lost connection everything is refetched (changes may have been missed).
 */
function SyncStream({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");
  const [events] = useState(() => new EventTarget());

  useEffect(() => {
    const source = new EventSource("/api/freshness/stream");
    let wasOffline = false;
    source.onopen = () => {
      setState("live");
      if (wasOffline) void queryClient.invalidateQueries();
      wasOffline = false;
    };
    source.onerror = () => {
      wasOffline = true;
      setState("offline");
    };
    source.addEventListener("sync", (message) => {
      let event: SyncEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as SyncEvent;
      } catch {
        return;
      }
      void queryClient.invalidateQueries({ predicate: (query) => covers(query, event) });
      events.dispatchEvent(new CustomEvent("sync", { detail: event }));
    });
    return () => source.close();
  }, [queryClient, events]);

  return (
    <StreamStateContext.Provider value={state}>
      <SyncEventsContext.Provider value={events}>{children}</SyncEventsContext.Provider>
    </StreamStateContext.Provider>
  );
}
