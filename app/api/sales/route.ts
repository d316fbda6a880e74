import { salesParams } from "@/lib/data/params";
import { getSales } from "@/lib/data/sales";
import { jsonRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/**
 * GET /api/sales?from=2024-01-01&to=2024-12-31&sku=C10001&sku=C10050&granularity=month&metric=gross&compare=yoy
 * → SalesResponse: one series per SKU (all products without sku), a point for
 * every period of the range, totals, and the freshness of the months shown.
 */
export const GET = jsonRoute(salesParams, (params) => getSales(params));
