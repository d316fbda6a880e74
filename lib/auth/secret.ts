import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, type Env } from "@/lib/env";

/** Where development keeps its generated secret (git-ignored with the rest of .data/). */
export const DEV_SECRET_FILE = ".data/auth-secret";

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET, required in
 * production. Elsewhere, one generated once into `file` (mode 600) – stable
 * across restarts, so signing in survives `npm run dev` restarts.
 */
export function authSecret(env: Env, file = DEV_SECRET_FILE): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  if (env.NODE_ENV === "production") throw new EnvError(["BETTER_AUTH_SECRET: is required in production"]);
  return readOrCreateSecret(file);
}

function readOrCreateSecret(file: string): string {
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": two processes starting at once must not both write; the loser reads the winner's.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
    // A file too short to be ours (emptied by hand): replace it.
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  }
}
