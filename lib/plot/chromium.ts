import { existsSync } from "node:fs";
import { ChromiumNotFoundError, FigureRenderError } from "./errors";

/** The subset of a playwright-core Page we use. */
export interface BrowserPage {
  setContent(html: string, options?: { waitUntil?: "load" }): Promise<void>;
  goto(url: string, options?: { waitUntil?: "load" }): Promise<unknown>;
  waitForFunction(expression: string, arg?: unknown, options?: { timeout?: number }): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  screenshot(options?: { path?: string; fullPage?: boolean }): Promise<Buffer>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
}

/** Chromium's executable: NOL_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  const candidates = [
    process.env.NOL_CHROMIUM,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new ChromiumNotFoundError(candidates.filter((c): c is string => c !== undefined));
}

/**
 * Runs `fn` with a page of a fresh headless Chromium (driven by playwright-core, which never
 * downloads a browser), closing it afterwards. The flags keep Chromium off the network, which
 * this offline machine refuses anyway (see environment.md).
 */
export async function withChromium<T>(fn: (page: BrowserPage) => Promise<T>, what: string): Promise<T> {
  const executablePath = chromiumPath();
  // Loaded lazily: solver-only users never pay for it.
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = (await browser.newPage()) as unknown as BrowserPage;
    return await fn(page);
  } catch (e) {
    throw new FigureRenderError(what, e);
  } finally {
    await browser.close();
  }
}
