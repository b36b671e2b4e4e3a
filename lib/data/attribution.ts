import type { DataFrame } from "danfojs-node";
import type { AttributionOverTime, GlobalAttribution } from "../interpret/overTime";
import type { StepSensitivities } from "../interpret/stepSensitivities";
import type { LimeResult } from "../interpret/lime";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { danfo } from "./danfo";
import { checkMethodAttributions, inputLabels } from "../interpret/inputLabels";

/**
 * Per-time-step attributions (attributionOverTime) in long form: one row per output time and
 * input, columns time, input, attribution (and gap for integrated gradients). A global result
 * (globalAttribution) gives columns time, input, meanAbs, mean.
 */
export function attributionFrame(
  result: AttributionOverTime | GlobalAttribution,
  inputNames?: readonly string[],
): DataFrame {
  if (result === null || typeof result !== "object" || !Array.isArray(result.t))
    throw new OdeTypeError(
      "result",
      `expected attributionOverTime's or globalAttribution's result, got ${describeValue(result)}`,
    );
  const global = "meanAbs" in result;
  const rows = global ? result.meanAbs : result.attributions;
  const names = inputLabels(rows[0]?.length ?? 0, inputNames);
  const cols: Record<string, (number | string)[]> = { time: [], input: [] };
  const extra = global ? ["meanAbs", "mean"] : ["attribution", ...(result.gap ? ["gap"] : [])];
  for (const c of extra) cols[c] = [];
  result.t.forEach((tk, k) =>
    names.forEach((name, i) => {
      cols.time.push(tk);
      cols.input.push(name);
      if (global) {
        cols.meanAbs.push(result.meanAbs[k][i]);
        cols.mean.push(result.mean[k][i]);
      } else {
        cols.attribution.push(result.attributions[k][i]);
        if (result.gap) cols.gap.push(result.gap[k]);
      }
    }),
  );
  return new (danfo().DataFrame)(cols, { columns: ["time", "input", ...extra] });
}

/** ∂h_j(t_k)/∂x_i of one output component over time (stepSensitivities), long form: time, input, sensitivity. */
export function sensitivityFrame(s: StepSensitivities, component: number, inputNames?: readonly string[]): DataFrame {
  if (s === null || typeof s !== "object" || !Array.isArray(s.matrices))
    throw new OdeTypeError("s", `expected stepSensitivities' result, got ${describeValue(s)}`);
  if (!Number.isInteger(component) || component < 0 || component >= s.rows)
    throw new OdeArgumentError("component", `must be an integer from 0 to ${s.rows - 1}, got ${component}`);
  const names = inputLabels(s.columns, inputNames);
  const cols: Record<string, (number | string)[]> = { time: [], input: [], sensitivity: [] };
  s.t.forEach((tk, k) =>
    names.forEach((name, i) => {
      cols.time.push(tk);
      cols.input.push(name);
      cols.sensitivity.push(s.matrices[k][component * s.columns + i]);
    }),
  );
  return new (danfo().DataFrame)(cols, { columns: ["time", "input", "sensitivity"] });
}

/**
 * Several methods' attributions of the same output side by side (where they agree and where
 * not): one row per input, a column per method, e.g. { saliency: s.gradient, ig: r.attributions }.
 */
export function compareAttributionsFrame(
  methods: Record<string, ArrayLike<number>>,
  inputNames?: readonly string[],
): DataFrame {
  const { keys, count: m } = checkMethodAttributions(methods);
  const cols: Record<string, (number | string)[]> = { input: inputLabels(m, inputNames) };
  for (const k of keys) cols[k] = Array.from(methods[k]);
  return new (danfo().DataFrame)(cols, { columns: ["input", ...keys] });
}

/** A LIME surrogate: one row per input with its coefficient, standardized coefficient and selection rank (0 first; −1 not kept). */
export function limeFrame(r: LimeResult, inputNames?: readonly string[]): DataFrame {
  if (r === null || typeof r !== "object" || !(r.coefficients instanceof Float64Array))
    throw new OdeTypeError("r", `expected lime's result, got ${describeValue(r)}`);
  const m = r.coefficients.length;
  return new (danfo().DataFrame)(
    {
      input: inputLabels(m, inputNames),
      coefficient: Array.from(r.coefficients),
      standardizedCoefficient: Array.from(r.standardizedCoefficients),
      rank: Array.from({ length: m }, (_, i) => r.selected.indexOf(i)),
    },
    { columns: ["input", "coefficient", "standardizedCoefficient", "rank"] },
  );
}
