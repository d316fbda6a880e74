import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium when installed (machines without Playwright's browser download);
// otherwise Playwright's own browser (`npx playwright install chromium`).
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
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
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: systemChromium
          ? {
              executablePath: systemChromium,
              args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
            }
          : {},
      },
    },
  ],
  webServer: {
    // The app as a new user runs it: no DATABASE_URL, so an embedded Postgres in a
    // folder of its own (and a port of its own) that no dev server shares.
    command: `npx next dev --port ${port}`,
    url: baseURL,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: "",
      EMBEDDED_PG_DIR: ".data/postgres-e2e",
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54339",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
