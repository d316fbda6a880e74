import { productSearchParams } from "@/lib/data/params";
import { searchProducts } from "@/lib/data/products";
import { jsonRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** GET /api/products?q=kávé&limit=20 → ProductSearchResponse, best matches first. */
export const GET = jsonRoute(productSearchParams, (params) => searchProducts(params));
