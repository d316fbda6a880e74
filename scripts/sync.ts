// npm run sync -- --entity kimeno_szamla --from 2024-01 --to 2024-03 [--force]
// Syncs the given partitions now, in this process, through the same lock as the app.
import { parseArgs } from "node:util";
import { ENTITIES, type Entity } from "@/lib/db";
import { isDatedEntity } from "@/lib/tharanis/mapping";
import { monthOf, parseMonth, partitionsOf } from "@/lib/sync/partitions";
import { syncPartition } from "@/lib/sync/sync-partition";
import { formatDuration, integerFormat, openCliContext, runCli, UsageError } from "./cli-context";

const USAGE = "npm run sync -- --entity <kimeno_szamla|raktari_mozgas|keszlet|cikk> [--from YYYY-MM] [--to YYYY-MM] [--force]";

runCli(async () => {
  const { values } = parseArgs({
    options: { entity: { type: "string" }, from: { type: "string" }, to: { type: "string" }, force: { type: "boolean", default: false } },
    strict: true,
  });
  const entity = values.entity as Entity;
  if (!ENTITIES.includes(entity)) throw new UsageError(`--entity must be one of ${ENTITIES.join(", ")}`, USAGE);
  const current = monthOf(new Date());
  const to = values.to ? parseMonth(values.to, "--to") : current;
  const from = values.from ? parseMonth(values.from, "--from") : to;
  if (isDatedEntity(entity) && from > to) throw new UsageError(`--from ${from} is after --to ${to}`, USAGE);

  const { db, client, close } = await openCliContext();
  let failed = 0;
  try {
    for (const partition of partitionsOf(entity, from, to)) {
      const started = performance.now();
      const outcome = await syncPartition({ pool: db.pool, client }, { entity, partition: partition.key, trigger: "manual", force: values.force });
      const took = formatDuration(performance.now() - started);
      const label = `${entity} ${partition.key}`;
      if (outcome.status === "synced") {
        console.log(
          `${label}: synced ${integerFormat.format(outcome.records)} records in ${outcome.pages} page(s), removed ${outcome.removed}` +
            `${outcome.dataIssues ? `, ${outcome.dataIssues} data issue(s) (see sync_runs)` : ""} (${took})`,
        );
      } else if (outcome.status === "skipped") {
        console.log(`${label}: skipped – ${outcome.reason}${outcome.detail ? ` (${outcome.detail})` : ""}${outcome.reason === "fresh" ? "; use --force to sync anyway" : ""}`);
      } else {
        failed += 1;
        console.error(`${label}: FAILED after ${outcome.pages} page(s): ${outcome.error}`);
      }
    }
  } finally {
    await close();
  }
  return failed ? 1 : 0;
});
