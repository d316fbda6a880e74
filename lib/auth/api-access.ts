import type { UserRole } from "./roles";
import { hasRole, userFromHeaders, type CurrentUser } from "./session";

const NO_STORE = { "Cache-Control": "no-store" };

export type Access = { ok: true; user: CurrentUser } | { ok: false; response: Response };

// Who each request that passed a check is, for accessedBy(); gone with the request.
const signedInUsers = new WeakMap<Request, CurrentUser>();

/**
 * Who may call an API route: anonymous → 401, signed in without `role` → 403,
 * both as JSON `{error}`. The real check (proxy.ts only looks for a cookie).
 */
export async function checkAccess(request: Request, role: UserRole): Promise<Access> {
  const user = await userFromHeaders(request.headers);
  if (!user) {
    return { ok: false, response: Response.json({ error: "Sign in to use this API." }, { status: 401, headers: NO_STORE }) };
  }
  if (!hasRole(user, role)) {
    return { ok: false, response: Response.json({ error: `This needs the ${role} role.` }, { status: 403, headers: NO_STORE }) };
  }
  signedInUsers.set(request, user);
  return { ok: true, user };
}

/** The user a guarded handler runs for (withAccess / jsonRoute checked it): for audit fields such as `requested_by`. */
export function accessedBy(request: Request): CurrentUser {
  const user = signedInUsers.get(request);
  if (!user) throw new Error("accessedBy(): this request did not pass withAccess() or jsonRoute()");
  return user;
}

/**
 * Wraps any route handler (streams, POST actions…) so it runs only for users
 * with `role` (default viewer); its other arguments (Next's `{ params }`) pass through.
 */
export function withAccess<A extends unknown[]>(
  handler: (request: Request, ...args: A) => Response | Promise<Response>,
  role: UserRole = "viewer",
): (request: Request, ...args: A) => Promise<Response> {
  return async (request, ...args) => {
    let access: Access;
    try {
      access = await checkAccess(request, role);
    } catch (error) {
      console.error(`[auth] ${new URL(request.url).pathname}: session check failed:`, error);
      return Response.json({ error: "The server could not check your session; it has been logged." }, { status: 500, headers: NO_STORE });
    }
    if (!access.ok) return access.response;
    return handler(request, ...args);
  };
}
