import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, requireProductionSettings } from "./env";

describe("parseEnv", () => {
  it("fills defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.EMBEDDED_PG_DIR).toBe(".data/postgres");
    expect(env.EMBEDDED_PG_PORT).toBe(54329);
    expect(env.DATABASE_POOL_MAX).toBe(10);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "  ", EMBEDDED_PG_PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names every malformed variable in one error", () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: "mysql://x", EMBEDDED_PG_PORT: "80", DATABASE_POOL_MAX: "ten", DB_MIGRATE_ON_START: "maybe" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(message).toMatch(/EMBEDDED_PG_PORT: must be between 1024 and 65535/);
    expect(message).toMatch(/DATABASE_POOL_MAX: must be a whole number/);
    expect(message).toMatch(/DB_MIGRATE_ON_START: must be true or false/);
  });

  it("accepts well-formed values", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/app", DB_MIGRATE_ON_START: "false", DATABASE_POOL_MAX: "25" });
    expect(env).toMatchObject({ DATABASE_URL: "postgresql://u:p@db:5432/app", DB_MIGRATE_ON_START: false, DATABASE_POOL_MAX: 25 });
  });
});

describe("parseEnv – Tharanis", () => {
  it("requires the ERP settings in production (at start, not at build), naming each missing one", () => {
    const env = parseEnv({ NODE_ENV: "production", THARANIS_API_URL: "https://login.tharanis.hu/apiv3.php" });
    expect(() => requireProductionSettings(env)).toThrow(/THARANIS_UGYFELKOD: is required in production[\s\S]*THARANIS_CEGKOD[\s\S]*THARANIS_API_KEY/);
    expect(() => requireProductionSettings(parseEnv({}))).not.toThrow();
  });

  it("validates the URL and the timeout", () => {
    expect(() => parseEnv({ THARANIS_API_URL: "login.tharanis.hu" })).toThrow(/THARANIS_API_URL: must be an http/);
    expect(() => parseEnv({ THARANIS_TIMEOUT_MS: "5" })).toThrow(/THARANIS_TIMEOUT_MS: must be between 1000 and 290000/);
    expect(parseEnv({}).THARANIS_TIMEOUT_MS).toBe(120_000);
  });
});

describe("parseEnv – sign-in", () => {
  const erp = { THARANIS_API_URL: "https://login.tharanis.hu/apiv3.php", THARANIS_UGYFELKOD: "1", THARANIS_CEGKOD: "c", THARANIS_API_KEY: "k" };

  it("requires BETTER_AUTH_SECRET of a production server, not of the ERP client (CLIs)", () => {
    const env = parseEnv({ NODE_ENV: "production", ...erp });
    expect(() => requireProductionSettings(env)).toThrow(/BETTER_AUTH_SECRET: is required in production/);
    expect(() => requireProductionSettings(env, "erp")).not.toThrow();
    expect(() => requireProductionSettings(parseEnv({ NODE_ENV: "production", ...erp, BETTER_AUTH_SECRET: "s".repeat(32) }))).not.toThrow();
  });

  it("has limits that tests can tighten, with sane defaults", () => {
    expect(parseEnv({})).toMatchObject({ AUTH_SIGN_IN_IP_MAX: 20, AUTH_SIGN_IN_IP_WINDOW_SECONDS: 60, AUTH_SIGN_IN_EMAIL_MAX_FAILURES: 5, AUTH_SIGN_IN_EMAIL_WINDOW_SECONDS: 900 });
    expect(parseEnv({ AUTH_SIGN_IN_EMAIL_MAX_FAILURES: "2" }).AUTH_SIGN_IN_EMAIL_MAX_FAILURES).toBe(2);
    expect(() => parseEnv({ AUTH_SIGN_IN_IP_MAX: "0" })).toThrow(/AUTH_SIGN_IN_IP_MAX: must be between 1/);
    expect(() => parseEnv({ BETTER_AUTH_URL: "localhost:3000" })).toThrow(/BETTER_AUTH_URL: must be an http/);
  });
});

describe("parseEnv – Inngest", () => {
  it("needs the signing key with an event key, unless a dev server is used", () => {
    expect(() => parseEnv({ INNGEST_EVENT_KEY: "evt" })).toThrow(/INNGEST_SIGNING_KEY: is required when INNGEST_EVENT_KEY is set/);
    expect(() => parseEnv({ INNGEST_EVENT_KEY: "evt", INNGEST_DEV: "1" })).not.toThrow();
    expect(() => parseEnv({ INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-prod-abc" })).not.toThrow();
  });
});
