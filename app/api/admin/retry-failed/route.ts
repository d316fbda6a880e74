import { z } from "zod";
import { retryFailed } from "@/lib/data/admin-actions";
import { actionRoute } from "@/lib/http/action";

/** POST /api/admin/retry-failed: every failed partition asked for again. */
export const POST = actionRoute(z.object({}), async () => ({ status: 202, body: await retryFailed() }));
