import type { Figure } from "./figure";
import type { AttributionOverTime, GlobalAttribution } from "../interpret/overTime";
import type { StepSensitivities } from "../interpret/stepSensitivities";
import type { LrpGlobal, LrpOverTime } from "../interpret/lrp/overTime";
import { heatmapFigure, lineFigure } from "./builders";
import { plainArray } from "./figure";
import { checkMethodAttributions, inputLabels } from "../interpret/inputLabels";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";

export interface AttributionFigureOptions {
  inputNames?: readonly string[];
  title?: string;
}

/** Input names on the x axis of a heatmap drawn at columns 0 … m − 1. */
function namedColumns(fig: Figure, names: string[]): Figure {
  fig.layout.xaxis = { ...(fig.layout.xaxis as object), tickvals: names.map((_, i) => i), ticktext: names };
  return fig;
}

/** Signed values: a diverging scale centred on zero. */
function diverging(fig: Figure): Figure {
  fig.data[0].colorscale = "RdBu";
  fig.data[0].reversescale = true;
  fig.data[0].zmid = 0;
  return fig;
}

/**
 * Time × input heatmap of attributionOverTime / lrpOverTime (signed, diverging colours around 0) or
 * of globalAttribution / lrpGlobal (mean |attribution|, sequential colours).
 */
export function attributionHeatmap(
  result: AttributionOverTime | GlobalAttribution | LrpOverTime | LrpGlobal,
  options: AttributionFigureOptions = {},
): Figure {
  if (result === null || typeof result !== "object" || !Array.isArray(result.t))
    throw new OdeTypeError(
      "result",
      `expected the result of attributionOverTime, globalAttribution, lrpOverTime or lrpGlobal, got ${describeValue(result)}`,
    );
  const global = "meanAbs" in result;
  const z = global ? result.meanAbs : result.attributions;
  const names = inputLabels(z[0]?.length ?? 0, options.inputNames, "options.inputNames");
  // LRP's results carry no method or wrt: LRP attributes to the initial state.
  const method = "method" in result ? result.method : "LRP relevance";
  const wrt = "wrt" in result ? result.wrt : "y0";
  const what = global ? `mean |${method}|` : method;
  const fig = heatmapFigure({
    z,
    x: names.map((_, i) => i),
    y: result.t,
    title:
      options.title ??
      `${what} of h_${result.component}(t) w.r.t. ${wrt === "y0" ? "h(0)" : "θ"}${global ? ` over ${result.samples} states` : ""}`,
    xTitle: wrt === "y0" ? "initial state component" : "parameter",
    yTitle: "t",
  });
  return namedColumns(global ? fig : diverging(fig), names);
}

/** ∂h_j(t)/∂x_i over time for one output component j (stepSensitivities): a time × input heatmap. */
export function sensitivityHeatmap(
  s: StepSensitivities,
  component: number,
  options: AttributionFigureOptions = {},
): Figure {
  if (s === null || typeof s !== "object" || !Array.isArray(s.matrices))
    throw new OdeTypeError("s", `expected stepSensitivities' result, got ${describeValue(s)}`);
  if (!Number.isInteger(component) || component < 0 || component >= s.rows)
    throw new OdeArgumentError("component", `must be an integer from 0 to ${s.rows - 1}, got ${component}`);
  const names = inputLabels(s.columns, options.inputNames, "options.inputNames");
  const fig = heatmapFigure({
    z: s.matrices.map((M) => M.subarray(component * s.columns, (component + 1) * s.columns)),
    x: names.map((_, i) => i),
    y: s.t,
    title: options.title ?? `∂h_${component}(t)/∂${s.wrt === "y0" ? "h_i(0)" : "θ_i"}`,
    xTitle: s.wrt === "y0" ? "initial state component i" : "parameter i",
    yTitle: "t",
  });
  return namedColumns(diverging(fig), names);
}

/** Each input's attribution against time (attributionOverTime), one line per input. */
export function attributionLines(result: AttributionOverTime, options: AttributionFigureOptions = {}): Figure {
  if (result === null || typeof result !== "object" || !Array.isArray(result.attributions))
    throw new OdeTypeError("result", `expected attributionOverTime's result, got ${describeValue(result)}`);
  const names = inputLabels(result.attributions[0]?.length ?? 0, options.inputNames, "options.inputNames");
  return lineFigure({
    x: result.t,
    series: names.map((name, i) => ({ name, y: result.attributions.map((row) => row[i]) })),
    title: options.title ?? `${result.method} of h_${result.component}(t) per input`,
    xTitle: "t",
    yTitle: "attribution",
  });
}

/** Several methods' attributions of one output as grouped bars per input (e.g. saliency, IG, SmoothGrad, LIME). */
export function attributionBars(
  methods: Record<string, ArrayLike<number>>,
  options: AttributionFigureOptions = {},
): Figure {
  const { keys, count: m } = checkMethodAttributions(methods);
  const names = inputLabels(m, options.inputNames, "options.inputNames");
  return {
    data: keys.map((k) => ({ type: "bar", name: k, x: names, y: plainArray(methods[k]) })),
    layout: {
      title: { text: options.title ?? "attributions by method" },
      barmode: "group",
      xaxis: { title: { text: "input" } },
      yaxis: { title: { text: "attribution" } },
      height: 420,
    },
  };
}
