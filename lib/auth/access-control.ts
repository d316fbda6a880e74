import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/admin/access";
import type { UserRole } from "./roles";

/**
 * What each role may do through better-auth's admin plugin. Shared by the
 * server (the plugin enforces it) and the browser client (typed role names).
 * (Only `roles` is passed to the plugin: its `ac` option is typed too narrowly
 * for a custom control, and the server never reads it.)
 * Admins get only what /admin/users uses: listing, creating, removing users and
 * changing roles – no impersonation, bans or password resets until a page needs them.
 */
export const accessControl = createAccessControl(defaultStatements);

export const roles = {
  viewer: accessControl.newRole({ user: [], session: [] }),
  admin: accessControl.newRole({ user: ["list", "create", "delete", "set-role"], session: [] }),
} satisfies Record<UserRole, unknown>;
