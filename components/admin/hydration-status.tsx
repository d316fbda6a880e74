"use client";

import type { ConsoleStatus, HydrationSummary } from "@/lib/data/admin";
import { ENTITY_LABELS } from "@/lib/entities";
import { formatDateTime, formatNumber } from "@/lib/format";
import styles from "./admin.module.css";

function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The live panel: each hydration's progress and pace, then how hard the ERP is worked. */
export function HydrationStatus({ status, onCancel, busy }: { status: ConsoleStatus; onCancel: (id: string) => void; busy: boolean }) {
  const { erp } = status;
  return (
    <>
      <section className="card panel" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Hydrations</h2>
        {status.hydrations.length === 0 ? <p className="empty-state">No hydration yet.</p> : null}
        {status.hydrations.map((hydration) => (
          <Hydration key={hydration.id} hydration={hydration} onCancel={onCancel} busy={busy} />
        ))}
      </section>
      <section className="card panel" aria-labelledby="erp-heading">
        <h2 id="erp-heading">ERP</h2>
        <dl className={styles.facts}>
          <dt>Jobs run by</dt>
          <dd data-testid="jobs-mode">{erp.mode === "inngest" ? "Inngest (functions at /api/inngest)" : "the app itself (inline queue and cron)"}</dd>
          <dt>Syncs running</dt>
          <dd data-testid="running-syncs">{erp.runningSyncs}</dd>
          {erp.erpConcurrencyLimit !== null ? (
            <>
              <dt>ERP calls now</dt>
              <dd data-testid="erp-calls">
                {erp.erpCallsInFlight} of {erp.erpConcurrencyLimit} in flight, {erp.erpCallsWaiting} waiting
              </dd>
            </>
          ) : null}
          <dt>Circuit breaker</dt>
          <dd data-testid="breaker">
            {erp.breaker.open
              ? `open – syncs paused until ${erp.breaker.reopensAt ? formatDateTime(erp.breaker.reopensAt) : "further notice"}`
              : erp.breaker.consecutiveFailures > 0
                ? `closed, ${erp.breaker.consecutiveFailures} failure(s) in a row`
                : "closed"}
          </dd>
          <dt>Last ERP error</dt>
          <dd>{erp.breaker.lastError ? `${erp.breaker.lastErrorAt ? `${formatDateTime(erp.breaker.lastErrorAt)}: ` : ""}${erp.breaker.lastError}` : "none"}</dd>
        </dl>
      </section>
    </>
  );
}

function Hydration({ hydration, onCancel, busy }: { hydration: HydrationSummary; onCancel: (id: string) => void; busy: boolean }) {
  const finished = hydration.done + hydration.failed;
  const running = hydration.status === "running";
  return (
    <div className="stack" data-testid="hydration" data-status={hydration.status}>
      <div className="panel-header">
        <strong>
          {hydration.entities.map((entity) => ENTITY_LABELS[entity]).join(", ")} · {hydration.from} → {hydration.to}
          {hydration.force ? " · forced" : ""}
        </strong>
        <span className="kpi-sub">{hydration.status}</span>
      </div>
      <progress className={styles.progress} max={Math.max(hydration.total, 1)} value={finished} aria-label="Partitions finished" />
      <dl className={styles.facts}>
        <dt>Partitions</dt>
        <dd data-testid="hydration-cells">
          {hydration.done} done{hydration.failed ? `, ${hydration.failed} failed` : ""} of {hydration.total}
          {hydration.syncing ? ` (${hydration.syncing} syncing)` : ""}
        </dd>
        <dt>Pace</dt>
        <dd>
          {formatNumber(hydration.pagesPerSecond.toFixed(2))} pages/s · {formatNumber(Math.round(hydration.recordsPerSecond))} records/s
        </dd>
        <dt>{running ? "ETA" : "Took"}</dt>
        <dd>{running ? duration(hydration.etaSeconds) : duration(hydration.finishedAt ? (Date.parse(hydration.finishedAt) - Date.parse(hydration.startedAt)) / 1000 : null)}</dd>
        <dt>Started</dt>
        <dd>
          {formatDateTime(hydration.startedAt)} by {hydration.requestedBy ?? "?"} ({hydration.mode})
        </dd>
      </dl>
      {running ? (
        <button type="button" className="button" onClick={() => onCancel(hydration.id)} disabled={busy}>
          Cancel this hydration
        </button>
      ) : null}
    </div>
  );
}
