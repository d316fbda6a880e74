import { z } from "zod";
import { cancelAdminHydration } from "@/lib/data/admin-actions";
import { actionRoute } from "@/lib/http/action";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POST /api/admin/hydrations/:id/cancel → {cancelled}; 409 when it is not running (finished, cancelled or unknown). */
export const POST = actionRoute(z.object({}), async (_body, _request, context): Promise<{ status?: number; body: { cancelled: boolean } | { error: string } }> => {
  const { id } = await context.params;
  if (!id || !UUID.test(id)) throw new RangeError("the hydration id must be a UUID");
  const cancelled = await cancelAdminHydration(id);
  return cancelled ? { body: { cancelled: true } } : { status: 409, body: { error: "This hydration is not running (finished, cancelled or unknown)." } };
});
