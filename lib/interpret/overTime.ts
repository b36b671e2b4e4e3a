import type { Field64 } from "../sensitivity/field64";
import type { AttributionInput, AttributionOptions, CheckedOptions } from "./options";
import type { ResolvedTarget } from "./target";
import type { AttributionStats } from "./gradients";
import { checkTarget } from "./target";
import { checkAttributionArgs, checkSeed, inputOf, perInput, positiveInteger } from "./options";
import { pointGradients } from "./gradients";
import { combinePath, pathPoints } from "./integratedGradients";
import { meanGradient, noisyPoints } from "./smoothGrad";
import { gaussLegendre } from "../sensitivity/quadrature";
import { OdeArgumentError, describeValue } from "../ode/errors";

export type AttributionMethod = "saliency" | "integratedGradients" | "smoothGrad";

export interface OverTimeOptions extends AttributionOptions {
  /** The state component h_j explained at every output time. */
  component: number;
  /** Default "saliency". */
  method?: AttributionMethod;
  /** integratedGradients: baseline (default 0) and Gauss–Legendre nodes (default 16). */
  baseline?: number | ArrayLike<number>;
  nodes?: number;
  /** smoothGrad: σ (required for it), samples (default 50), seed (default 0). */
  sigma?: number | ArrayLike<number>;
  samples?: number;
  seed?: number;
}

export interface AttributionOverTime {
  t: number[];
  component: number;
  method: AttributionMethod;
  wrt: AttributionInput;
  /** h_j(t_k). */
  values: number[];
  /** [k][i]: the attribution of h_j(t_k) to input i: T × inputs, a heatmap's rows. */
  attributions: number[][];
  /** integratedGradients: the completeness gap per output time. */
  gap?: number[];
  stats: AttributionStats;
}

/**
 * The per-time-step view: the attribution of h_j(t_k) to each input, for every output time t_k,
 * by one method. All output times share the method's solve(s): one batched forward solve and
 * one pullback per output time (the pullback may be called again on the same solve).
 */
export function attributionOverTime(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  options: OverTimeOptions,
): AttributionOverTime {
  const o = checkAttributionArgs(field, y0, t, options);
  const targets = componentTargets(options, t, field.dim);
  return overTime(field, y0, t, targets, o, options, options.seed);
}

export interface GlobalAttribution {
  t: number[];
  component: number;
  method: AttributionMethod;
  wrt: AttributionInput;
  /** Initial states averaged over. */
  samples: number;
  /** [k][i]: mean over the initial states of |attribution of h_j(t_k) to input i|. */
  meanAbs: number[][];
  /** [k][i]: the signed mean. */
  mean: number[][];
  stats: AttributionStats;
}

/**
 * The global view over a data set of initial states: attributionOverTime at each (SmoothGrad
 * seeds seed + s for state s, so the noise differs between states), and per output time and
 * input the mean of |attribution| (how much the input matters) and the signed mean.
 */
export function globalAttribution(
  field: Field64,
  y0s: readonly Float64Array[],
  t: readonly number[],
  options: OverTimeOptions,
): GlobalAttribution {
  if (!Array.isArray(y0s) || y0s.length === 0)
    throw new OdeArgumentError("y0s", `expected a non-empty array of initial states, got ${describeValue(y0s)}`);
  const seed = checkSeed("options.seed", options?.seed ?? 0);
  const stats: AttributionStats = { solves: 0, nfeForward: 0, nfeBackward: 0 };
  let meanAbs: number[][] = [];
  let mean: number[][] = [];
  let first: AttributionOverTime | null = null;
  y0s.forEach((y0, s) => {
    const o = checkAttributionArgs(field, y0, t, options);
    const targets = componentTargets(options, t, field.dim);
    const r = overTime(field, y0, t, targets, o, options, seed + s);
    if (first === null) {
      first = r;
      meanAbs = r.attributions.map((row) => row.map(() => 0));
      mean = r.attributions.map((row) => row.map(() => 0));
    }
    r.attributions.forEach((row, k) =>
      row.forEach((a, i) => {
        meanAbs[k][i] += Math.abs(a) / y0s.length;
        mean[k][i] += a / y0s.length;
      }),
    );
    stats.solves += r.stats.solves;
    stats.nfeForward += r.stats.nfeForward;
    stats.nfeBackward += r.stats.nfeBackward;
  });
  const r = first as unknown as AttributionOverTime;
  return { t: r.t, component: r.component, method: r.method, wrt: r.wrt, samples: y0s.length, meanAbs, mean, stats };
}

/** h_j(t_k) for every k; errors name options.component. */
function componentTargets(options: OverTimeOptions, t: readonly number[], dim: number): ResolvedTarget[] {
  const c = options?.component;
  if (typeof c !== "number" || !Number.isInteger(c) || c < 0 || c >= dim)
    throw new OdeArgumentError(
      "options.component",
      `must be an integer from 0 to ${dim - 1} (the field's dim), got ${describeValue(c)}`,
    );
  return t.map((_, k) => checkTarget({ component: c, timeIndex: k }, t, dim));
}

function overTime(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  targets: ResolvedTarget[],
  o: CheckedOptions,
  options: OverTimeOptions,
  seed: number | undefined,
): AttributionOverTime {
  const method = options.method ?? "saliency";
  const x = inputOf(field, y0, o.wrt);
  const m = x.length;
  const base = { t: Array.from(t), component: options.component, method, wrt: o.wrt };
  if (method === "saliency") {
    const r = pointGradients(field, y0, t, [x], targets, o);
    return {
      ...base,
      values: targets.map((_, k) => r.values[k][0]),
      attributions: targets.map((_, k) => Array.from(r.grads[k][0])),
      stats: r.stats,
    };
  }
  if (method === "integratedGradients") {
    const baseline = perInput("options.baseline", options.baseline ?? 0, m, "any");
    const { nodes: alpha, weights } = gaussLegendre(positiveInteger("options.nodes", options.nodes ?? 16, 64));
    const r = pointGradients(field, y0, t, pathPoints(x, baseline, alpha), targets, o);
    const parts = targets.map((_, k) => combinePath(r.grads[k], r.values[k], x, baseline, weights));
    return {
      ...base,
      values: targets.map((_, k) => r.values[k][alpha.length]),
      attributions: parts.map((p) => Array.from(p.attributions)),
      gap: parts.map((p) => Math.abs(p.delta)),
      stats: r.stats,
    };
  }
  if (method === "smoothGrad") {
    const sigma = perInput("options.sigma", options.sigma, m, "nonnegative");
    const n = positiveInteger("options.samples", options.samples ?? 50);
    const r = pointGradients(field, y0, t, noisyPoints(x, sigma, n, checkSeed("options.seed", seed ?? 0)), targets, o);
    return {
      ...base,
      values: targets.map((_, k) => r.values[k][0]),
      attributions: targets.map((_, k) => Array.from(meanGradient(r.grads[k]).mean)),
      stats: r.stats,
    };
  }
  throw new OdeArgumentError(
    "options.method",
    `unknown value ${describeValue(method)}; expected "saliency", "integratedGradients" or "smoothGrad"`,
  );
}
