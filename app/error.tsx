"use client";

import { ErrorState } from "@/components/ui/states";

// Next 16 passes `retry` (re-renders the segment) to error boundaries.
export default function OverviewError({ error, retry }: { error: unknown; retry: () => void }) {
  const message = error instanceof Error && error.message ? error.message : "An unexpected error occurred.";
  return <ErrorState message={message} onRetry={retry} />;
}
