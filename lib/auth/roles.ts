/**
 * The two roles: a viewer sees the dashboards; an admin also manages users
 * (and the sync consoles). Pure, for the browser as much as the database schema.
 */
export const USER_ROLES = ["viewer", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
