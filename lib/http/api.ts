import type { z } from "zod";
import { firstProblem, searchParamsInput } from "@/lib/data/params";

import type { ApiError } from "@/lib/data/contracts";

/**
 * A JSON GET route: query string validated by `schema` (a failure is a 400
 * naming the parameter), then `handler`. Unexpected failures are logged and
 * answered with a 500 whose body says nothing internal.
 */
export function jsonRoute<S extends z.ZodType, R>(schema: S, handler: (params: z.output<S>, request: Request) => Promise<R>) {
  return async (request: Request): Promise<Response> => {
    const parsed = schema.safeParse(searchParamsInput(new URL(request.url).searchParams, LIST_PARAMETERS));
    if (!parsed.success) {
      const { parameter, message } = firstProblem(parsed.error);
      return Response.json({ error: message, parameter } satisfies ApiError, { status: 400, headers: NO_STORE });
    }
    try {
      return Response.json(await handler(parsed.data, request), { headers: NO_STORE });
    } catch (error) {
      console.error(`[api] ${new URL(request.url).pathname} failed:`, error);
      return Response.json({ error: "The server could not answer this request; it has been logged." } satisfies ApiError, { status: 500, headers: NO_STORE });
    }
  };
}

/** Parameters that may repeat (`sku=A&sku=B`) or be comma lists. */
const LIST_PARAMETERS = ["sku", "entity"];

/** Dashboards are live data: never cache an answer in a browser or proxy. */
export const NO_STORE = { "Cache-Control": "no-store" };
