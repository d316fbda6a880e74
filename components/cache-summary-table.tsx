import type { EntitySummary } from "@/lib/data/cache-summary";
import { ENTITY_LABELS } from "@/lib/entities";

const dateTime = new Intl.DateTimeFormat("hu-HU", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Budapest" });

export function CacheSummaryTable({ summary }: { summary: EntitySummary[] }) {
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">Data</th>
          <th scope="col" className="num">Partitions synced</th>
          <th scope="col">Last sync</th>
          <th scope="col" className="num">Failing</th>
        </tr>
      </thead>
      <tbody>
        {summary.map((row) => (
          <tr key={row.entity}>
            <td>{ENTITY_LABELS[row.entity]}</td>
            <td className="num">
              {row.syncedPartitions} / {row.partitions}
            </td>
            <td>{row.lastSyncedAt ? dateTime.format(row.lastSyncedAt) : "never"}</td>
            <td className="num">{row.failing}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
