import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, extname } from "node:path";
import type { Figure } from "./figure";
import { standaloneHtml } from "./html";
import { withChromium } from "./chromium";

export interface SaveOptions {
  width?: number;
  height?: number;
  /** Pixel ratio of PNG output. */
  scale?: number;
}

/**
 * Saves a figure by extension: `.html` (self-contained, plotly inlined), `.png` or `.svg`
 * (rendered by plotly.js in headless Chromium; see chromium.ts for how it is found).
 * Creates missing folders. Resolves to the path written.
 */
export async function saveFigure(fig: Figure, path: string, options: SaveOptions = {}): Promise<string> {
  const ext = extname(path).toLowerCase();
  const width = options.width ?? ((fig.layout.width as number | undefined) || 900);
  const height = options.height ?? ((fig.layout.height as number | undefined) || 500);
  if (ext !== ".html" && ext !== ".png" && ext !== ".svg") {
    throw new RangeError(`saveFigure: path "${path}" must end in .html, .png or .svg`);
  }
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  if (ext === ".html") {
    writeFileSync(path, standaloneHtml(fig, width, height));
    return path;
  }
  const format = ext.slice(1);
  const dataUrl = await withChromium(async (page) => {
    await page.setContent(standaloneHtml(fig, width, height), { waitUntil: "load" });
    await page.waitForFunction("window.Plotly && document.querySelector('#figure .main-svg')");
    return (await page.evaluate(
      `window.Plotly.toImage(document.getElementById("figure"), { format: "${format}", width: ${width}, height: ${height}, scale: ${options.scale ?? 1} })`,
    )) as string;
  }, `saving ${path}`);
  if (format === "png") {
    writeFileSync(path, Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64"));
  } else {
    const body = dataUrl.slice(dataUrl.indexOf(",") + 1);
    writeFileSync(
      path,
      dataUrl.includes(";base64,") ? Buffer.from(body, "base64").toString("utf8") : decodeURIComponent(body),
    );
  }
  return path;
}
