import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STATE, E2E_ADMIN } from "./e2e/credentials";

// Debian's Chromium when installed (machines without Playwright's browser download);
// otherwise Playwright's own browser (`npx playwright install chromium`).
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
const port = Number(process.env.E2E_PORT ?? 3100);
const simulatorPort = Number(process.env.E2E_SIM_PORT ?? 8190);
const baseURL = `http://localhost:${port}`;
// E2E_SERVER=start tests the production build (`npm run build` first); default: next dev.
const server = process.env.E2E_SERVER === "start" ? "start" : "dev";
// Separate folders and ports let several e2e runs share one checkout (E2E_* variables).
const dataDir = process.env.E2E_PG_DIR ?? ".data/postgres-e2e";
// Specs that fill the cache (hydrating, calling every API): they run after the dashboards.
const LATE_SPECS = /(auth|auth-matrix|hydration)\.spec\.ts/;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Signs in as the admin the app creates from ADMIN_EMAIL / ADMIN_PASSWORD (below) and saves the cookie.
    { name: "setup", testMatch: /auth\.setup\.ts/, use: chromium() },
    {
      // The dashboards, signed in as the admin; they expect the empty cache the app starts with.
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: LATE_SPECS,
      use: { ...chromium(), storageState: ADMIN_STATE },
    },
    {
      // Sign-in, the auth matrix and the hydration console fill the cache: so they run last.
      name: "admin",
      dependencies: ["chromium"],
      testMatch: LATE_SPECS,
      use: { ...chromium(), storageState: ADMIN_STATE },
    },
  ],
  webServer: [
    {
      // The ERP: the simulator, a little faster than the real thing so tests stay quick.
      command: "npx tsx erp-sim/main.ts",
      url: `http://127.0.0.1:${simulatorPort}/__sim/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { ERP_SIM_PORT: String(simulatorPort), ERP_SIM_LATENCY_MS: process.env.E2E_SIM_LATENCY_MS ?? "150" },
    },
    {
      // The app as a new user runs it (no DATABASE_URL → embedded Postgres), inline mode,
      // starting from an empty cache every run, in a data folder no dev server shares.
      command: `rm -rf ${dataDir} ${dataDir}.password && npx next ${server} --port ${port}`,
      url: `${baseURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        DATABASE_URL: "",
        EMBEDDED_PG_DIR: dataDir,
        EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54339",
        THARANIS_API_URL: `http://127.0.0.1:${simulatorPort}/apiv3.php`,
        THARANIS_UGYFELKOD: "1000",
        THARANIS_CEGKOD: "demo",
        THARANIS_API_KEY: "sim-key",
        SYNC_CRON: "false",
        INNGEST_DEV: "",
        INNGEST_EVENT_KEY: "",
        NEXT_TELEMETRY_DISABLED: "1",
        // Sign-in: the first admin, a fixed secret (E2E_SERVER=start runs in production mode,
        // which requires one) and the app's own origin, so cookies and origin checks fit.
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        BETTER_AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
        BETTER_AUTH_URL: baseURL,
      },
    },
  ],
});

/** Desktop Chrome: Debian's Chromium when installed, else Playwright's. */
function chromium() {
  return {
    ...devices["Desktop Chrome"],
    launchOptions: systemChromium
      ? {
          executablePath: systemChromium,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        }
      : {},
  };
}
