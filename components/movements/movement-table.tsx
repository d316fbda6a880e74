import type { MovementSeries } from "@/lib/data/contracts";
import type { Granularity } from "@/lib/data/params";
import { formatNumber } from "@/lib/format";
import { periodLabel, seriesKey, seriesLabel } from "./series-style";

/** The chart's figures: a row per period, a column per movement type and direction, totals at the foot. */
export function MovementTable({ series, granularity }: { series: MovementSeries[]; granularity: Granularity }) {
  const periods = series[0]?.points.map((point) => point.period) ?? [];
  return (
    <div className="table-wrap">
      <table className="data" data-testid="movement-table">
        <caption className="visually-hidden">Quantities per period and movement type; out is negative.</caption>
        <thead>
          <tr>
            <th scope="col">{granularity === "week" ? "Week of" : granularity === "day" ? "Day" : "Month"}</th>
            {series.map((item) => (
              <th key={seriesKey(item)} scope="col" className="num">
                {seriesLabel(item)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {periods.map((period, index) => (
            <tr key={period}>
              <th scope="row">{periodLabel(period, granularity)}</th>
              {series.map((item) => (
                <td key={seriesKey(item)} className="num">
                  {formatNumber(item.points[index]?.quantity)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {series.map((item) => (
              <td key={seriesKey(item)} className="num">
                <strong>{formatNumber(item.total.quantity)}</strong>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
