import type { Field64 } from "../sensitivity/field64";
import type { AttributionInput, AttributionOptions, CheckedOptions } from "./options";
import type { ResolvedTarget } from "./target";
import type { AttributionStats, PointGradients } from "./gradients";
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
  const seed = checkSeed("options.seed", options.seed ?? 0);
  const { results, stats } = overTime(field, [y0], t, targets, o, options, [seed]);
  return { ...results[0], stats };
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
 * The global view over a data set of initial states: per output time and input, the mean of
 * |attribution| (how much the input matters) and the signed mean. With respect to y0 the points
 * of every state (path nodes, noisy copies) are batched together (chunks of MAX_BATCH); SmoothGrad
 * seeds state s with seed + s, so the noise differs between states.
 */
export function globalAttribution(
  field: Field64,
  y0s: readonly Float64Array[],
  t: readonly number[],
  options: OverTimeOptions,
): GlobalAttribution {
  if (!Array.isArray(y0s) || y0s.length === 0)
    throw new OdeArgumentError("y0s", `expected a non-empty array of initial states, got ${describeValue(y0s)}`);
  let o: CheckedOptions | null = null;
  y0s.forEach((y0, s) => {
    try {
      o = checkAttributionArgs(field, y0, t, options);
    } catch (e) {
      if (e instanceof OdeArgumentError && e.argument === "y0")
        throw new OdeArgumentError("y0s", `entry ${s}: ${e.message}`);
      throw e;
    }
  });
  const targets = componentTargets(options, t, field.dim);
  const seed = checkSeed("options.seed", options.seed ?? 0);
  const { results, stats } = overTime(
    field,
    y0s,
    t,
    targets,
    o as unknown as CheckedOptions,
    options,
    y0s.map((_, s) => seed + s),
  );
  const N = y0s.length;
  const meanAbs = results[0].attributions.map((row) => row.map(() => 0));
  const mean = results[0].attributions.map((row) => row.map(() => 0));
  for (const r of results)
    r.attributions.forEach((row, k) =>
      row.forEach((a, i) => {
        meanAbs[k][i] += Math.abs(a) / N;
        mean[k][i] += a / N;
      }),
    );
  const r = results[0];
  return { t: r.t, component: r.component, method: r.method, wrt: r.wrt, samples: N, meanAbs, mean, stats };
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

/** A method's points for one state, and how their values and gradients (per target) make its result. */
interface MethodPlan {
  points: Float64Array[];
  combine(values: Float64Array, grads: readonly Float64Array[]): { value: number; attribution: number[]; gap?: number };
}

function plan(method: AttributionMethod, x: Float64Array, options: OverTimeOptions, seed: number): MethodPlan {
  const m = x.length;
  if (method === "saliency")
    return { points: [x], combine: (values, grads) => ({ value: values[0], attribution: Array.from(grads[0]) }) };
  if (method === "integratedGradients") {
    const baseline = perInput("options.baseline", options.baseline ?? 0, m, "any");
    const { nodes: alpha, weights } = gaussLegendre(positiveInteger("options.nodes", options.nodes ?? 16, 64));
    return {
      points: pathPoints(x, baseline, alpha),
      combine(values, grads) {
        const p = combinePath(grads, values, x, baseline, weights);
        return { value: values[alpha.length], attribution: Array.from(p.attributions), gap: Math.abs(p.delta) };
      },
    };
  }
  if (method === "smoothGrad") {
    const sigma = perInput("options.sigma", options.sigma, m, "nonnegative");
    const n = positiveInteger("options.samples", options.samples ?? 50);
    return {
      points: noisyPoints(x, sigma, n, seed),
      combine: (values, grads) => ({ value: values[0], attribution: Array.from(meanGradient(grads).mean) }),
    };
  }
  throw new OdeArgumentError(
    "options.method",
    `unknown value ${describeValue(method)}; expected "saliency", "integratedGradients" or "smoothGrad"`,
  );
}

/**
 * Every state's points in one pointGradients call (wrt y0: batched across states), or state by
 * state (wrt θ: each state is its own y0), then each state's result per output time.
 */
function overTime(
  field: Field64,
  y0s: readonly Float64Array[],
  t: readonly number[],
  targets: ResolvedTarget[],
  o: CheckedOptions,
  options: OverTimeOptions,
  seeds: number[],
): { results: Omit<AttributionOverTime, "stats">[]; stats: AttributionStats } {
  const method = options.method ?? "saliency";
  const plans = y0s.map((y0, s) => plan(method, inputOf(field, y0, o.wrt), options, seeds[s]));
  const stats: AttributionStats = { solves: 0, nfeForward: 0, nfeBackward: 0 };
  const add = (r: PointGradients): void => {
    stats.solves += r.stats.solves;
    stats.nfeForward += r.stats.nfeForward;
    stats.nfeBackward += r.stats.nfeBackward;
  };
  /** [state] → [target] → values and grads of that state's points. */
  let parts: { values: Float64Array; grads: Float64Array[] }[][];
  if (o.wrt === "y0") {
    const all = pointGradients(
      field,
      y0s[0],
      t,
      plans.flatMap((p) => p.points),
      targets,
      o,
    );
    add(all);
    let first = 0;
    parts = plans.map((p) => {
      const at = first;
      first += p.points.length;
      return targets.map((_, j) => ({
        values: all.values[j].subarray(at, at + p.points.length),
        grads: all.grads[j].slice(at, at + p.points.length),
      }));
    });
  } else
    parts = plans.map((p, s) => {
      const r = pointGradients(field, y0s[s], t, p.points, targets, o);
      add(r);
      return targets.map((_, j) => ({ values: r.values[j], grads: r.grads[j] }));
    });
  const results = plans.map((p, s) => {
    const per = parts[s].map((q) => p.combine(q.values, q.grads));
    const r: Omit<AttributionOverTime, "stats"> = {
      t: Array.from(t),
      component: options.component,
      method,
      wrt: o.wrt,
      values: per.map((q) => q.value),
      attributions: per.map((q) => q.attribution),
    };
    if (method === "integratedGradients") r.gap = per.map((q) => q.gap as number);
    return r;
  });
  return { results, stats };
}
