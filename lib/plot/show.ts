import type { Figure } from "./figure";
import { figureDiv, plotlyScriptTag } from "./html";

/** The parts of tslab's display API we use (tslab/dist/public.d.ts). */
interface TslabDisplay {
  html(s: string): void;
}

let plotlyEmbedded = false;
let figureCounter = 0;

function tslabModule(): { display: TslabDisplay } | null {
  try {
    // tslab is present only inside its kernel; required lazily so the library works anywhere.
    return require("tslab") as { display: TslabDisplay };
  } catch {
    return null;
  }
}

/** The multi-MIME sender of tslab's kernel, if reachable (not part of its public API). */
function writeDisplayData():
  ((msg: { data: Record<string, unknown>; metadata: object; transient: object }) => void) | null {
  try {
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: unknown };
    return typeof jupyter.lastWriteDisplayData === "function"
      ? (jupyter.lastWriteDisplayData as (msg: {
          data: Record<string, unknown>;
          metadata: object;
          transient: object;
        }) => void)
      : null;
  } catch {
    return null;
  }
}

export interface ShowOptions {
  width?: number;
  height?: number;
  /** Embed plotly.js again (e.g. after clearing the output that held it). */
  embedPlotly?: boolean;
}

/**
 * Displays a plotly figure in a tslab notebook. The first call of a kernel session embeds
 * plotly.js (so exported HTML works offline); every call draws into its own div with ids
 * numbered per session, so re-running a notebook gives identical output. The figure is also
 * offered as `application/vnd.plotly.v1+json`, which JupyterLab renders natively.
 * Outside tslab it prints a one-line note instead.
 */
export function show(fig: Figure, options: ShowOptions = {}): void {
  const tslab = tslabModule();
  const id = `nol-figure-${++figureCounter}`;
  const prefix = !plotlyEmbedded || options.embedPlotly ? plotlyScriptTag() + "\n" : "";
  const html = prefix + figureDiv(fig, id, options.width, options.height);
  const write = writeDisplayData();
  try {
    if (write !== null) {
      write({ data: { "text/html": html, "application/vnd.plotly.v1+json": fig }, metadata: {}, transient: {} });
    } else if (tslab !== null) {
      tslab.display.html(html);
    } else {
      throw new ReferenceError("no tslab kernel"); // caught below: prints a note instead
    }
    plotlyEmbedded = true;
  } catch {
    const title = (fig.layout.title as { text?: string } | undefined)?.text ?? "untitled";
    console.log(
      `[figure "${title}": ${fig.data.length} trace(s); show() displays figures in a tslab notebook — use saveFigure() elsewhere]`,
    );
  }
}
