import { z } from "zod";

/**
 * The one place that reads process.env. Every variable is validated here, so a
 * typo or a missing value fails at start-up with its name, not deep in a request.
 * Empty strings count as unset (a blank line in .env must not become "").
 */

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const postgresUrl = optionalString.refine(
  (value) => value === undefined || /^postgres(ql)?:\/\/.+/.test(value),
  { message: "must be a postgres:// or postgresql:// connection URL" },
);

const httpUrl = optionalString.refine(
  (value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value),
  { message: "must be an http:// or https:// URL" },
);

function integer(defaultValue: number, min: number, max: number) {
  return optionalString
    .refine((value) => value === undefined || /^\d+$/.test(value), { message: "must be a whole number" })
    .transform((value) => (value === undefined ? defaultValue : Number(value)))
    .refine((value) => value >= min && value <= max, { message: `must be between ${min} and ${max}` });
}

// The check better-auth applies to every address (zod's email format), so a valid ADMIN_EMAIL can sign in.
const emailAddress = optionalString.refine((value) => value === undefined || z.email().safeParse(value).success, {
  message: "must be an email address (name@example.com)",
});

function boolean(defaultValue: boolean | undefined) {
  return optionalString
    .refine((value) => value === undefined || /^(1|0|true|false|yes|no)$/i.test(value), {
      message: "must be true or false",
    })
    .transform((value) => (value === undefined ? defaultValue : /^(1|true|yes)$/i.test(value)));
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),

    // Database
    DATABASE_URL: postgresUrl,
    DATABASE_POOL_MAX: integer(10, 1, 200),
    EMBEDDED_PG_DIR: optionalString.transform((value) => value ?? ".data/postgres"),
    EMBEDDED_PG_PORT: integer(54329, 1024, 65535),
    DB_MIGRATE_ON_START: boolean(undefined),

    // Tharanis ERP. In development, unset values point at the simulator (`npm run erp:sim`).
    THARANIS_API_URL: httpUrl,
    THARANIS_UGYFELKOD: optionalString,
    THARANIS_CEGKOD: optionalString,
    THARANIS_API_KEY: optionalString,
    // Capped below undici's own 300 s header/body timeouts, so ours is the one that fires.
    THARANIS_TIMEOUT_MS: integer(120_000, 1_000, 290_000),
    // A page of 200 documents is well under 2 MB; anything near this limit is an attack or a fault.
    THARANIS_MAX_RESPONSE_MB: integer(20, 1, 2_048),
    ERP_SIM_PORT: integer(8089, 1, 65535),

    // Sync engine
    ERP_MAX_CONCURRENCY: integer(4, 1, 64),
    // Inline mode: run the refresh cron inside the app process (every 5 min, Budapest time).
    SYNC_CRON: boolean(true),
    SYNC_PAGE_RETRIES: integer(2, 0, 10),
    ERP_BREAKER_THRESHOLD: integer(3, 1, 100),
    ERP_BREAKER_BACKOFF_SECONDS: integer(30, 1, 3_600),
    ERP_BREAKER_MAX_BACKOFF_SECONDS: integer(900, 1, 86_400),
    // `npm run hydrate`: pauses (ms) before each retry round of failed partitions.
    HYDRATE_RETRY_PAUSES_MS: optionalString
      .refine((value) => value === undefined || /^\d+(,\d+)*$/.test(value), { message: "must be a comma-separated list of milliseconds" })
      .transform((value) => (value ?? "5000,30000").split(",").map(Number)),

    // Inngest: INNGEST_EVENT_KEY or INNGEST_DEV selects Inngest mode; neither → inline mode
    // (in-process queue and cron). The signing key lets /api/inngest verify Inngest's calls.
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_SIGNING_KEY: optionalString,
    INNGEST_DEV: optionalString,

    // Sign-in (better-auth). The secret signs session cookies: required in production; in
    // development one is generated into .data/auth-secret. The URL is the app's public origin.
    BETTER_AUTH_SECRET: optionalString.refine((value) => value === undefined || value.length >= 32, {
      message: "must be at least 32 characters (openssl rand -base64 32)",
    }),
    BETTER_AUTH_URL: httpUrl,
    // The first admin, created at start-up when no user has this address. The password is
    // never logged, and never overwrites the password of an existing user.
    ADMIN_EMAIL: emailAddress,
    ADMIN_PASSWORD: optionalString.refine((value) => value === undefined || (value.length >= 10 && value.length <= 128), {
      message: "must be 10 to 128 characters long",
    }),
    // Sign-in limits: attempts per client IP (better-auth's limiter, stored in Postgres so every
    // app instance counts together) and failed attempts per email address.
    AUTH_SIGN_IN_IP_MAX: integer(20, 1, 100_000),
    AUTH_SIGN_IN_IP_WINDOW_SECONDS: integer(60, 1, 86_400),
    AUTH_SIGN_IN_EMAIL_MAX_FAILURES: integer(5, 1, 100_000),
    AUTH_SIGN_IN_EMAIL_WINDOW_SECONDS: integer(900, 1, 86_400),
  })
  .superRefine((env, context) => {
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      const missing = env.ADMIN_EMAIL ? "ADMIN_PASSWORD" : "ADMIN_EMAIL";
      context.addIssue({ code: "custom", path: [missing], message: "is required when the other of ADMIN_EMAIL / ADMIN_PASSWORD is set" });
    }
    // Without it the served /api/inngest cannot verify that calls come from Inngest Cloud.
    if (env.INNGEST_EVENT_KEY && !env.INNGEST_SIGNING_KEY && !env.INNGEST_DEV) {
      context.addIssue({ code: "custom", path: ["INNGEST_SIGNING_KEY"], message: "is required when INNGEST_EVENT_KEY is set (or set INNGEST_DEV=1)" });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Inngest mode when an event key or the dev server is configured; otherwise everything runs in-process. */
export function jobsMode(env: Env = getEnv()): "inngest" | "inline" {
  const dev = env.INNGEST_DEV;
  return env.INNGEST_EVENT_KEY || (dev && dev !== "0" && dev.toLowerCase() !== "false") ? "inngest" : "inline";
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    return `${name}: ${issue.message}`;
  });
  throw new EnvError(problems);
}

let cached: Env | undefined;

const ERP_SETTINGS = ["THARANIS_API_URL", "THARANIS_UGYFELKOD", "THARANIS_CEGKOD", "THARANIS_API_KEY"] as const;
const PRODUCTION_REQUIRED = {
  /** What the ERP client needs (the CLIs too). */
  erp: ERP_SETTINGS,
  /** What a web server needs: the ERP, and the secret that signs session cookies. */
  server: [...ERP_SETTINGS, "BETTER_AUTH_SECRET"],
} as const;

/**
 * In production these settings have no development defaults. Checked when a
 * server starts (`server`) and when the ERP client is built (`erp`) – not by
 * every getEnv(), so that `next build` needs no secrets.
 */
export function requireProductionSettings(env: Env = getEnv(), scope: keyof typeof PRODUCTION_REQUIRED = "server"): void {
  if (env.NODE_ENV !== "production") return;
  const missing = PRODUCTION_REQUIRED[scope].filter((name) => !env[name]);
  if (missing.length) throw new EnvError(missing.map((name) => `${name}: is required in production`));
}

/** Forgets the parsed environment so the next getEnv() reads process.env again (tests). */
export function resetEnvCache(): void {
  cached = undefined;
}

/** The validated environment of this process (parsed once). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
