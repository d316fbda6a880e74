"use client";

import Link from "next/link";
import { useEffect } from "react";

/** The Sales page failed to render (the database is down, say): say so, offer another try. */
export default function SalesError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Sales</h1>
      </div>
      <div className="error-state" role="alert">
        <p>
          <strong>The sales view could not be loaded.</strong> The cache did not answer; nothing is lost, and trying again usually helps.
          {digest ? ` (Reference: ${digest})` : ""}
        </p>
        <span>
          <button type="button" className="button" onClick={() => retry()}>
            Try again
          </button>{" "}
          <Link href="/sales" className="button">
            Reset the filters
          </Link>
        </span>
      </div>
    </div>
  );
}
