import type { UserRole } from "./roles";
import { getAuth } from "./instance";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/** Anything but exactly "admin" is a viewer: an unexpected value must never grant more. */
export function roleOf(value: unknown): UserRole {
  return value === "admin" ? "admin" : "viewer";
}

/**
 * The signed-in user of a request, from its session cookie – looked up in
 * Postgres every time (no cookie cache), so signing out, removing a user or
 * changing a role takes effect on the very next request. Null when signed out.
 */
export async function userFromHeaders(headers: Headers): Promise<CurrentUser | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const { id, email, name, role } = session.user;
  return { id, email, name, role: roleOf(role) };
}

/** Whether `user` may use something that needs `role`. */
export function hasRole(user: CurrentUser, role: UserRole): boolean {
  return role === "viewer" || user.role === "admin";
}
