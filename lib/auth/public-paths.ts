/**
 * Paths anyone may request without a session. Everything else needs one –
 * checked optimistically (cookie present?) by proxy.ts and for real by the page
 * or route guard.
 * - /sign-in: the way in.
 * - /api/auth/**: better-auth's own endpoints (sign-in, sign-out, admin), which check sessions themselves.
 * - /api/inngest: Inngest's calls, verified by request signature (INNGEST_SIGNING_KEY), not by cookie.
 * - /api/health: the public health check (answers only {ok:true}).
 */
const PUBLIC_PATHS = ["/sign-in", "/api/inngest", "/api/health"];
const PUBLIC_PREFIXES = ["/api/auth/", "/_next/"];
// Files served as they are (favicon.ico, robots.txt, images in public/): nothing secret in them.
const STATIC_FILE = /\.(?:ico|png|jpe?g|gif|svg|webp|avif|txt|xml|webmanifest|woff2?)$/i;

export function isPublicPath(pathname: string): boolean {
  return (
    PUBLIC_PATHS.some((path) => pathname === path || pathname === `${path}/`) ||
    PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix)) ||
    STATIC_FILE.test(pathname)
  );
}

/** API paths answer 401 JSON; everything else is a page and redirects to /sign-in. */
export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}
