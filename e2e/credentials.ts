import path from "node:path";

/**
 * The admin the e2e app creates at start-up (playwright.config.ts passes these
 * as ADMIN_EMAIL / ADMIN_PASSWORD), and where the setup project keeps its
 * signed-in browser state (git-ignored).
 */
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" } as const;
export const ADMIN_STATE = path.join(import.meta.dirname, ".auth", "admin.json");
/** Anonymous: for specs (or describe blocks) that must not carry the admin's cookie. */
export const NO_SESSION = { cookies: [], origins: [] };
