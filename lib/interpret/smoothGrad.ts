import type { Field64 } from "../sensitivity/field64";
import type { AttributionTarget } from "./target";
import type { AttributionInput, AttributionOptions } from "./options";
import type { AttributionStats } from "./gradients";
import { checkTarget } from "./target";
import { checkAttributionArgs, checkSeed, inputOf, perInput, positiveInteger } from "./options";
import { pointGradients } from "./gradients";
import { mulberry32, normalGenerator } from "../random/index";

export interface SmoothGradOptions extends AttributionOptions {
  /** Noise standard deviation σ, absolute, one for every input or one per input (required; Smilkov et al. suggest 10–20 % of the input's range). */
  sigma: number | ArrayLike<number>;
  /** Noisy copies n (default 50, the paper's). */
  samples?: number;
  /** Seed of the noise (lib/random: mulberry32 → Box–Muller); default 0. */
  seed?: number;
}

export interface SmoothGradResult {
  /** (1/n) Σ_s ∇F(x + ε_s), ε_s ~ N(0, diag σ²). */
  attributions: Float64Array;
  /** Standard error of each mean, sd/√n: how far the estimate is from its expectation. */
  standardError: Float64Array;
  /** F(x) and the gradient at x itself (plain saliency, for comparison). */
  value: number;
  gradient: Float64Array;
  sigma: Float64Array;
  samples: number;
  seed: number;
  wrt: AttributionInput;
  target: string;
  stats: AttributionStats;
}

/**
 * SmoothGrad (Smilkov et al. 2017, "SmoothGrad: removing noise by adding noise",
 * arXiv:1706.03825, eq. 2): the mean gradient over seeded Gaussian perturbations of the input.
 * With respect to y0 the x and its n noisy copies are one batched solve. For a quadratic F the
 * mean gradient is unbiased: E∇F(x + ε) = ∇F(x).
 */
export function smoothGrad(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  target: AttributionTarget,
  options: SmoothGradOptions,
): SmoothGradResult {
  const o = checkAttributionArgs(field, y0, t, options);
  const resolved = checkTarget(target, t, field.dim);
  const x = inputOf(field, y0, o.wrt);
  const m = x.length;
  const sigma = perInput("options.sigma", options?.sigma, m, "nonnegative");
  const n = positiveInteger("options.samples", options?.samples ?? 50);
  const seed = checkSeed("options.seed", options?.seed ?? 0);
  const r = pointGradients(field, y0, t, noisyPoints(x, sigma, n, seed), [resolved], o);
  const { mean, standardError } = meanGradient(r.grads[0]);
  return {
    attributions: mean,
    standardError,
    value: r.values[0][0],
    gradient: r.grads[0][0],
    sigma,
    samples: n,
    seed,
    wrt: o.wrt,
    target: resolved.label,
    stats: r.stats,
  };
}

/** x, then n copies x + σ ⊙ ε, ε ~ N(0, I) from mulberry32(seed) by Box–Muller (lib/random). */
export function noisyPoints(x: Float64Array, sigma: Float64Array, n: number, seed: number): Float64Array[] {
  const m = x.length;
  const normal = normalGenerator(mulberry32(seed));
  const points = [x];
  for (let s = 0; s < n; s++) {
    const p = new Float64Array(m);
    for (let i = 0; i < m; i++) p[i] = x[i] + sigma[i] * normal();
    points.push(p);
  }
  return points;
}

/** Mean and standard error of the gradients at the noisy points (grads[1..n]; grads[0] is at x). */
export function meanGradient(grads: readonly Float64Array[]): { mean: Float64Array; standardError: Float64Array } {
  const n = grads.length - 1;
  const m = grads[0].length;
  const mean = new Float64Array(m);
  const sq = new Float64Array(m);
  for (let s = 1; s <= n; s++) {
    const g = grads[s];
    for (let i = 0; i < m; i++) {
      mean[i] += g[i] / n;
      sq[i] += g[i] * g[i];
    }
  }
  const standardError = new Float64Array(m);
  if (n > 1)
    for (let i = 0; i < m; i++) standardError[i] = Math.sqrt(Math.max(0, (sq[i] - n * mean[i] ** 2) / (n - 1)) / n);
  return { mean, standardError };
}
