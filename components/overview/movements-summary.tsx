import Link from "next/link";
import { FreshnessBadge } from "@/components/freshness/freshness-badge";
import { LiveRefresh } from "@/components/live-refresh";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/states";
import { getMovementsOverview } from "@/lib/data/overview";
import { formatNumber } from "@/lib/format";

export async function MovementsSummary() {
  const movements = await getMovementsOverview();
  return (
    <Panel id="movements-summary" title="Warehouse movements this month" actions={<FreshnessBadge freshness={movements.freshness} />}>
      <LiveRefresh entities={["raktari_mozgas"]} pending={movements.freshness.state !== "fresh"} />
      {movements.freshness.state === "never" ? (
        <EmptyState title="Not cached yet – loading from the ERP…" />
      ) : (
        <div className="grid grid-4">
          <div className="kpi">
            <span className="kpi-sub">In</span>
            <span className="kpi-value" data-testid="movements-in">{formatNumber(movements.in)}</span>
          </div>
          <div className="kpi">
            <span className="kpi-sub">Out</span>
            {/* Out quantities are stored negative; shown as the amount that left. */}
            <span className="kpi-value" data-testid="movements-out">{formatNumber(movements.out.replace(/^-/, ""))}</span>
          </div>
          <div className="kpi">
            <span className="kpi-sub">Movement lines</span>
            <span className="kpi-value">{formatNumber(movements.lines)}</span>
            <Link className="kpi-sub" href={`/movements?from=${movements.from}&to=${movements.to}&granularity=day`}>details</Link>
          </div>
        </div>
      )}
    </Panel>
  );
}
