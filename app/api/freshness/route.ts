import { ENTITIES } from "@/lib/db";
import { coversOf, hotCoversOf, viewFreshness } from "@/lib/data/freshness";
import { freshnessParams } from "@/lib/data/params";
import { jsonRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/**
 * GET /api/freshness?entity=kimeno_szamla&from=2024-01-01&to=2024-12-31 → the
 * freshness of those partitions; entities without from/to → their hot
 * partitions; without parameters → every entity's hot partitions (snapshots,
 * current and previous month).
 */
export const GET = jsonRoute(freshnessParams, async ({ entity, from, to }) => {
  if (entity.length > 0) {
    // Without a range a dated entity has no "all" partition to look at: its hot months stand in.
    return viewFreshness(entity.map((name) => (from !== undefined && to !== undefined ? coversOf(name, from, to) : hotCoversOf(name))));
  }
  const entries = await Promise.all(ENTITIES.map(async (name) => [name, await viewFreshness([hotCoversOf(name)])] as const));
  return { entities: Object.fromEntries(entries) };
}, { lists: ["entity"] });
