import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { REQUEST_PATH_HEADER } from "./next-path";

const request = (path: string, cookie?: string) => new NextRequest(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} });

describe("proxy (the optimistic cookie check)", () => {
  it("sends a visitor without a session cookie to /sign-in, coming back to the page and its query", () => {
    const response = proxy(request("/sales?from=2024-01-01&_rsc=abc"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost:3000/sign-in?next=%2Fsales%3Ffrom%3D2024-01-01");
  });

  it("answers API calls without a session cookie with 401 JSON", async () => {
    const response = proxy(request("/api/freshness/stream"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Sign in to use this API." });
  });

  it.each(["/sign-in", "/api/auth/sign-in/email", "/api/inngest", "/api/health"])("lets %s through without a cookie", (path) => {
    const response = proxy(request(path));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it.each(["erp-cache.session_token=abc", "__Secure-erp-cache.session_token=abc"])("lets a request with %s through, telling the page its path", (cookie) => {
    const response = proxy(request("/movements?sku=X", cookie));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get(`x-middleware-request-${REQUEST_PATH_HEADER}`)).toBe("/movements?sku=X");
  });
});
