import type { UserRole } from "./roles";
import { getAuth } from "./instance";
import { roleOf } from "./session";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** ISO timestamp. */
  createdAt: string;
}

/** A page is plenty for a company's dashboard users; the page says so if there are more. */
export const USER_LIST_LIMIT = 500;

/**
 * Every user, by email, through the admin plugin's list endpoint with the
 * caller's own session – so the plugin's permission check applies here too.
 */
export async function listUsers(headers: Headers): Promise<{ users: UserRow[]; total: number }> {
  const auth = await getAuth();
  const { users, total } = await auth.api.listUsers({
    headers,
    query: { limit: USER_LIST_LIMIT, sortBy: "email", sortDirection: "asc" },
  });
  return {
    total,
    users: users.map((user) => ({
      id: user.id,
      email: user.email,
      name: user.name,
      role: roleOf(user.role),
      createdAt: new Date(user.createdAt).toISOString(),
    })),
  };
}
