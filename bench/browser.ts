import { existsSync } from "node:fs";
import { chromium, type Browser } from "@playwright/test";

/** Headless Chromium: Debian's when installed, else Playwright's own (same choice as playwright.config.ts). */
export function launchBrowser(): Promise<Browser> {
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
  return chromium.launch({
    headless: true,
    ...(executablePath ? { executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"] } : {}),
  });
}

export interface PageLoad {
  firstContentfulPaintMs: number;
  /** JavaScript the route loads on first visit: bytes over the wire and decoded. */
  scriptTransferBytes: number;
  scriptDecodedBytes: number;
}

/**
 * Loads `url` in a fresh browser context (cold cache) and reads the paint and
 * resource timings. `cookie` (`name=value`): the session, so the page itself is measured, not /sign-in.
 */
export async function measurePageLoad(browser: Browser, url: string, cookie?: string): Promise<PageLoad> {
  const context = await browser.newContext();
  try {
    if (cookie) {
      const [name, ...value] = cookie.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url: new URL(url).origin, httpOnly: true, sameSite: "Lax" }]);
    }
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "networkidle" });
    return await page.evaluate(() => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter(
        (entry) => entry.initiatorType === "script" || (entry.initiatorType === "link" && entry.name.endsWith(".js")),
      );
      return {
        firstContentfulPaintMs: paint ? paint.startTime : NaN,
        scriptTransferBytes: scripts.reduce((sum, entry) => sum + entry.transferSize, 0),
        scriptDecodedBytes: scripts.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
      };
    });
  } finally {
    await context.close();
  }
}
