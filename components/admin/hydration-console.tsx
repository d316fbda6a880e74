"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { fetchJson } from "@/components/api";
import type { ConsoleStatus, Coverage, CoverageCell } from "@/lib/data/admin";
import { ENTITY_LABELS } from "@/lib/entities";
import styles from "./admin.module.css";
import { postAction } from "./console-actions";
import { CoverageGrid, STATE_LABELS } from "./coverage-grid";
import { HydrationStatus } from "./hydration-status";
import { HydrationForm } from "./hydration-form";

const COVERAGE_KEY = ["admin", "coverage"] as const;

/**
 * The hydration console: the coverage grid, the actions, and the live panel.
 * One SSE stream (/api/admin/progress) brings the status every 2 s and every
 * partition change; a change re-reads the grid (debounced), so cells turn
 * fresh without a reload.
 */
export function HydrationConsole({ initialCoverage, initialStatus }: { initialCoverage: Coverage; initialStatus: ConsoleStatus }) {
  const queryClient = useQueryClient();
  const coverage = useQuery({ queryKey: COVERAGE_KEY, queryFn: ({ signal }) => fetchJson<Coverage>("/api/admin/coverage", signal), initialData: initialCoverage, staleTime: 5_000 });
  const [status, setStatus] = useState(initialStatus);
  const [live, setLive] = useState(false);
  const [selected, setSelected] = useState<CoverageCell | undefined>();
  const [message, setMessage] = useState<{ text: string; error?: boolean } | undefined>();
  const [busy, setBusy] = useState(false);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const source = new EventSource("/api/admin/progress");
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener("status", (event) => setStatus(JSON.parse((event as MessageEvent<string>).data) as ConsoleStatus));
    source.addEventListener("sync", () => {
      clearTimeout(refetchTimer.current);
      refetchTimer.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: COVERAGE_KEY }), 400);
    });
    return () => {
      source.close();
      clearTimeout(refetchTimer.current);
    };
  }, [queryClient]);

  const run = async (what: string, action: () => Promise<string>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage({ text: await action() });
      void queryClient.invalidateQueries({ queryKey: COVERAGE_KEY });
    } catch (error) {
      setMessage({ text: `${what} failed: ${error instanceof Error ? error.message : String(error)}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  const grid = coverage.data;
  const missing = grid.counts.never + grid.counts.stale + grid.counts.error;
  const failedCells = grid.counts.error;

  return (
    <div className={styles.layout}>
      <section className="card panel" aria-labelledby="coverage-heading">
        <div className="panel-header">
          <h2 id="coverage-heading">Coverage</h2>
          <span className="kpi-sub" aria-live="polite">
            {live ? "live" : "connecting…"} · {grid.total - missing} of {grid.total} partitions cached and fresh
          </span>
        </div>
        <CoverageGrid coverage={grid} selected={selected ? `${selected.entity}/${selected.partition}` : undefined} onSelect={setSelected} />
      </section>
      <div className={styles.sticky}>
        <section className="card panel" aria-labelledby="actions-heading">
          <h2 id="actions-heading">Actions</h2>
          <p className={styles.message} role="status" aria-live="polite" data-testid="console-message" style={message?.error ? { color: "var(--bad)" } : undefined}>
            {message?.text ?? ""}
          </p>
          <div className="controls">
            <button
              type="button"
              className="button button-primary"
              disabled={busy || missing === 0}
              onClick={() =>
                run("Hydration", async () => {
                  const started = await postAction<{ total: number; skippedFresh: number }>("/api/admin/hydrations", {});
                  return `Hydration started: ${started.total} partition(s) to sync, ${started.skippedFresh} already fresh.`;
                })
              }
            >
              Hydrate everything missing ({missing})
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || failedCells === 0}
              onClick={() =>
                run("Retry", async () => {
                  const retried = await postAction<{ partitions: string[] }>("/api/admin/retry-failed");
                  return `Asked again for ${retried.partitions.length} failed partition(s).`;
                })
              }
            >
              Retry failed cells ({failedCells})
            </button>
          </div>
          {selected ? (
            <div className="stack">
              <p className={styles.message}>
                Selected: <strong>{ENTITY_LABELS[selected.entity]} {selected.partition === "all" ? "(snapshot)" : selected.partition}</strong> – {STATE_LABELS[selected.state]}
              </p>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() =>
                  run("Re-sync", async () => {
                    const month = selected.partition === "all" ? {} : { from: selected.partition, to: selected.partition };
                    await postAction("/api/admin/resync", { entity: selected.entity, ...month });
                    return `Re-sync of ${ENTITY_LABELS[selected.entity]} ${selected.partition} requested.`;
                  })
                }
              >
                Force re-sync this cell
              </button>
            </div>
          ) : (
            <p className="kpi-sub">Choose a cell to re-sync it.</p>
          )}
          <HydrationForm
            busy={busy}
            months={grid.months}
            onSubmit={(request) =>
              run("Hydration", async () => {
                const started = await postAction<{ total: number; skippedFresh: number }>("/api/admin/hydrations", request);
                return `Hydration started: ${started.total} partition(s) to sync${request.force ? " (forced)" : `, ${started.skippedFresh} already fresh`}.`;
              })
            }
          />
        </section>
        <HydrationStatus
          status={status}
          busy={busy}
          onCancel={(id) =>
            run("Cancel", async () => {
              await postAction(`/api/admin/hydrations/${id}/cancel`);
              return "Hydration cancelled: waiting months will not start; those under way finish.";
            })
          }
        />
      </div>
    </div>
  );
}
