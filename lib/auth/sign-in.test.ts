import { describe, expect, it } from "vitest";
import { GET as sales } from "@/app/api/sales/route";
import { getDb } from "@/lib/db";
import { sessionCookieOf, setupAppHarness, TEST_PASSWORD } from "@/test/app-harness";
import { hasSessionCookie } from "./cookie";
import { createAuth, getAuth } from "./instance";
import { userFromHeaders } from "./session";

// Tight limits, so a handful of attempts trips them.
const h = setupAppHarness({
  env: { AUTH_SIGN_IN_EMAIL_MAX_FAILURES: "3", AUTH_SIGN_IN_EMAIL_WINDOW_SECONDS: "900", AUTH_SIGN_IN_IP_MAX: "4", AUTH_SIGN_IN_IP_WINDOW_SECONDS: "60" },
});

let ipCounter = 0;
/** A client address used by one test only (the per-IP limit is not what most tests are about). */
const ip = () => `203.0.113.${++ipCounter}`;

async function createUser(email: string, role: "viewer" | "admin" = "viewer") {
  await (await getAuth()).api.createUser({ body: { email, password: TEST_PASSWORD, name: email, role } });
}

function signIn(email: string, password: string, from = ip()) {
  return h.auth("/sign-in/email", { body: { email, password }, ip: from });
}

describe("sign-in", () => {
  it("sets an HTTP-only session cookie that identifies the user, with its role", async () => {
    await createUser("anna@example.com");
    const response = await signIn("anna@example.com", TEST_PASSWORD);
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/erp-cache\.session_token=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = sessionCookieOf(response);
    expect(hasSessionCookie(new Map([[cookie.split("=")[0]!, true]]))).toBe(true);
    expect(await userFromHeaders(new Headers({ cookie }))).toMatchObject({ email: "anna@example.com", name: "anna@example.com", role: "viewer" });
  });

  it("answers an unknown address and a wrong password with the same status and words", async () => {
    await createUser("bela@example.com");
    const unknown = await signIn("nobody@example.com", "whatever-password");
    const wrong = await signIn("bela@example.com", "wrong-password-1");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const [unknownBody, wrongBody] = [await unknown.json(), await wrong.json()];
    expect(unknownBody).toEqual(wrongBody);
    expect(unknownBody.message).toBe("Invalid email or password");
    expect(unknown.headers.getSetCookie()).toEqual([]);
  });

  it("does not let anyone sign up: only admins create users", async () => {
    const response = await h.auth("/sign-up/email", { body: { email: "self@example.com", password: TEST_PASSWORD, name: "Self" } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect((await signIn("self@example.com", TEST_PASSWORD)).status).toBe(401);
  });
});

describe("sign-in limits", () => {
  it("refuses a fourth failed attempt for one address within the window (429), even from other IPs and with the right password", async () => {
    await createUser("carla@example.com");
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await signIn("carla@example.com", "wrong-password-1")).status).toBe(401);
    const blocked = await signIn("carla@example.com", TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    const { message } = await blocked.json();
    expect(message).toBe("Too many failed sign-in attempts for this address. Try again in 15 minutes.");
    // Other addresses are unaffected.
    await createUser("dora@example.com");
    expect((await signIn("dora@example.com", TEST_PASSWORD)).status).toBe(200);
  });

  it("locks an unknown address exactly like a real one, so the lock reveals nothing", async () => {
    const real = "edit@example.com";
    await createUser(real);
    const answers: Record<string, unknown>[] = [];
    for (const email of [real, "ghost@example.com"]) {
      for (let attempt = 0; attempt < 3; attempt += 1) await signIn(email, "wrong-password-1");
      const blocked = await signIn(email, "wrong-password-1");
      expect(blocked.status).toBe(429);
      answers.push(await blocked.json());
    }
    expect(answers[0]).toEqual(answers[1]);
  });

  it("counts only failures: a successful sign-in starts the address from zero", async () => {
    await createUser("feri@example.com");
    for (let attempt = 0; attempt < 2; attempt += 1) await signIn("feri@example.com", "wrong-password-1");
    expect((await signIn("feri@example.com", TEST_PASSWORD)).status).toBe(200);
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await signIn("feri@example.com", "wrong-password-1")).status).toBe(401);
    expect((await signIn("feri@example.com", "wrong-password-1")).status).toBe(429);
  });

  it("lets a burst of concurrent guesses through only up to the limit", async () => {
    const statuses = await Promise.all(Array.from({ length: 8 }, () => signIn("burst@example.com", "wrong-password-1")));
    expect(statuses.filter((response) => response.status === 401)).toHaveLength(3);
    expect(statuses.filter((response) => response.status === 429)).toHaveLength(5);
  });

  it("refuses a fifth attempt from one IP within the window (429), whatever the addresses", async () => {
    const address = ip();
    for (let attempt = 0; attempt < 4; attempt += 1) expect((await signIn(`ip-${attempt}@example.com`, "wrong-password-1", address)).status).toBe(401);
    const blocked = await signIn("ip-last@example.com", "wrong-password-1", address);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("x-retry-after"))).toBeGreaterThan(0);
    expect((await signIn("ip-other@example.com", "wrong-password-1")).status).toBe(401);
  });

  it("keeps the per-IP count in Postgres, so every app instance sees it", async () => {
    const address = ip();
    for (let attempt = 0; attempt < 4; attempt += 1) await signIn(`shared-${attempt}@example.com`, "wrong-password-1", address);
    const otherInstance = createAuth(await getDb());
    const request = new Request("http://localhost/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", "x-forwarded-for": address },
      body: JSON.stringify({ email: "shared-x@example.com", password: "wrong-password-1" }),
    });
    expect((await otherInstance.handler(request)).status).toBe(429);
  });
});

describe("sign-out", () => {
  it("deletes the session: the old cookie no longer signs anyone in", async () => {
    await createUser("gabor@example.com");
    const cookie = sessionCookieOf(await signIn("gabor@example.com", TEST_PASSWORD));
    expect((await h.call(sales, "/api/sales?from=2024-01-01&to=2024-01-31", { headers: { cookie }, as: "anonymous" })).status).toBe(200);
    await h.settle();

    const signOut = await h.auth("/sign-out", { cookie, body: {} });
    expect(signOut.status).toBe(200);
    expect(signOut.headers.getSetCookie().join("\n")).toMatch(/erp-cache\.session_token=;.*Max-Age=0/i);
    expect(await userFromHeaders(new Headers({ cookie }))).toBeNull();
    const after = await h.call(sales, "/api/sales?from=2024-01-01&to=2024-01-31", { headers: { cookie }, as: "anonymous" });
    expect(after.status).toBe(401);
  });
});
