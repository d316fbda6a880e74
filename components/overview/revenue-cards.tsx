import { FreshnessBadge } from "@/components/freshness/freshness-badge";
import { LiveRefresh } from "@/components/live-refresh";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/states";
import type { PeriodSums, RevenueOverview } from "@/lib/data/contracts";
import { getRevenueOverview } from "@/lib/data/overview";
import { formatChange, formatDate, formatHuf } from "@/lib/format";

/** This month so far, against the same days of last month and of last year. */
export async function RevenueCards() {
  const revenue = await getRevenueOverview();
  const period = `${formatDate(revenue.current.from)} – ${formatDate(revenue.current.to)}`;
  return (
    <Panel id="revenue" title={`Revenue this month (${period})`} actions={<FreshnessBadge freshness={revenue.freshness} />}>
      <LiveRefresh entities={["kimeno_szamla"]} pending={revenue.freshness.state !== "fresh"} />
      {revenue.freshness.state === "never" ? (
        <EmptyState title="Not cached yet – loading from the ERP…">The figures appear here as soon as the month is synced.</EmptyState>
      ) : (
        <div className="grid grid-4">
          <Kpi label="Gross revenue" field="gross" revenue={revenue} />
          <Kpi label="Net revenue" field="net" revenue={revenue} />
        </div>
      )}
    </Panel>
  );
}

function Kpi({ label, field, revenue }: { label: string; field: "gross" | "net"; revenue: RevenueOverview }) {
  const value = revenue.current[field];
  return (
    <div className="kpi" data-testid={`kpi-${field}`}>
      <span className="kpi-sub">{label}</span>
      <span className="kpi-value">{formatHuf(value)}</span>
      <Comparison label="vs same days last month" current={value} previous={revenue.previousMonth[field]} period={revenue.previousMonth} />
      <Comparison label="vs same days last year" current={value} previous={revenue.previousYear[field]} period={revenue.previousYear} />
    </div>
  );
}

function Comparison({ label, current, previous, period }: { label: string; current: string; previous: string; period: PeriodSums }) {
  const change = formatChange(current, previous);
  const direction = change?.startsWith("+") ? "up" : change?.startsWith("-") ? "down" : undefined;
  return (
    <span className="kpi-sub" title={`${formatDate(period.from)} – ${formatDate(period.to)}: ${formatHuf(previous)}`}>
      <span className={direction}>{change ?? "–"}</span> {label} ({formatHuf(previous)})
    </span>
  );
}
