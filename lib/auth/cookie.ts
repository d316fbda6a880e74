/**
 * The session cookie's name: `erp-cache.session_token`, or with the
 * `__Secure-` prefix better-auth adds when cookies are secure (production or
 * an https BETTER_AUTH_URL). Pure, so the proxy can check for the cookie
 * without loading better-auth.
 */
export const AUTH_COOKIE_PREFIX = "erp-cache";
export const SESSION_COOKIE = `${AUTH_COOKIE_PREFIX}.session_token`;
const SESSION_COOKIE_NAMES = [SESSION_COOKIE, `__Secure-${SESSION_COOKIE}`];

/** Whether a request carries a session cookie – only a hint: the session behind it may be gone. */
export function hasSessionCookie(cookies: { has(name: string): boolean }): boolean {
  return SESSION_COOKIE_NAMES.some((name) => cookies.has(name));
}
