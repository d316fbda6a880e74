import { startAdminHydration } from "@/lib/data/admin-actions";
import { hydrateRequest } from "@/lib/data/params";
import { actionRoute } from "@/lib/http/action";

/** POST /api/admin/hydrations {entities?, from?, to?, force?} → 202 {id, total, skippedFresh}. */
export const POST = actionRoute(hydrateRequest, async (request, _http, { user }) => ({
  status: 202,
  body: await startAdminHydration(request, user.email),
}));
