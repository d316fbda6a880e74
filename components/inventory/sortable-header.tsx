import type { InventoryParams } from "@/lib/data/params";
import styles from "./inventory.module.css";

type Sort = InventoryParams["sort"];

/** A column header that sorts the table: a button, with the current order in aria-sort. */
export function SortableHeader({ column, label, accessibleLabel, numeric, sort, dir, onSort }: { column: Sort; label: string; accessibleLabel?: string; numeric?: boolean; sort: Sort; dir: "asc" | "desc"; onSort: (column: Sort) => void }) {
  const active = sort === column;
  const ariaSort = active ? (dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={numeric ? "num" : undefined}>
      <button type="button" className={styles.sortButton} onClick={() => onSort(column)} aria-label={accessibleLabel} data-column={column}>
        {label}
        <span aria-hidden="true" className={active ? styles.sortArrowActive : styles.sortArrow}>
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
