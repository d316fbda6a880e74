import { z } from "zod";
import { getConsoleStatus } from "@/lib/data/admin";
import { jsonRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/admin/status: hydrations with progress and pace, ERP load and breaker. */
export const GET = jsonRoute(z.object({}), () => getConsoleStatus(), { role: "admin" });
