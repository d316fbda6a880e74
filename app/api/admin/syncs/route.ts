import { getSyncRuns } from "@/lib/data/admin";
import { syncRunsParams } from "@/lib/data/params";
import { jsonRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/admin/syncs?entity&status&trigger&page&pageSize: the sync history, newest first. */
export const GET = jsonRoute(syncRunsParams, (filter) => getSyncRuns(filter), { role: "admin" });
