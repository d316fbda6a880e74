import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import Link from "next/link";
import { LiveRefresh } from "@/components/live-refresh";
import { InvalidParams } from "@/components/ui/invalid-params";
import { getSyncRuns, SYNC_RUN_STATUSES } from "@/lib/data/admin";
import { firstProblem, searchParamsInput, syncRunsParams, type SyncRunsParams } from "@/lib/data/params";
import { ENTITIES } from "@/lib/db";
import { ENTITY_LABELS } from "@/lib/entities";
import { formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Sync history" };

const TRIGGERS = ["read", "cron", "hydrate", "manual"] as const;

function hrefWith(filter: SyncRunsParams, page: number): string {
  const search = new URLSearchParams();
  if (filter.entity) search.set("entity", filter.entity);
  if (filter.status) search.set("status", filter.status);
  if (filter.trigger) search.set("trigger", filter.trigger);
  if (filter.pageSize !== 50) search.set("pageSize", String(filter.pageSize));
  if (page > 1) search.set("page", String(page));
  const text = search.toString();
  return `/admin/syncs${text ? `?${text}` : ""}`;
}

/** One filter of the form: "all" or one of `options`. */
function FilterSelect<T extends string>({ label, name, value, options, labelOf = (option) => option }: { label: string; name: string; value: T | undefined; options: readonly T[]; labelOf?: (option: T) => string }) {
  return (
    <label className="field">
      {label}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">all</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {labelOf(option)}
          </option>
        ))}
      </select>
    </label>
  );
}

function duration(ms: number | null): string {
  if (ms === null) return "running";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Every sync attempt, newest first: filter by entity, status and trigger (a plain GET form: links stay shareable). */
export default async function SyncHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const parsed = syncRunsParams.safeParse(searchParamsInput(await searchParams, []));
  if (!parsed.success) return <InvalidParams title="Sync history" problem={firstProblem(parsed.error)} resetHref="/admin/syncs" />;
  const filter = parsed.data;
  const { runs, matching, page, pageSize } = await getSyncRuns(filter);
  const pages = Math.max(1, Math.ceil(matching / pageSize));
  return (
    <>
      <div className="page-header">
        <h1>Sync history</h1>
        <span className="kpi-sub">
          {formatNumber(matching)} run(s){matching ? `, page ${page} of ${pages}` : ""}
        </span>
      </div>
      <LiveRefresh entities={[...ENTITIES]} />
      <form className="card controls" method="get" action="/admin/syncs" aria-label="Filters">
        <FilterSelect label="Entity" name="entity" value={filter.entity} options={ENTITIES} labelOf={(entity) => ENTITY_LABELS[entity]} />
        <FilterSelect label="Status" name="status" value={filter.status} options={SYNC_RUN_STATUSES} />
        <FilterSelect label="Trigger" name="trigger" value={filter.trigger} options={TRIGGERS} />
        <button type="submit" className="button">
          Filter
        </button>
        <Link className="button" href="/admin/syncs">
          Clear
        </Link>
      </form>
      <section className="card table-wrap" aria-label="Sync runs">
        {runs.length === 0 ? (
          <p className="empty-state">No sync runs match these filters.</p>
        ) : (
          <table className="data" data-testid="sync-runs">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Entity</th>
                <th scope="col">Partition</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Duration</th>
                <th scope="col" className="num">Pages</th>
                <th scope="col" className="num">Records</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-status={run.status}>
                  <td>{formatDateTime(run.startedAt)}</td>
                  <td>{ENTITY_LABELS[run.entity]}</td>
                  <td>{run.partition}</td>
                  <td>{run.trigger}</td>
                  <td>{run.status}</td>
                  <td className="num">{duration(run.durationMs)}</td>
                  <td className="num">{run.pages}</td>
                  <td className="num">
                    {formatNumber(run.records)}
                    {run.dataIssues ? ` (${run.dataIssues} data issue${run.dataIssues > 1 ? "s" : ""})` : ""}
                  </td>
                  <td>{run.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {pages > 1 ? (
        <nav className="controls" aria-label="Pages">
          {page > 1 ? <Link className="button" href={hrefWith(filter, page - 1)}>← Newer</Link> : null}
          {page < pages ? <Link className="button" href={hrefWith(filter, page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
