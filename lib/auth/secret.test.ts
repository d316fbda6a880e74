import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { authSecret } from "./secret";

const tempFile = () => path.join(mkdtempSync(path.join(tmpdir(), "auth-secret-")), "nested", "auth-secret");

describe("authSecret", () => {
  it("uses BETTER_AUTH_SECRET when set", () => {
    const secret = "x".repeat(40);
    expect(authSecret(parseEnv({ BETTER_AUTH_SECRET: secret }), tempFile())).toBe(secret);
  });

  it("in development generates one into the file (mode 600) and reuses it after a restart", () => {
    const file = tempFile();
    const env = parseEnv({ NODE_ENV: "development" });
    const first = authSecret(env, file);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(authSecret(env, file)).toBe(first);
  });

  it("replaces a file too short to be a secret", () => {
    const file = tempFile();
    authSecret(parseEnv({}), file);
    writeFileSync(file, "short\n");
    const replaced = authSecret(parseEnv({}), file);
    expect(replaced.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(replaced);
  });

  it("refuses to run production without BETTER_AUTH_SECRET", () => {
    expect(() => authSecret(parseEnv({ NODE_ENV: "production" }), tempFile())).toThrow(EnvError);
  });

  it("rejects a short BETTER_AUTH_SECRET when the environment is read", () => {
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "too-short" })).toThrow(/BETTER_AUTH_SECRET: must be at least 32 characters/);
  });
});
