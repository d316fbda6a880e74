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
export function useSyncEvents(onEvent: (event: SyncEvent) => void, onConnected?: () => void): void {
  const target = useContext(SyncEventsContext);
  const handlers = useRef({ onEvent, onConnected });
  useEffect(() => {
    handlers.current = { onEvent, onConnected };
  });
  useEffect(() => {
    if (!target) return;
    const sync = (event: Event) => handlers.current.onEvent((event as CustomEvent<SyncEvent>).detail);
    const connected = () => handlers.current.onConnected?.();
    target.addEventListener("sync", sync);
    target.addEventListener("connected", connected);
    return () => {
      target.removeEventListener("sync", sync);
      target.removeEventListener("connected", connected);
    };
  }, [target]);
}

/** `live`: open the live-update stream (it needs a signed-in user; the sign-in page has none). */
export function Providers({ children, live = true }: { children: ReactNode; live?: boolean }) {
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
      <SyncStream enabled={live}>{children}</SyncStream>
    </QueryClientProvider>
  );
}

/** A query whose last answer was not fresh yet. */
function awaitingData(query: Query): boolean {
  const data = query.state.data as Partial<WithFreshness> | undefined;
  return Boolean(data?.freshness && data.freshness.state !== "fresh");
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
function SyncStream({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");
  const [events] = useState(() => new EventTarget());

  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource("/api/freshness/stream");
    let wasOffline = false;
    source.onopen = () => {
      setState("live");
      // Changes before this moment were not heard: after a lost connection refetch
      // everything; on the first connection whatever was still waiting for data
      // (its sync may have finished while the page was loading).
      void queryClient.invalidateQueries(wasOffline ? undefined : { predicate: awaitingData });
      events.dispatchEvent(new CustomEvent("connected", { detail: { reconnected: wasOffline } }));
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
  }, [queryClient, events, enabled]);

  return (
    <StreamStateContext.Provider value={state}>
      <SyncEventsContext.Provider value={events}>{children}</SyncEventsContext.Provider>
    </StreamStateContext.Provider>
  );
}
