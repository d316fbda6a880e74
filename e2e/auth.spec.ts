import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, NO_SESSION } from "./credentials";

/**
 * Signing in and out, and roles, through the browser: an anonymous visitor
 * lands on /sign-in and comes back to the page asked for; a viewer (created on
 * /admin/users) gets the 403 page there; sign-out ends the session.
 */

test.describe.configure({ mode: "serial" });

const VIEWER = { email: `viewer-${Date.now()}@e2e.test`, password: "e2e-viewer-password" };

/** Fills and submits the form; resolves with the status of the sign-in request it made. */
async function signIn(page: Page, email: string, password: string): Promise<number> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.url().endsWith("/api/auth/sign-in/email")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  return response.status();
}

test.describe("anonymous", () => {
  test.use({ storageState: NO_SESSION });

  test("every page sends an anonymous visitor to /sign-in, which comes back after signing in", async ({ page }) => {
    for (const path of ["/", "/inventory", "/admin/users"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in(\?next=|$)/);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    }
    await page.goto("/movements?granularity=week");
    await expect(page).toHaveURL("/sign-in?next=%2Fmovements%3Fgranularity%3Dweek");
    // No navigation and no live-update stream for a visitor.
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

    // The same words for a wrong password and an unknown address.
    const error = page.locator("form").getByRole("alert");
    expect(await signIn(page, E2E_ADMIN.email, "not-the-password")).toBe(401);
    await expect(error).toHaveText("Invalid email or password.");
    expect(await signIn(page, "nobody@e2e.test", "not-the-password")).toBe(401);
    await expect(error).toHaveText("Invalid email or password.");

    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page).toHaveURL("/movements?granularity=week");
    await expect(page.getByTestId("user-email")).toHaveText(E2E_ADMIN.email);
    await expect(page.getByTestId("user-role")).toHaveText("admin");
  });

  test("a next parameter pointing elsewhere is ignored", async ({ page }) => {
    await page.goto("/sign-in?next=//evil.example/steal");
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page).toHaveURL("/");
  });
});

test.describe("admin and viewer", () => {
  test("an admin adds a viewer on /admin/users", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();

    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Email").fill(VIEWER.email);
    await form.getByLabel("Name").fill("E2E Viewer");
    await form.getByLabel("Password (at least 10 characters)").fill(VIEWER.password);
    await form.getByLabel("Role").selectOption("viewer");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByTestId("users-status")).toHaveText(`Added ${VIEWER.email}.`);
    const row = page.locator(`tr[data-email="${VIEWER.email}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByRole("combobox")).toHaveValue("viewer");
    // Your own row: no role change, no removal.
    const own = page.locator(`tr[data-email="${E2E_ADMIN.email}"]`);
    await expect(own.getByRole("combobox")).toBeDisabled();
    await expect(own.getByRole("button", { name: /Remove/ })).toHaveCount(0);
    await page.screenshot({ path: "e2e/artifacts/admin-users.png", fullPage: true });
  });

  test("the viewer sees the dashboards, gets the 403 page on /admin/users, and signs out", async ({ browser }) => {
    const context = await browser.newContext({ storageState: NO_SESSION });
    const page = await context.newPage();
    await page.goto("/sign-in?next=/inventory");
    await signIn(page, VIEWER.email, VIEWER.password);
    await expect(page).toHaveURL("/inventory");
    await expect(page.getByTestId("user-role")).toHaveText("viewer");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);

    const forbidden = await page.goto("/admin/users");
    expect(forbidden?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Admins only" })).toBeVisible();
    await expect(page.getByText("This page needs the admin role")).toBeVisible();
    await page.screenshot({ path: "e2e/artifacts/forbidden.png" });
    await page.getByRole("link", { name: "Back to the overview" }).click();
    await expect(page).toHaveURL("/");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/sign-in");
    await page.goto("/inventory");
    await expect(page).toHaveURL("/sign-in?next=%2Finventory");
    await context.close();
  });

  test("the admin makes the viewer an admin, then removes them after confirming", async ({ page }) => {
    await page.goto("/admin/users");
    const row = page.locator(`tr[data-email="${VIEWER.email}"]`);
    await row.getByRole("combobox").selectOption("admin");
    await expect(page.getByTestId("users-status")).toHaveText(`${VIEWER.email} is now an admin.`);
    await expect(row.getByRole("combobox")).toHaveValue("admin");

    await row.getByRole("button", { name: `Remove ${VIEWER.email}` }).click();
    await row.getByRole("button", { name: "Cancel" }).click();
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: `Remove ${VIEWER.email}` }).click();
    await row.getByRole("button", { name: "Yes, remove" }).click();
    await expect(page.getByTestId("users-status")).toHaveText(`Removed ${VIEWER.email}.`);
    await expect(row).toHaveCount(0);
  });
});
