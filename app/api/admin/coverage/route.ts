import { z } from "zod";
import { getCoverage } from "@/lib/data/admin";
import { jsonRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/admin/coverage: every partition's state, for the hydration console's grid. Admins only. */
export const GET = jsonRoute(z.object({}), () => getCoverage(), { role: "admin" });
