import { METRICS } from "./metrics";
import { PERIOD_HEADER, type SalesTableModel } from "./sales-table-model";
import styles from "./sales-table.module.css";

/**
 * The chart's numbers as a table (and the chart's accessible twin). Each cell
 * carries its exact value in data-value – what the CSV export writes.
 */
export function SalesTable({ table, metric, caption }: { table: SalesTableModel; metric: keyof typeof METRICS; caption: string }) {
  const format = METRICS[metric].format;
  return (
    <div className={`table-wrap ${styles.wrap}`}>
      <table className="data" data-testid="sales-table">
        <caption className={styles.caption}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{PERIOD_HEADER}</th>
            {table.columns.map((column) => (
              <th key={`${column.seriesKey}-${column.side}`} scope="col" className="num">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.period}>
              <th scope="row">{row.label}</th>
              {row.cells.map((value, index) => (
                <td key={index} className="num" data-value={value ?? ""}>
                  {format(value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={styles.totals}>
            <th scope="row">{table.totals.label}</th>
            {table.totals.cells.map((value, index) => (
              <td key={index} className="num" data-value={value ?? ""}>
                {format(value)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
