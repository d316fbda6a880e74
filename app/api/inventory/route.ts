import { readInventory } from "@/lib/data/inventory";
import { inventoryParams } from "@/lib/data/params";
import { jsonRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/inventory?q=&sort=&dir=&low=&page=&pageSize= → InventoryResponse (stock per warehouse, totals, freshness). */
export const GET = jsonRoute(inventoryParams, readInventory);
