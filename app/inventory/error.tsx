"use client";

import { useEffect } from "react";
import { ErrorState } from "@/components/ui/states";

/** The Stock page failed to render (e.g. the database is unreachable): say so, offer a retry. */
export default function InventoryError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <>
      <h1>Stock</h1>
      <ErrorState message="The stock could not be read from the cache. Try again in a moment." onRetry={retry} />
    </>
  );
}
