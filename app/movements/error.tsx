"use client";

import { useEffect } from "react";
import { ErrorState } from "@/components/ui/states";

/** The Movements page failed to render (e.g. the database is unreachable): say so, offer a retry. */
export default function MovementsError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <>
      <h1>Movements</h1>
      <ErrorState message="The movements could not be read from the cache. Try again in a moment." onRetry={retry} />
    </>
  );
}
