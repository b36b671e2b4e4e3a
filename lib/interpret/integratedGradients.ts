import type { Field64 } from "../sensitivity/field64";
import type { AttributionTarget } from "./target";
import type { AttributionInput, AttributionOptions } from "./options";
import type { AttributionStats } from "./gradients";
import { checkTarget } from "./target";
import { checkAttributionArgs, inputOf, perInput, positiveInteger } from "./options";
import { pointGradients } from "./gradients";
import { gaussLegendre } from "../sensitivity/quadrature";

export interface IntegratedGradientsOptions extends AttributionOptions {
  /** x′: a number for every input or one per input; default 0 (Captum's default baseline). */
  baseline?: number | ArrayLike<number>;
  /** Gauss–Legendre nodes m (1–64; default 16): exact when α ↦ ∂F/∂x(x′ + α(x − x′)) is a polynomial of degree ≤ 2m − 1. */
  nodes?: number;
}

export interface IntegratedGradientsResult {
  /** (x_i − x′_i)·∫₀¹ ∂F/∂x_i(x′ + α(x − x′)) dα. */
  attributions: Float64Array;
  /** F(x) and F(x′). */
  value: number;
  baselineValue: number;
  baseline: Float64Array;
  /** Σ_i attributions_i − (F(x) − F(x′)): zero for the exact integral (completeness, Axiom of Sundararajan et al.). */
  delta: number;
  /** |delta|, the completeness gap. */
  gap: number;
  /** The rule: Gauss–Legendre on [0, 1], its nodes α_k and weights w_k. */
  rule: { name: "Gauss–Legendre"; alpha: Float64Array; weights: Float64Array };
  wrt: AttributionInput;
  target: string;
  stats: AttributionStats;
}

/**
 * Integrated gradients (Sundararajan, Taly & Yan 2017, "Axiomatic Attribution for Deep
 * Networks", ICML, arXiv:1703.01365, eq. 1) through the solver, the path integral by the m-point
 * Gauss–Legendre rule of lib/sensitivity/quadrature.ts:
 *   IG_i = (x_i − x′_i)·Σ_k w_k ∂F/∂x_i(x′ + α_k(x − x′)).
 * With respect to y0, the m nodes, x and x′ are one batched solve of m + 2 states (one forward
 * solve, one pullback; `batch: false` solves them one by one); with respect to θ each node is a
 * solve with θ set to the node (restored afterwards). The completeness gap reports how far the
 * quadrature (and the solver) is from the exact integral; it falls as m grows.
 */
export function integratedGradients(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  target: AttributionTarget,
  options?: IntegratedGradientsOptions,
): IntegratedGradientsResult {
  const o = checkAttributionArgs(field, y0, t, options);
  const resolved = checkTarget(target, t, field.dim);
  const x = inputOf(field, y0, o.wrt);
  const m = x.length;
  const baseline = perInput("options.baseline", options?.baseline ?? 0, m, "any");
  const { nodes: alpha, weights } = gaussLegendre(positiveInteger("options.nodes", options?.nodes ?? 16, 64));
  const r = pointGradients(field, y0, t, pathPoints(x, baseline, alpha), [resolved], o);
  const { attributions, delta } = combinePath(r.grads[0], r.values[0], x, baseline, weights);
  const value = r.values[0][alpha.length];
  const baselineValue = r.values[0][alpha.length + 1];
  return {
    attributions,
    value,
    baselineValue,
    baseline,
    delta,
    gap: Math.abs(delta),
    rule: { name: "Gauss–Legendre", alpha: Float64Array.from(alpha), weights: Float64Array.from(weights) },
    wrt: o.wrt,
    target: resolved.label,
    stats: r.stats,
  };
}

/** The quadrature nodes x′ + α_k(x − x′) on the straight path, then x and x′ themselves. */
export function pathPoints(x: Float64Array, baseline: Float64Array, alpha: Float64Array): Float64Array[] {
  const m = x.length;
  const points = Array.from(alpha, (a) => {
    const p = new Float64Array(m);
    for (let i = 0; i < m; i++) p[i] = baseline[i] + a * (x[i] - baseline[i]);
    return p;
  });
  points.push(x, baseline);
  return points;
}

/** IG from the gradients and values at pathPoints: the weighted sum, scaled by x − x′, and the completeness delta. */
export function combinePath(
  grads: readonly Float64Array[],
  values: Float64Array,
  x: Float64Array,
  baseline: Float64Array,
  weights: Float64Array,
): { attributions: Float64Array; delta: number } {
  const m = x.length;
  const K = weights.length;
  const attributions = new Float64Array(m);
  for (let k = 0; k < K; k++) {
    const g = grads[k];
    for (let i = 0; i < m; i++) attributions[i] += weights[k] * g[i];
  }
  let sum = 0;
  for (let i = 0; i < m; i++) {
    attributions[i] *= x[i] - baseline[i];
    sum += attributions[i];
  }
  return { attributions, delta: sum - (values[K] - values[K + 1]) };
}
