import { expect, request as playwright, test, type APIRequestContext } from "@playwright/test";
import { ADMIN_STATE, E2E_ADMIN, NO_SESSION } from "./credentials";

/**
 * Every route × anonymous / viewer / admin → the status the app must answer,
 * over HTTP without following redirects. Add new pages and API routes here.
 */

type Identity = "anonymous" | "viewer" | "admin";
type Expected = Record<Identity, number>;

const SIGN_IN_REDIRECT = 307;
const PAGE: Expected = { anonymous: SIGN_IN_REDIRECT, viewer: 200, admin: 200 };
const ADMIN_PAGE: Expected = { anonymous: SIGN_IN_REDIRECT, viewer: 403, admin: 200 };
const API: Expected = { anonymous: 401, viewer: 200, admin: 200 };
const ADMIN_API: Expected = { anonymous: 401, viewer: 403, admin: 200 };

const ROUTES: [string, Expected][] = [
  ["/", PAGE],
  ["/sales", PAGE],
  ["/inventory", PAGE],
  ["/movements", PAGE],
  ["/admin/users", ADMIN_PAGE],
  ["/admin/hydration", ADMIN_PAGE],
  ["/admin/syncs", ADMIN_PAGE],
  // Signed in, the sign-in page sends you on.
  ["/sign-in", { anonymous: 200, viewer: SIGN_IN_REDIRECT, admin: SIGN_IN_REDIRECT }],
  ["/api/sales?from=2023-01-01&to=2023-01-31", API],
  ["/api/products?q=C1", API],
  ["/api/inventory", API],
  ["/api/movements?from=2023-01-01&to=2023-01-31", API],
  ["/api/freshness", API],
  ["/api/admin/coverage", ADMIN_API],
  ["/api/admin/status", ADMIN_API],
  ["/api/admin/syncs", ADMIN_API],
  ["/api/health", { anonymous: 200, viewer: 200, admin: 200 }],
  // Public to cookies (Inngest signs its calls); inline mode serves nothing there: 404 for all.
  ["/api/inngest", { anonymous: 404, viewer: 404, admin: 404 }],
  ["/api/auth/get-session", { anonymous: 200, viewer: 200, admin: 200 }],
];
const STREAMS: [string, Expected][] = [
  ["/api/freshness/stream", API],
  ["/api/admin/progress", ADMIN_API],
];
// Every route that starts or stops ERP work, with a body the admin gets a 400 for: the
// matrix proves who gets past the guard without starting a sync.
const ACTIONS = ["/api/admin/hydrations", "/api/admin/resync", "/api/admin/hydrations/not-a-uuid/cancel"];
const ACTION: Expected = { anonymous: 401, viewer: 403, admin: 400 };

const VIEWER = { email: `matrix-viewer-${Date.now()}@e2e.test`, password: "matrix-viewer-password" };
const contexts = {} as Record<Identity, APIRequestContext>;

test.beforeAll(async ({ baseURL }) => {
  // better-auth checks the Origin of cookie-carrying POSTs, as a browser would send it.
  const headers = { origin: baseURL! };
  // Explicitly empty: new contexts would otherwise start from the project's (admin) storage state.
  contexts.anonymous = await playwright.newContext({ baseURL, extraHTTPHeaders: headers, storageState: NO_SESSION });
  contexts.admin = await playwright.newContext({ baseURL, extraHTTPHeaders: headers, storageState: ADMIN_STATE });
  const created = await contexts.admin.post("/api/auth/admin/create-user", { data: { ...VIEWER, name: "Matrix Viewer", role: "viewer" } });
  expect(created.status(), await created.text()).toBe(200);
  contexts.viewer = await playwright.newContext({ baseURL, extraHTTPHeaders: headers, storageState: NO_SESSION });
  const signedIn = await contexts.viewer.post("/api/auth/sign-in/email", { data: { email: VIEWER.email, password: VIEWER.password } });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
});

test.afterAll(async () => {
  await Promise.all(Object.values(contexts).map((context) => context.dispose()));
});

for (const [path, expected] of ROUTES) {
  for (const identity of ["anonymous", "viewer", "admin"] as const) {
    test(`${identity} ${path} → ${expected[identity]}`, async () => {
      const response = await contexts[identity].get(path, { maxRedirects: 0 });
      expect(response.status()).toBe(expected[identity]);
      if (expected[identity] === SIGN_IN_REDIRECT && identity === "anonymous") {
        expect(response.headers()["location"]).toMatch(path === "/" ? /\/sign-in$/ : /\/sign-in\?next=%2F/);
      }
      if (path.startsWith("/api/") && response.status() === 401) {
        expect(await response.json()).toEqual({ error: "Sign in to use this API." });
      }
    });
  }
}

// A stream never ends: read the status from the headers, then hang up.
for (const [path, expected] of STREAMS) {
  for (const identity of ["anonymous", "viewer", "admin"] as const) {
    test(`${identity} ${path} → ${expected[identity]}`, async ({ baseURL }) => {
      const { cookies } = await contexts[identity].storageState();
      const abort = new AbortController();
      const response = await fetch(`${baseURL}${path}`, {
        headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") },
        signal: abort.signal,
      });
      expect(response.status).toBe(expected[identity]);
      if (response.status === 200) expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
      abort.abort();
    });
  }
}

for (const path of ACTIONS) {
  for (const identity of ["anonymous", "viewer", "admin"] as const) {
    test(`${identity} POST ${path} → ${ACTION[identity]}`, async () => {
      const response = await contexts[identity].post(path, { data: { entities: ["nope"], entity: "nope" }, maxRedirects: 0 });
      expect(response.status()).toBe(ACTION[identity]);
    });
  }
}

test("a forged session cookie gets through the proxy but not past the real check", async ({ baseURL }) => {
  const forged = await playwright.newContext({ baseURL, storageState: NO_SESSION, extraHTTPHeaders: { cookie: "erp-cache.session_token=forged.token" } });
  try {
    expect((await forged.get("/api/sales?from=2023-01-01&to=2023-01-31", { maxRedirects: 0 })).status()).toBe(401);
    const page = await forged.get("/admin/users", { maxRedirects: 0 });
    expect(page.status()).toBe(SIGN_IN_REDIRECT);
    expect(page.headers()["location"]).toBe("/sign-in?next=%2Fadmin%2Fusers");
  } finally {
    await forged.dispose();
  }
});

test("the e2e admin is who the admin state says", async () => {
  const session = await (await contexts.admin.get("/api/auth/get-session")).json();
  expect(session.user).toMatchObject({ email: E2E_ADMIN.email, role: "admin" });
});
