import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Env } from "@/lib/env";
import type { Auth } from "./instance";

/** The development admin created when the database has no users and ADMIN_EMAIL is unset. */
export const DEV_ADMIN_EMAIL = "admin@localhost.test";

// Any fixed 64-bit number (distinct from the migration lock's): serialises start-ups.
const FIRST_ADMIN_LOCK_KEY = 7_354_202_407;

export type FirstAdminOutcome =
  | { action: "created"; email: string; source: "ADMIN_EMAIL" | "development" }
  | { action: "promoted"; email: string }
  | { action: "exists"; email: string }
  | { action: "none"; reason: string };

interface Options {
  auth: Auth;
  pool: pg.Pool;
  env: Env;
  /** Where messages go (console.log by default); the password reaches it only in the one-time development box. */
  log?: (message: string) => void;
}

/**
 * Makes sure someone can sign in, once per server start (and from CLIs):
 * - ADMIN_EMAIL / ADMIN_PASSWORD set: that user is created as admin if no user
 *   has the address; an existing one is made admin if it is not – its password
 *   is never overwritten (change it on /admin/users or delete the user).
 * - development without them, and no users at all: `admin@localhost.test`
 *   with a generated password, printed once in a box – at creation, never again.
 * Several processes starting at once take turns on an advisory lock.
 */
export async function ensureFirstAdmin({ auth, pool, env, log = console.log }: Options): Promise<FirstAdminOutcome> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [FIRST_ADMIN_LOCK_KEY]);
    return await ensureLocked(client, { auth, env, log });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [FIRST_ADMIN_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

async function ensureLocked(client: pg.PoolClient, { auth, env, log }: Required<Omit<Options, "pool">>): Promise<FirstAdminOutcome> {
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const email = env.ADMIN_EMAIL.toLowerCase();
    const { rows } = await client.query<{ role: string }>("select role from auth_users where email = $1", [email]);
    if (rows[0]?.role === "admin") {
      log(`[auth] admin ${email} (ADMIN_EMAIL) exists; its password is left as it is`);
      return { action: "exists", email };
    }
    if (rows[0]) {
      await client.query("update auth_users set role = 'admin', updated_at = now() where email = $1", [email]);
      log(`[auth] ${email} (ADMIN_EMAIL) exists and is now an admin; its password is left as it is`);
      return { action: "promoted", email };
    }
    await createAdmin(auth, email, env.ADMIN_PASSWORD);
    log(`[auth] admin ${email} created from ADMIN_EMAIL / ADMIN_PASSWORD`);
    return { action: "created", email, source: "ADMIN_EMAIL" };
  }

  const { rows } = await client.query<{ users: number }>("select count(*)::int as users from auth_users");
  if (rows[0]!.users > 0) return { action: "none", reason: "users exist" };
  if (env.NODE_ENV !== "development") {
    log("[auth] no users yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create the first admin");
    return { action: "none", reason: "no users, no ADMIN_EMAIL" };
  }
  const password = randomBytes(15).toString("base64url");
  await createAdmin(auth, DEV_ADMIN_EMAIL, password);
  log(credentialsBox(DEV_ADMIN_EMAIL, password));
  return { action: "created", email: DEV_ADMIN_EMAIL, source: "development" };
}

async function createAdmin(auth: Auth, email: string, password: string): Promise<void> {
  // A server call (no request, no session): better-auth hashes the password; no sign-up endpoint is involved.
  await auth.api.createUser({ body: { email, password, name: "Administrator", role: "admin" } });
}

/** The one-time development credentials, framed so they stand out in the dev server's output. */
export function credentialsBox(email: string, password: string): string {
  const lines = [
    "Development admin created – this password is shown only once:",
    "",
    `  email:    ${email}`,
    `  password: ${password}`,
    "",
    "Sign in at /sign-in; add users on /admin/users.",
    "Lost it? Delete this user from auth_users and restart for a new one.",
  ];
  const width = Math.max(...lines.map((line) => line.length));
  return [`┌${"─".repeat(width + 2)}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${"─".repeat(width + 2)}┘`].join("\n");
}
