import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie } from "@/lib/auth/cookie";
import { REQUEST_PATH_HEADER, signInPath } from "@/lib/auth/next-path";
import { isApiPath, isPublicPath } from "@/lib/auth/public-paths";

/**
 * The optimistic check only: is there a session cookie at all? Without one,
 * pages redirect to /sign-in (coming back afterwards) and APIs answer 401,
 * without rendering anything. Whether the session is real, and its role, is
 * checked where the data is read – requireUser()/requireAdmin() in pages,
 * jsonRoute()/withAccess() in routes – because a matcher change or a refactor
 * can silently skip this file (Next's data-security guide).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();

  if (!hasSessionCookie(request.cookies)) {
    if (isApiPath(pathname)) {
      return NextResponse.json({ error: "Sign in to use this API." }, { status: 401, headers: { "Cache-Control": "no-store" } });
    }
    return NextResponse.redirect(new URL(signInPath(returnPath(pathname, search)), request.url));
  }

  // Tells requireUser() where to come back to if the session behind the cookie is gone.
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, returnPath(pathname, search));
  return NextResponse.next({ request: { headers } });
}

/** The page's path and query, minus the router's internal `_rsc` cache-buster. */
function returnPath(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  params.delete("_rsc");
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

export const config = {
  // Not for Next's own assets (they are public anyway; skipping them keeps the proxy off the hot path).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
