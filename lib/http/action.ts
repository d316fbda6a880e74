import type { z } from "zod";
import type { ApiError } from "@/lib/data/contracts";
import { checkAccess } from "@/lib/auth/api-access";
import type { CurrentUser } from "@/lib/auth/session";
import { firstProblem } from "@/lib/data/params";
import { NO_STORE } from "./api";

export interface ActionContext {
  params: Promise<Record<string, string>>;
  /** The signed-in admin carrying it out (for `requested_by`). */
  user: CurrentUser;
}

/**
 * A JSON POST route for admins (every action starts or stops ERP work):
 * anonymous → 401, viewer → 403, both JSON; then the body validated by `schema` (malformed JSON, a wrong
 * content type or a failed check is a 4xx naming the problem), then
 * `handler`. A RangeError from the handler is the caller's mistake too (400).
 */
export function actionRoute<S extends z.ZodType, R>(
  schema: S,
  handler: (body: z.output<S>, request: Request, context: ActionContext) => Promise<{ status?: number; body: R }>,
) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    let user: CurrentUser;
    try {
      const access = await checkAccess(request, "admin");
      if (!access.ok) return access.response;
      user = access.user;
    } catch (error) {
      console.error(`[auth] ${new URL(request.url).pathname}: session check failed:`, error);
      return Response.json({ error: "The server could not check your session; it has been logged." } satisfies ApiError, { status: 500, headers: NO_STORE });
    }
    const type = request.headers.get("content-type") ?? "";
    const text = await request.text();
    if (text.trim() !== "" && !type.includes("application/json")) {
      return Response.json({ error: "send the body as application/json" } satisfies ApiError, { status: 415, headers: NO_STORE });
    }
    let input: unknown = {};
    if (text.trim() !== "") {
      try {
        input = JSON.parse(text);
      } catch {
        return Response.json({ error: "the body is not valid JSON" } satisfies ApiError, { status: 400, headers: NO_STORE });
      }
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const { parameter, message } = firstProblem(parsed.error);
      return Response.json({ error: message, parameter } satisfies ApiError, { status: 400, headers: NO_STORE });
    }
    try {
      const { status = 200, body } = await handler(parsed.data, request, { ...context, user });
      return Response.json(body, { status, headers: NO_STORE });
    } catch (error) {
      if (error instanceof RangeError) return Response.json({ error: error.message } satisfies ApiError, { status: 400, headers: NO_STORE });
      console.error(`[api] ${new URL(request.url).pathname} failed:`, error);
      return Response.json({ error: "The server could not carry this out; it has been logged." } satisfies ApiError, { status: 500, headers: NO_STORE });
    }
  };
}
