/** Set by proxy.ts on every page request: the path and query to come back to after signing in. */
export const REQUEST_PATH_HEADER = "x-erp-cache-path";

/**
 * Where to go after signing in: `next` when it is a path on this site,
 * otherwise `/`. Rejects absolute and protocol-relative URLs (`//evil.example`,
 * `/\evil.example`) so the sign-in page cannot be used to send people elsewhere.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // Control characters and backslashes are never in our own paths; browsers treat some as slashes.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  const base = "http://same-origin.invalid";
  try {
    const url = new URL(next, base);
    if (url.origin !== base) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

/** The sign-in page, coming back to `path` afterwards (`/` needs no parameter). */
export function signInPath(path: string): string {
  const next = safeNextPath(path);
  return next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}
