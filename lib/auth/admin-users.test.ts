import { describe, expect, it } from "vitest";
import { setupAppHarness } from "@/test/app-harness";
import { userFromHeaders } from "./session";

const h = setupAppHarness();

const asAdmin = async (path: string, body: unknown) => h.auth(path, { cookie: await h.signInAs("admin"), body });
const asViewer = async (path: string, body: unknown) => h.auth(path, { cookie: await h.signInAs("viewer"), body });

async function idOf(email: string): Promise<string> {
  const { rows } = await h.database.pool.query<{ id: string }>("select id from auth_users where email = $1", [email]);
  if (!rows[0]) throw new Error(`no user ${email}`);
  return rows[0].id;
}

const newUser = (email: string, extra: Record<string, unknown> = {}) => ({ email, name: "New Person", password: "a-long-password", role: "viewer", ...extra });

describe("admin endpoints: who may call them", () => {
  it.each([
    ["/admin/create-user", () => newUser("x@example.com")],
    ["/admin/set-role", () => ({ userId: "someone", role: "admin" })],
    ["/admin/remove-user", () => ({ userId: "someone" })],
  ])("%s: anonymous 401, viewer 403", async (path, body) => {
    expect((await h.auth(path, { body: body() })).status).toBe(401);
    const viewer = await asViewer(path, body());
    expect(viewer.status).toBe(403);
  });

  it("listing users: anonymous 401, viewer 403, admin 200", async () => {
    expect((await h.auth("/admin/list-users", { method: "GET" })).status).toBe(401);
    expect((await h.auth("/admin/list-users", { method: "GET", cookie: await h.signInAs("viewer") })).status).toBe(403);
    const admin = await h.auth("/admin/list-users", { method: "GET", cookie: await h.signInAs("admin") });
    expect(admin.status).toBe(200);
    expect((await admin.json()).users.map((user: { email: string }) => user.email)).toEqual(expect.arrayContaining(["admin@harness.test", "viewer@harness.test"]));
  });

  it("gives admins nothing beyond managing users: no impersonation, no password resets", async () => {
    const viewerId = await idOf("viewer@harness.test");
    expect((await asAdmin("/admin/impersonate-user", { userId: viewerId })).status).toBe(403);
    expect((await asAdmin("/admin/set-user-password", { userId: viewerId, newPassword: "taken-over-1" })).status).toBe(403);
  });
});

describe("admin endpoints: adding users", () => {
  it("creates a viewer who can sign in with the given password", async () => {
    const response = await asAdmin("/admin/create-user", newUser("Zita@Example.com"));
    expect(response.status).toBe(200);
    expect((await response.json()).user).toMatchObject({ email: "zita@example.com", role: "viewer" });
    const signIn = await h.auth("/sign-in/email", { body: { email: "zita@example.com", password: "a-long-password" } });
    expect(signIn.status).toBe(200);
  });

  it.each([
    [newUser("short@example.com", { password: "too-short" }), "password: must be at least 10 characters"],
    [newUser("role@example.com", { role: "superuser" }), "role: must be one of viewer, admin"],
    [newUser("roles@example.com", { role: ["viewer", "admin"] }), "role: must be one of viewer, admin"],
    [newUser("not-an-address"), "email: must be an email address"],
    [newUser("noname@example.com", { name: "  " }), "name: is required"],
  ])("refuses %o with a 400 naming the field", async (body, message) => {
    const response = await asAdmin("/admin/create-user", body);
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe(message);
  });

  it("refuses an address that is taken", async () => {
    const response = await asAdmin("/admin/create-user", newUser("viewer@harness.test"));
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/already exists/);
  });
});

describe("admin endpoints: roles and removal", () => {
  it("changes a role, effective on the user's next request", async () => {
    await asAdmin("/admin/create-user", newUser("promote@example.com"));
    const signIn = await h.auth("/sign-in/email", { body: { email: "promote@example.com", password: "a-long-password" } });
    const cookie = signIn.headers.getSetCookie()[0]!.split(";")[0]!;
    expect((await userFromHeaders(new Headers({ cookie })))?.role).toBe("viewer");

    const response = await asAdmin("/admin/set-role", { userId: await idOf("promote@example.com"), role: "admin" });
    expect(response.status).toBe(200);
    expect((await userFromHeaders(new Headers({ cookie })))?.role).toBe("admin");
  });

  it("refuses unknown roles and role lists", async () => {
    const userId = await idOf("viewer@harness.test");
    for (const role of ["owner", ["admin", "viewer"]]) {
      const response = await asAdmin("/admin/set-role", { userId, role });
      expect(response.status).toBe(400);
      expect((await response.json()).message).toBe("role: must be one of viewer, admin");
    }
  });

  it("does not let an admin change their own role or remove themselves", async () => {
    const adminId = await idOf("admin@harness.test");
    const demote = await asAdmin("/admin/set-role", { userId: adminId, role: "viewer" });
    expect(demote.status).toBe(400);
    expect((await demote.json()).message).toBe("You cannot change your own role; another admin can.");
    const remove = await asAdmin("/admin/remove-user", { userId: adminId });
    expect(remove.status).toBe(400);
    expect((await remove.json()).message).toBe("You cannot remove yourself");
    const { rows } = await h.database.pool.query("select role from auth_users where id = $1", [adminId]);
    expect(rows[0].role).toBe("admin");
  });

  it("removes a user: their sessions end and they can no longer sign in", async () => {
    await asAdmin("/admin/create-user", newUser("leaver@example.com"));
    const signIn = await h.auth("/sign-in/email", { body: { email: "leaver@example.com", password: "a-long-password" } });
    const cookie = signIn.headers.getSetCookie()[0]!.split(";")[0]!;
    expect(await userFromHeaders(new Headers({ cookie }))).not.toBeNull();

    expect((await asAdmin("/admin/remove-user", { userId: await idOf("leaver@example.com") })).status).toBe(200);
    expect(await userFromHeaders(new Headers({ cookie }))).toBeNull();
    expect((await h.auth("/sign-in/email", { body: { email: "leaver@example.com", password: "a-long-password" } })).status).toBe(401);
  });
});
