import { readFileSync } from "node:fs";
import type { Figure } from "./figure";

let bundle: string | null = null;

/** The plotly.js (minified) bundle from the installed `plotly.js-dist-min` package. */
export function plotlyBundle(): string {
  if (bundle === null) bundle = readFileSync(require.resolve("plotly.js-dist-min"), "utf8");
  return bundle;
}

/**
 * The bundle wrapped so it always defines `window.Plotly`, even in front ends that load
 * require.js (classic Jupyter): inside the wrapper `define`, `module` and `exports` are
 * undefined, so plotly's UMD header falls through to the global.
 */
export function plotlyScriptTag(): string {
  return `<script type="text/javascript">(function(){var define=undefined,module=undefined,exports=undefined;\n${plotlyBundle()}\n})();</script>`;
}

/** JSON for embedding in a <script>: escapes "</" so data cannot close the tag. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/<\//g, "<\\/");
}

/** A div plus the script that draws `fig` into it once Plotly is available. */
export function figureDiv(fig: Figure, id: string, width?: number, height?: number): string {
  const w = width ?? (fig.layout.width as number | undefined);
  const h = height ?? (fig.layout.height as number | undefined) ?? 420;
  const style = `${w ? `width:${w}px;` : "width:100%;"}height:${h}px;`;
  return (
    `<div id="${id}" class="nol-figure" style="${style}"></div>\n` +
    `<script type="text/javascript">(function(){var fig=${scriptJson(fig)};` +
    `function draw(){if(window.Plotly){window.Plotly.newPlot("${id}",fig.data,fig.layout,{responsive:true});}` +
    `else{setTimeout(draw,50);}}draw();})();</script>`
  );
}

/** A self-contained HTML page (plotly inlined) showing `fig`. */
export function standaloneHtml(fig: Figure, width = 900, height?: number): string {
  const title = ((fig.layout.title as { text?: string } | undefined)?.text ?? "figure").replace(/</g, "&lt;");
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${title}</title>
${plotlyScriptTag()}
</head><body style="margin:0;background:#fff">
${figureDiv(fig, "figure", width, height)}
</body></html>
`;
}
