import { describe, expect, it } from "vitest";
import { z } from "zod";
import { accessedBy, withAccess } from "@/lib/auth/api-access";
import { getAuth } from "@/lib/auth/instance";
import { setupAppHarness } from "@/test/app-harness";
import { jsonRoute } from "./api";

const h = setupAppHarness();

const echo = z.object({ n: z.coerce.number().int().max(10) });
const viewerRoute = jsonRoute(echo, async ({ n }, request) => ({ n, by: accessedBy(request).email }));
const adminRoute = jsonRoute(echo, async ({ n }) => ({ n }), { role: "admin" });
const stream = withAccess(async (_request: Request, context: { params: Promise<{ id: string }> }) => new Response(`id ${(await context.params).id}`), "viewer");
const adminAction = withAccess(async (request: Request) => Response.json({ by: accessedBy(request).role }), "admin");

describe("jsonRoute access", () => {
  it("answers anonymous callers 401 JSON before looking at the parameters", async () => {
    const { status, body } = await h.call(viewerRoute, "/api/x?n=oops", { as: "anonymous" });
    expect(status).toBe(401);
    expect(body).toEqual({ error: "Sign in to use this API." });
  });

  it("serves any signed-in user by default, and tells the handler who is calling", async () => {
    expect(await h.call(viewerRoute, "/api/x?n=3", { as: "viewer" })).toEqual({ status: 200, body: { n: 3, by: "viewer@harness.test" } });
    expect((await h.call(viewerRoute, "/api/x?n=3", { as: "admin" })).status).toBe(200);
    expect((await h.call(viewerRoute, "/api/x?n=11")).status).toBe(400);
  });

  it("with role admin: viewer 403 JSON, admin 200", async () => {
    expect(await h.call(adminRoute, "/api/x?n=1", { as: "viewer" })).toEqual({ status: 403, body: { error: "This needs the admin role." } });
    expect(await h.call(adminRoute, "/api/x?n=1", { as: "admin" })).toEqual({ status: 200, body: { n: 1 } });
    expect((await h.call(adminRoute, "/api/x?n=1", { as: "anonymous" })).status).toBe(401);
  });

  it("treats a forged or stale cookie as anonymous", async () => {
    const forged = await h.call(viewerRoute, "/api/x?n=1", { as: "anonymous", headers: { cookie: "erp-cache.session_token=forged.value" } });
    expect(forged.status).toBe(401);
  });
});

describe("withAccess", () => {
  it("guards any handler and passes Next's context through", async () => {
    const context = { params: Promise.resolve({ id: "42" }) };
    expect((await stream(await h.request("/api/s/42", "anonymous"), context)).status).toBe(401);
    const allowed = await stream(await h.request("/api/s/42", "viewer"), context);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toBe("id 42");
  });

  it("with role admin: viewer 403, admin 200", async () => {
    const forbidden = await adminAction(await h.request("/api/a", "viewer", { method: "POST" }));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: "This needs the admin role." });
    const allowed = await adminAction(await h.request("/api/a", "admin", { method: "POST" }));
    expect(await allowed.json()).toEqual({ by: "admin" });
  });

  it("follows role changes and removals on the next request (sessions are looked up every time)", async () => {
    const auth = await getAuth();
    await auth.api.createUser({ body: { email: "later@example.com", password: "later-password-1", name: "Later", role: "viewer" } });
    const signIn = await h.auth("/sign-in/email", { body: { email: "later@example.com", password: "later-password-1" } });
    const cookie = signIn.headers.getSetCookie()[0]!.split(";")[0]!;
    const asLater = () => h.call(adminRoute, "/api/x?n=1", { as: "anonymous", headers: { cookie } });
    expect((await asLater()).status).toBe(403);

    const admin = await h.signInAs("admin");
    const { user } = await (await h.auth("/admin/set-role", { cookie: admin, body: { userId: await idOf("later@example.com"), role: "admin" } })).json();
    expect(user.role).toBe("admin");
    expect((await asLater()).status).toBe(200);

    expect((await h.auth("/admin/remove-user", { cookie: admin, body: { userId: user.id } })).status).toBe(200);
    expect((await asLater()).status).toBe(401);
  });
});

async function idOf(email: string): Promise<string> {
  const { rows } = await h.database.pool.query<{ id: string }>("select id from auth_users where email = $1", [email]);
  return rows[0]!.id;
}
