import { resync } from "@/lib/data/admin-actions";
import { resyncRequest } from "@/lib/data/params";
import { actionRoute } from "@/lib/http/action";

/** POST /api/admin/resync {entity, from?, to?}: one partition forced now, a range as a forced hydration. */
export const POST = actionRoute(resyncRequest, async (request, _http, { user }) => ({ status: 202, body: await resync(request, user.email) }));
