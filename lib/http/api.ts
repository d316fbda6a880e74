import type { z } from "zod";
import type { UserRole } from "@/lib/auth/roles";
import { checkAccess } from "@/lib/auth/api-access";
import { firstProblem, searchParamsInput } from "@/lib/data/params";

import type { ApiError } from "@/lib/data/contracts";

export interface RouteAccess {
  /** Who may call the route: `viewer` (default: anyone signed in) or `admin`. */
  role?: UserRole;
  /** Parameters that may repeat (`sku=A&sku=B`) or be comma lists; default `sku`. */
  lists?: readonly string[];
}

/**
 * A JSON GET route: the caller's session checked first (anonymous → 401,
 * missing role → 403), then the query string validated by `schema` (a failure
 * is a 400 naming the parameter), then `handler` – which may ask
 * `accessedBy(request)` who is calling. Unexpected failures are logged and
 * answered with a 500 whose body says nothing internal.
 */
export function jsonRoute<S extends z.ZodType, R>(
  schema: S,
  handler: (params: z.output<S>, request: Request) => Promise<R>,
  access: RouteAccess = {},
) {
  return async (request: Request): Promise<Response> => {
    try {
      const allowed = await checkAccess(request, access.role ?? "viewer");
      if (!allowed.ok) return allowed.response;
      const parsed = schema.safeParse(searchParamsInput(new URL(request.url).searchParams, access.lists ?? LIST_PARAMETERS));
      if (!parsed.success) {
        const { parameter, message } = firstProblem(parsed.error);
        return Response.json({ error: message, parameter } satisfies ApiError, { status: 400, headers: NO_STORE });
      }
      return Response.json(await handler(parsed.data, request), { headers: NO_STORE });
    } catch (error) {
      console.error(`[api] ${new URL(request.url).pathname} failed:`, error);
      return Response.json({ error: "The server could not answer this request; it has been logged." } satisfies ApiError, { status: 500, headers: NO_STORE });
    }
  };
}

/** Parameters that may repeat (`sku=A&sku=B`) or be comma lists, unless a route says otherwise. */
const LIST_PARAMETERS = ["sku"];

/** Dashboards are live data: never cache an answer in a browser or proxy. */
export const NO_STORE = { "Cache-Control": "no-store" };
