import { beforeEach, describe, expect, it } from "vitest";
import { getEnv, parseEnv, type Env } from "@/lib/env";
import { setupAppHarness } from "@/test/app-harness";
import { DEV_ADMIN_EMAIL, ensureFirstAdmin } from "./first-admin";
import { getAuth } from "./instance";

const h = setupAppHarness();

async function run(env: Partial<Env>) {
  const lines: string[] = [];
  const outcome = await ensureFirstAdmin({ auth: await getAuth(), pool: h.database.pool, env: { ...getEnv(), ...env }, log: (line) => lines.push(line) });
  return { outcome, output: lines.join("\n") };
}

async function signInStatus(email: string, password: string): Promise<number> {
  return (await h.auth("/sign-in/email", { body: { email, password } })).status;
}

async function roleOf(email: string): Promise<string | undefined> {
  const { rows } = await h.database.pool.query<{ role: string }>("select role from auth_users where email = $1", [email]);
  return rows[0]?.role;
}

beforeEach(async () => {
  await h.database.pool.query("delete from auth_users");
});

describe("first admin from ADMIN_EMAIL / ADMIN_PASSWORD", () => {
  const env = { ADMIN_EMAIL: "Boss@Example.com", ADMIN_PASSWORD: "first-admin-password" };

  it("creates the admin once; later starts leave its password alone and never log it", async () => {
    const first = await run(env);
    expect(first.outcome).toEqual({ action: "created", email: "boss@example.com", source: "ADMIN_EMAIL" });
    expect(await roleOf("boss@example.com")).toBe("admin");
    expect(await signInStatus("boss@example.com", "first-admin-password")).toBe(200);

    const again = await run({ ...env, ADMIN_PASSWORD: "a-different-password" });
    expect(again.outcome).toEqual({ action: "exists", email: "boss@example.com" });
    expect(again.output).toMatch(/exists; its password is left as it is/);
    expect(await signInStatus("boss@example.com", "first-admin-password")).toBe(200);
    expect(await signInStatus("boss@example.com", "a-different-password")).toBe(401);
    expect(`${first.output}\n${again.output}`).not.toMatch(/first-admin-password|a-different-password/);
  });

  it("makes an existing user with that address an admin, keeping their password", async () => {
    await (await getAuth()).api.createUser({ body: { email: "boss@example.com", password: "own-password-1", name: "Boss", role: "viewer" } });
    const { outcome } = await run(env);
    expect(outcome).toEqual({ action: "promoted", email: "boss@example.com" });
    expect(await roleOf("boss@example.com")).toBe("admin");
    expect(await signInStatus("boss@example.com", "own-password-1")).toBe(200);
  });

  it("validates the variables when the environment is read", () => {
    expect(() => parseEnv({ ADMIN_EMAIL: "boss", ADMIN_PASSWORD: "long-enough-1" })).toThrow(/ADMIN_EMAIL: must be an email address/);
    expect(() => parseEnv({ ADMIN_EMAIL: "boss@example.com", ADMIN_PASSWORD: "short" })).toThrow(/ADMIN_PASSWORD: must be 10 to 128 characters long/);
    expect(() => parseEnv({ ADMIN_EMAIL: "boss@example.com" })).toThrow(/ADMIN_PASSWORD: is required when/);
    let message = "";
    try {
      parseEnv({ ADMIN_EMAIL: "boss@example.com", ADMIN_PASSWORD: "short" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain("short");
  });
});

describe("first admin in development without ADMIN_EMAIL", () => {
  const development = { NODE_ENV: "development" as const, ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined };

  it("creates admin@localhost.test when there are no users and prints its password once, boxed", async () => {
    const first = await run(development);
    expect(first.outcome).toEqual({ action: "created", email: DEV_ADMIN_EMAIL, source: "development" });
    expect(first.output).toMatch(/^┌─+┐\n│ Development admin created – this password is shown only once:/);
    const password = /password: (\S+)/.exec(first.output)?.[1];
    expect(password).toMatch(/^[\w-]{20}$/);
    expect(await signInStatus(DEV_ADMIN_EMAIL, password!)).toBe(200);
    expect(await roleOf(DEV_ADMIN_EMAIL)).toBe("admin");

    const second = await run(development);
    expect(second.outcome).toEqual({ action: "none", reason: "users exist" });
    expect(second.output).toBe("");
  });

  it("creates nothing when any user exists", async () => {
    await (await getAuth()).api.createUser({ body: { email: "someone@example.com", password: "someones-password", name: "Someone", role: "viewer" } });
    expect((await run(development)).outcome).toEqual({ action: "none", reason: "users exist" });
    expect(await roleOf(DEV_ADMIN_EMAIL)).toBeUndefined();
  });

  it("never generates credentials outside development: production only says what to set", async () => {
    const { outcome, output } = await run({ ...development, NODE_ENV: "production" });
    expect(outcome).toEqual({ action: "none", reason: "no users, no ADMIN_EMAIL" });
    expect(output).toMatch(/set ADMIN_EMAIL and ADMIN_PASSWORD/);
    expect(await roleOf(DEV_ADMIN_EMAIL)).toBeUndefined();
  });

  it("creates one admin however many processes start at once", async () => {
    const runs = await Promise.all([run(development), run(development), run(development)]);
    expect(runs.filter((result) => result.outcome.action === "created")).toHaveLength(1);
    const { rows } = await h.database.pool.query("select count(*)::int as n from auth_users");
    expect(rows[0].n).toBe(1);
  });
});
