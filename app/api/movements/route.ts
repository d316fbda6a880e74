import { readMovements } from "@/lib/data/movements";
import { movementsParams } from "@/lib/data/params";
import { jsonRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/movements?from=&to=&granularity=&sku= → MovementsResponse (in/out per movement type and period, freshness). */
export const GET = jsonRoute(movementsParams, readMovements);
