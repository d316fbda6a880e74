"use client";

import { useEffect, useId, useState } from "react";
import type { FreshnessDTO } from "@/lib/data/contracts";
import { ENTITY_LABELS } from "@/lib/entities";
import { formatAge, formatDateTime } from "@/lib/format";

/**
 * How fresh a view's data is, in one word, with the detail one focus or hover
 * away: fresh ("updated 3 min ago"), refreshing, never cached ("loading from
 * the ERP…"), failed (the cached data is still shown; the error and its time),
 * ERP unavailable.
 */
export function FreshnessBadge({ freshness, label }: { freshness: FreshnessDTO; label?: string }) {
  const now = useNow(Date.parse(freshness.checkedAt), 30_000);
  const tooltipId = useId();
  const { tone, text } = summary(freshness, now);
  return (
    <span className="freshness">
      <button type="button" className={`badge badge-${tone}`} aria-describedby={tooltipId} data-state={freshness.state} data-testid="freshness-badge">
        <span className="badge-dot" aria-hidden="true" />
        {label ? `${label}: ` : ""}
        {text}
      </button>
      <span role="tooltip" id={tooltipId} className="freshness-tooltip">
        {details(freshness, now).map((line) => (
          <span key={line}>{line}</span>
        ))}
      </span>
    </span>
  );
}

function summary(freshness: FreshnessDTO, now: number): { tone: string; text: string } {
  const syncing = freshness.counts.syncing > 0;
  switch (freshness.state) {
    case "erp-unavailable":
      return { tone: "bad", text: freshness.cached > 0 ? "ERP unavailable – showing cached data" : "ERP unavailable" };
    case "never":
      return { tone: "info", text: freshness.cached > 0 ? "partly cached – loading the rest from the ERP…" : "loading from the ERP…" };
    case "error":
      return { tone: "bad", text: syncing ? "refresh failed – retrying…" : "refresh failed – showing cached data" };
    case "syncing":
      return { tone: "info", text: "refreshing…" };
    case "stale":
      return { tone: "warn", text: freshness.oldestSyncedAt ? `updated ${formatAge(freshness.oldestSyncedAt, now)} – refresh requested` : "refresh requested" };
    default:
      return { tone: "ok", text: freshness.oldestSyncedAt ? `updated ${formatAge(freshness.oldestSyncedAt, now)}` : "up to date" };
  }
}

function details(freshness: FreshnessDTO, now: number): string[] {
  const lines: string[] = [];
  const unit = freshness.partitions.length > 1 && freshness.partitions.every((p) => p.partition !== "all") ? "months" : "parts";
  lines.push(`${freshness.counts.fresh} of ${freshness.total} ${unit} fresh`);
  const byState = (state: string) => freshness.partitions.filter((p) => p.state === state).map((p) => (p.partition === "all" ? ENTITY_LABELS[p.entity] : p.partition));
  const list = (items: string[]) => (items.length > 6 ? `${items.slice(0, 6).join(", ")} and ${items.length - 6} more` : items.join(", "));
  const syncing = byState("syncing");
  if (syncing.length) lines.push(`${list(syncing)} refreshing`);
  const never = byState("never");
  if (never.length) lines.push(`${list(never)} not cached yet – ${freshness.partitions.some((p) => p.state === "never" && p.syncing) ? "loading from the ERP" : "requested from the ERP"}`);
  const stale = byState("stale");
  if (stale.length) lines.push(`${list(stale)} out of date`);
  for (const failed of freshness.partitions.filter((p) => p.state === "error")) {
    lines.push(`${failed.partition === "all" ? ENTITY_LABELS[failed.entity] : failed.partition} failed${failed.lastErrorAt ? ` at ${formatDateTime(failed.lastErrorAt)}` : ""}: ${failed.lastError ?? "unknown error"}`);
  }
  if (freshness.oldestSyncedAt) lines.push(`oldest data: ${formatDateTime(freshness.oldestSyncedAt)} (${formatAge(freshness.oldestSyncedAt, now)})`);
  if (!freshness.erp.available) {
    lines.push(`ERP unavailable${freshness.erp.lastError ? `: ${freshness.erp.lastError}` : ""}${freshness.erp.reopensAt ? `; next attempt ${formatDateTime(freshness.erp.reopensAt)}` : ""}`);
  }
  return lines;
}

/**
 * The current time for ages ("3 min ago"), re-read every `intervalMs`. The
 * first render uses `initial` (when the server read the data), so the server's
 * HTML and the browser's first render agree; the real clock takes over after.
 */
function useNow(initial: number, intervalMs: number): number {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    // Right after hydration (a task later, not during the effect), then every interval.
    const first = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
