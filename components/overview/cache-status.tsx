import { FreshnessBadge } from "@/components/freshness/freshness-badge";
import { LiveRefresh } from "@/components/live-refresh";
import { Panel } from "@/components/ui/panel";
import { ENTITIES } from "@/lib/db";
import { hotCoversOf, viewFreshness } from "@/lib/data/freshness";
import { ENTITY_LABELS } from "@/lib/entities";

/** The freshness of every entity's hot data (snapshots; current and previous month). */
export async function CacheStatus() {
  const entities = await Promise.all(ENTITIES.map(async (entity) => ({ entity, ...(await viewFreshness([hotCoversOf(entity)])) })));
  return (
    <Panel id="cache-status" title="Data freshness">
      <LiveRefresh entities={ENTITIES} pending={entities.some(({ freshness }) => freshness.state !== "fresh")} />
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col">Covers</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {entities.map(({ entity, freshness, covers }) => (
            <tr key={entity}>
              <td>{ENTITY_LABELS[entity]}</td>
              <td>{covers[0]!.partitions.join(", ").replace("all", "full snapshot")}</td>
              <td>
                <FreshnessBadge freshness={freshness} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
