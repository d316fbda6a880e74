import { describe, expect, it } from "vitest";
import { safeNextPath, signInPath } from "./next-path";
import { isApiPath, isPublicPath } from "./public-paths";

describe("safeNextPath", () => {
  it.each([
    ["/sales?from=2024-01-01&to=2024-03-31", "/sales?from=2024-01-01&to=2024-03-31"],
    ["/", "/"],
    ["/admin/users#top", "/admin/users#top"],
  ])("keeps the path on this site %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/sales\n/x",
    "sales",
    "",
    undefined,
    ["/sales"],
  ])("sends %o home instead", (input) => {
    expect(safeNextPath(input)).toBe("/");
  });

  it("builds the sign-in URL with the way back", () => {
    expect(signInPath("/sales?sku=A&sku=B")).toBe("/sign-in?next=%2Fsales%3Fsku%3DA%26sku%3DB");
    expect(signInPath("/")).toBe("/sign-in");
  });
});

describe("public paths", () => {
  it.each(["/sign-in", "/api/auth/sign-in/email", "/api/auth/get-session", "/api/inngest", "/api/health", "/_next/static/chunks/app.js", "/favicon.ico", "/robots.txt"])(
    "%s needs no session",
    (path) => expect(isPublicPath(path)).toBe(true),
  );

  it.each(["/", "/sales", "/admin/users", "/api/sales", "/api/freshness/stream", "/api/healthz", "/api/inngestx", "/sign-in-elsewhere", "/api/authx/y"])(
    "%s needs a session",
    (path) => expect(isPublicPath(path)).toBe(false),
  );

  it("tells API paths from pages", () => {
    expect(isApiPath("/api/sales")).toBe(true);
    expect(isApiPath("/apiary")).toBe(false);
  });
});
