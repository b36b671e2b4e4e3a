import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { lineFigure, saveFigure, withChromium } from "../../lib/index";

// Needs Debian's chromium (installed by scripts/setup.sh).
const dir = mkdtempSync(join(tmpdir(), "nol-render-"));
const fig = lineFigure({
  x: Array.from({ length: 50 }, (_, i) => i / 10),
  series: [
    { name: "sin", y: Array.from({ length: 50 }, (_, i) => Math.sin(i / 10)) },
    { name: "cos", y: Array.from({ length: 50 }, (_, i) => Math.cos(i / 10)) },
  ],
  title: "render check",
});

test("an exported HTML figure really renders in headless Chromium (DOM and pixels)", { timeout: 120000 }, async () => {
  const path = await saveFigure(fig, join(dir, "fig.html"));
  const result = await withChromium(async (page) => {
    await page.setViewportSize({ width: 1000, height: 600 });
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    await page.waitForFunction(
      "document.querySelector('#figure .main-svg .scatterlayer .trace path.js-line')",
      undefined,
      {
        timeout: 30000,
      },
    );
    const dom = (await page.evaluate(`(() => {
      const traces = document.querySelectorAll('#figure .scatterlayer .trace');
      const d = traces[0].querySelector('path.js-line').getAttribute('d') || '';
      return { traces: traces.length, points: (d.match(/[ML]/g) || []).length, title: document.querySelector('#figure .gtitle')?.textContent };
    })()`)) as { traces: number; points: number; title: string };
    // Count non-white pixels of the rendered plot (plotly's own raster of the page's figure).
    const inked = (await page.evaluate(`(async () => {
      const url = await Plotly.toImage(document.getElementById('figure'), { format: 'png', width: 600, height: 400 });
      const img = new Image(); img.src = url; await img.decode();
      const c = document.createElement('canvas'); c.width = 600; c.height = 400;
      const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, 600, 400).data; let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) n++;
      return n;
    })()`)) as number;
    return { dom, inked };
  }, "rendering the test figure");
  assert.equal(result.dom.traces, 2);
  // plotly drops nearly collinear points when it simplifies a line, so not all 50 remain.
  assert.ok(result.dom.points >= 25, `line path has ${result.dom.points} points`);
  assert.equal(result.dom.title, "render check");
  assert.ok(result.inked > 2000, `only ${result.inked} inked pixels`);
});

test("saveFigure writes a valid PNG and SVG", { timeout: 120000 }, async () => {
  const png = readFileSync(await saveFigure(fig, join(dir, "sub", "fig.png"), { width: 500, height: 300 }));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.readUInt32BE(16), 500);
  assert.equal(png.readUInt32BE(20), 300);
  const svg = readFileSync(await saveFigure(fig, join(dir, "fig.svg")), "utf8");
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.includes("render check"));
  await assert.rejects(saveFigure(fig, join(dir, "fig.jpg")), /must end in \.html, \.png or \.svg/);
});
