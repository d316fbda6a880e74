import type { InventoryResponse } from "@/lib/data/contracts";
import type { InventoryParams } from "@/lib/data/params";
import { formatNumber } from "@/lib/format";
import { SortableHeader } from "./sortable-header";
import styles from "./inventory.module.css";

const WAREHOUSES = [1, 2, 3, 4, 5, 6] as const;

/** One page of stock per warehouse, sortable by every column, with the totals of all matching rows. */
export function InventoryTable({ data, params, onSort }: { data: InventoryResponse; params: InventoryParams; onSort: (column: InventoryParams["sort"]) => void }) {
  const header = { sort: params.sort, dir: params.dir, onSort };
  return (
    <div className="table-wrap">
      <table className="data" data-testid="inventory-table">
        <caption className="visually-hidden">Available stock per warehouse; column headers sort the table.</caption>
        <thead>
          <tr>
            <SortableHeader column="sku" label="SKU" {...header} />
            <SortableHeader column="name" label="Name" {...header} />
            {WAREHOUSES.map((n) => (
              <SortableHeader key={n} column={`warehouse_${n}`} label={`W${n}`} accessibleLabel={`Warehouse ${n}`} numeric {...header} />
            ))}
            <SortableHeader column="total" label="Total" numeric {...header} />
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => {
            const level = Number(row.total) <= 0 ? "out" : Number(row.total) <= data.lowStockThreshold ? "low" : null;
            return (
              <tr key={row.sku}>
                <td className={styles.sku}>{row.sku}</td>
                <td>{row.name ?? <span className={styles.missing}>not in the product list</span>}</td>
                {row.warehouses.map((quantity, index) => (
                  <td key={index} className="num">
                    {formatNumber(quantity)}
                  </td>
                ))}
                <td className={`num ${styles.total}`}>
                  {level ? <span className={level === "out" ? styles.outTag : styles.lowTag}>{level === "out" ? "out" : "low"}</span> : null}
                  {formatNumber(row.total)}
                  {row.unit ? <span className={styles.unit}> {row.unit}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className={styles.totalsRow}>
            <th scope="row" colSpan={2}>
              Total of {formatNumber(data.matching)} {data.matching === 1 ? "product" : "products"}
            </th>
            {data.totals.warehouses.map((quantity, index) => (
              <td key={index} className="num">
                {formatNumber(quantity)}
              </td>
            ))}
            <td className={`num ${styles.total}`}>{formatNumber(data.totals.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
