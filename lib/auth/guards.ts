import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { REQUEST_PATH_HEADER, signInPath } from "./next-path";
import { hasRole, userFromHeaders, type CurrentUser } from "./session";

/** The signed-in user of the page being rendered (once per render, however many components ask). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => userFromHeaders(await headers()));

/**
 * For pages: the signed-in user, or a redirect to /sign-in that comes back to
 * this page (path and query) afterwards.
 */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (user) return user;
  const path = (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
  redirect(signInPath(path));
}

/** For admin pages: a signed-in admin; a viewer gets the 403 page (app/forbidden.tsx). */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (!hasRole(user, "admin")) forbidden();
  return user;
}
