import type { MovementsResponse } from "@/lib/data/contracts";
import { formatNumber } from "@/lib/format";

/** The range in three numbers: quantity in, quantity out, movement lines. */
export function MovementTotals({ totals }: { totals: MovementsResponse["totals"] }) {
  const items = [
    { label: "In", value: formatNumber(totals.in), testId: "movements-total-in" },
    { label: "Out", value: formatNumber(totals.out), testId: "movements-total-out" },
    { label: "Movement lines", value: formatNumber(totals.lines), testId: "movements-total-lines" },
  ];
  return (
    <div className="grid grid-4">
      {items.map((item) => (
        <div key={item.label} className="card kpi">
          <span className="kpi-sub">{item.label}</span>
          <span className="kpi-value" data-testid={item.testId}>
            {item.value}
          </span>
        </div>
      ))}
    </div>
  );
}
