import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins/admin";
import { authAccounts, authRateLimits, authSessions, authUsers, authVerifications } from "@/drizzle/schema";
import { getDb, type DbHandle } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import { roles } from "./access-control";
import { AUTH_COOKIE_PREFIX } from "./cookie";
import { appPolicy } from "./policy";
import { authSecret } from "./secret";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./user-input";

/** better-auth's model names → our tables (drizzle/schema.ts). */
const AUTH_TABLES = { user: authUsers, session: authSessions, account: authAccounts, verification: authVerifications, rateLimit: authRateLimits };

/**
 * The app's better-auth: email + password on the app's Postgres, sign-up
 * disabled (admins create users), roles viewer/admin from the admin plugin,
 * HTTP-only session cookies (secure in production), and sign-in limited per
 * client IP (better-auth's limiter, counted in Postgres so app instances share
 * it) and per email address (appPolicy).
 */
export function createAuth(handle: DbHandle, env: Env = getEnv()) {
  return betterAuth({
    appName: "ERP cache dashboard",
    // Unset: the origin of each request (fine for one host); set it behind a proxy or in production.
    baseURL: env.BETTER_AUTH_URL,
    secret: authSecret(env),
    database: drizzleAdapter(handle.db, { provider: "pg", schema: AUTH_TABLES, transaction: true }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    advanced: { cookiePrefix: AUTH_COOKIE_PREFIX },
    rateLimit: {
      // On in every environment (better-auth's default is production only), so tests see what production does.
      enabled: true,
      storage: "database",
      customRules: {
        "/sign-in/email": { window: env.AUTH_SIGN_IN_IP_WINDOW_SECONDS, max: env.AUTH_SIGN_IN_IP_MAX },
      },
    },
    telemetry: { enabled: false },
    plugins: [
      admin({ roles, defaultRole: "viewer", adminRoles: ["admin"] }),
      appPolicy({
        pool: handle.pool,
        emailLimit: { maxFailures: env.AUTH_SIGN_IN_EMAIL_MAX_FAILURES, windowSeconds: env.AUTH_SIGN_IN_EMAIL_WINDOW_SECONDS },
      }),
      // Last, as better-auth asks: lets server actions and pages set the session cookie.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// Next.js may evaluate this module in several bundles; one process gets one instance per database.
const GLOBAL_KEY = Symbol.for("erp-cache.auth");
type GlobalWithAuth = typeof globalThis & { [GLOBAL_KEY]?: { handle: DbHandle; auth: Auth } };

/**
 * The process's auth instance, built on first use from the process's database
 * (getDb() is async: it may start the embedded Postgres). Keyed on the database
 * handle, so a new handle (tests: a new database per file) gets a new instance.
 */
export async function getAuth(): Promise<Auth> {
  const handle = await getDb();
  const holder = globalThis as GlobalWithAuth;
  const current = holder[GLOBAL_KEY];
  if (current?.handle === handle) return current.auth;
  const auth = createAuth(handle);
  holder[GLOBAL_KEY] = { handle, auth };
  return auth;
}

/** Forgets the process's auth instance (tests, before closing the database). */
export function closeAuth(): void {
  delete (globalThis as GlobalWithAuth)[GLOBAL_KEY];
}
