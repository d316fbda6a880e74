"use client";

import type { CellState, Coverage, CoverageCell } from "@/lib/data/admin";
import { ENTITY_LABELS } from "@/lib/entities";
import { formatDateTime, formatNumber } from "@/lib/format";
import styles from "./admin.module.css";

export const STATE_LABELS: Record<CellState, string> = {
  fresh: "fresh",
  closed: "closed month, fresh",
  stale: "stale",
  syncing: "syncing",
  never: "never synced",
  error: "failed",
};

function describe(cell: CoverageCell): string {
  const lines = [`${ENTITY_LABELS[cell.entity]} ${cell.partition === "all" ? "(snapshot)" : cell.partition}: ${STATE_LABELS[cell.state]}`];
  if (cell.lastSyncedAt) lines.push(`last sync ${formatDateTime(cell.lastSyncedAt)}: ${formatNumber(cell.records)} records, ${cell.pages} pages`);
  if (cell.lastError) lines.push(`error${cell.lastErrorAt ? ` at ${formatDateTime(cell.lastErrorAt)}` : ""}: ${cell.lastError}`);
  return lines.join("\n");
}

/**
 * Every partition as a coloured cell: months newest first × the dated
 * entities, plus the two snapshots. A cell's tooltip (and accessible name)
 * holds its records, pages, last sync and error; choosing it selects it for
 * the actions.
 */
export function CoverageGrid({ coverage, selected, onSelect }: { coverage: Coverage; selected?: string; onSelect: (cell: CoverageCell) => void }) {
  const cellButton = (key: string, text: string) => {
    const cell = coverage.cells[key];
    if (!cell) return <span className={styles.cell}>–</span>;
    return (
      <button
        type="button"
        className={`${styles.cell} ${styles[`state_${cell.state}`]} ${selected === key ? styles.selected : ""}`}
        title={describe(cell)}
        aria-label={describe(cell)}
        aria-pressed={selected === key}
        data-cell={key}
        data-state={cell.state}
        onClick={() => onSelect(cell)}
      >
        {text}
      </button>
    );
  };
  return (
    <div className={styles.gridWrap}>
      <ul className={styles.legend} aria-label="Legend">
        {(Object.keys(STATE_LABELS) as CellState[]).map((state) => (
          <li key={state}>
            <span className={`${styles.swatch} ${styles[`state_${state}`]}`} aria-hidden="true" /> {STATE_LABELS[state]}: {coverage.counts[state]}
          </li>
        ))}
      </ul>
      <table className={`data ${styles.snapshots}`}>
        <caption>Snapshots</caption>
        <tbody>
          <tr>
            {coverage.snapshots.map((entity) => (
              <td key={entity}>
                {ENTITY_LABELS[entity]} {cellButton(`${entity}/all`, coverage.cells[`${entity}/all`]?.state ?? "")}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <table className={`data ${styles.grid}`}>
        <caption>Months (newest first)</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            {coverage.dated.map((entity) => (
              <th scope="col" key={entity}>
                {ENTITY_LABELS[entity]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {coverage.months.map((month) => (
            <tr key={month}>
              <th scope="row">{month}</th>
              {coverage.dated.map((entity) => (
                <td key={entity}>{cellButton(`${entity}/${month}`, coverage.cells[`${entity}/${month}`]?.records ? formatNumber(coverage.cells[`${entity}/${month}`]!.records) : "")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
