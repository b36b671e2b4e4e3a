import type { MethodName, OdeResult } from "../ode/types";
import { methodInfo } from "../ode/methods";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import type { SpectrumAlongTrajectory } from "./spectrum";
import { stabilityFunction, type StabilityFunction } from "./stabilityFunction";

/** The accepted steps of a solve: step k covers [t[k], t[k] + h[k]]. */
export interface AcceptedSteps {
  t: number[];
  h: number[];
  /** Order per step (BDF varies it); absent when the solve did not record its steps. */
  order?: number[];
  /** The method that took each step (Auto switches); absent when not recorded. */
  method?: string[];
}

/**
 * The steps a solve took: from `result.steps` (solveIVP with `recordSteps: true`: h, order and
 * method of every accepted attempt), else from the output times, which are the accepted steps when
 * the solve had no `tEval` (consecutive differences). A result with tEval and no recorded steps
 * does not know its steps: pass recordSteps.
 */
export function acceptedSteps(result: OdeResult): AcceptedSteps {
  if (result === null || typeof result !== "object" || !Array.isArray(result.t))
    throw new OdeTypeError("result", `expected a solveIVP result, got ${describeValue(result)}`);
  if (result.steps !== undefined) {
    const acc = result.steps.filter((s) => s.accepted);
    return {
      t: acc.map((s) => s.t),
      h: acc.map((s) => s.h),
      order: acc.map((s) => s.order),
      method: acc.map((s) => s.method),
    };
  }
  if (result.t.length < 2) throw new OdeArgumentError("result.t", `has ${result.t.length} time(s): no step was taken`);
  return { t: result.t.slice(0, -1), h: result.t.slice(1).map((t, k) => t - result.t[k]) };
}

export interface StepStabilitySample {
  t: number;
  /** The step size used at t (the accepted step that starts at or before t and covers it). */
  h: number;
  method: string;
  /** BDF order of that step (else the method's order). */
  order: number;
  /** λ_i·h, i over the eigenvalues at t. */
  re: number[];
  im: number[];
  /** |R(λ_i h)| (BDF: the largest root modulus). */
  modulus: number[];
  inside: boolean[];
}

export interface StepStabilityResult {
  samples: StepStabilitySample[];
  /** Fraction of all λh points outside the region. */
  fractionOutside: number;
  /** Fraction of samples with at least one λh outside. */
  fractionSamplesOutside: number;
  /** Largest |R| over all points, and where. */
  worstModulus: number;
  worst: { t: number; re: number; im: number } | null;
}

/**
 * λ·h against the stability region of the method that took each step: for every sample of
 * `spectrum` (jacobianSpectrum along the trajectory) the step covering its time, the points λ_i h,
 * |R(λ_i h)| and whether it is ≤ 1 + tol (tol absorbs rounding on the boundary, e.g. λ = 0).
 * A sample at the very end belongs to the last step. For "Auto" the steps must carry their methods
 * (recordSteps); for "BDF" each step's order is used when recorded, else order 5 (the smallest
 * region, so "inside" is then conservative).
 */
export function stepStability(
  spectrum: SpectrumAlongTrajectory,
  steps: AcceptedSteps,
  method: MethodName,
  tol = 1e-12,
): StepStabilityResult {
  if (spectrum === null || typeof spectrum !== "object" || !Array.isArray(spectrum.t))
    throw new OdeTypeError("spectrum", `expected a jacobianSpectrum result, got ${describeValue(spectrum)}`);
  if (steps === null || typeof steps !== "object" || !Array.isArray(steps.t) || !Array.isArray(steps.h))
    throw new OdeTypeError("steps", `expected { t, h } (acceptedSteps), got ${describeValue(steps)}`);
  const K = steps.t.length;
  if (K === 0) throw new OdeArgumentError("steps", "has no steps");
  if (steps.h.length !== K) throw new OdeArgumentError("steps.h", `has ${steps.h.length} entries, steps.t has ${K}`);
  for (const key of ["order", "method"] as const) {
    const v = steps[key];
    if (v !== undefined && v.length !== K)
      throw new OdeArgumentError(`steps.${key}`, `has ${v.length} entries, steps.t has ${K}`);
  }
  for (let k = 0; k < K; k++)
    if (!(Number.isFinite(steps.t[k]) && Number.isFinite(steps.h[k]) && steps.h[k] !== 0))
      throw new OdeArgumentError(
        "steps",
        `step ${k} has t = ${steps.t[k]}, h = ${steps.h[k]}: need finite t and h ≠ 0`,
      );
  const info = methodInfo(method);
  if (info.kind === "auto" && steps.method === undefined)
    throw new OdeArgumentError(
      "steps.method",
      `"${method}" switches methods: give the steps' methods (solveIVP with recordSteps: true)`,
    );
  if (!(tol >= 0)) throw new OdeArgumentError("tol", `must be ≥ 0, got ${tol}`);

  const cache = new Map<string, StabilityFunction>();
  const fnFor = (k: number): StabilityFunction => {
    const name = (info.kind === "auto" ? steps.method![k] : info.name) as MethodName;
    const order = methodInfo(name, `steps.method[${k}]`).kind === "bdf" ? (steps.order?.[k] ?? 5) : 0;
    const key = `${name}/${order}`;
    let fn = cache.get(key);
    if (fn === undefined) {
      fn = stabilityFunction(name, order > 0 ? { order } : {});
      cache.set(key, fn);
    }
    return fn;
  };
  const dir = Math.sign(steps.h[0]);
  const samples: StepStabilitySample[] = [];
  let points = 0;
  let outside = 0;
  let samplesOutside = 0;
  let worstModulus = 0;
  let worst: StepStabilityResult["worst"] = null;
  let k = 0;
  for (let s = 0; s < spectrum.t.length; s++) {
    const t = spectrum.t[s];
    // The step covering t: advance while the next step starts at or before t (times in the solve's direction).
    while (k + 1 < K && (steps.t[k + 1] - t) * dir <= 0) k++;
    while (k > 0 && (steps.t[k] - t) * dir > 0) k--;
    const h = steps.h[k];
    const fn = fnFor(k);
    const re = spectrum.re[s].map((x) => x * h);
    const im = spectrum.im[s].map((x) => x * h);
    const modulus = re.map((x, i) => fn.modulus(x, im[i]));
    const inside = modulus.map((m) => m <= 1 + tol);
    let any = false;
    modulus.forEach((m, i) => {
      points++;
      if (!inside[i]) {
        outside++;
        any = true;
      }
      if (m > worstModulus) {
        worstModulus = m;
        worst = { t, re: re[i], im: im[i] };
      }
    });
    if (any) samplesOutside++;
    samples.push({ t, h, method: fn.method, order: fn.order, re, im, modulus, inside });
  }
  return {
    samples,
    fractionOutside: points === 0 ? 0 : outside / points,
    fractionSamplesOutside: samples.length === 0 ? 0 : samplesOutside / samples.length,
    worstModulus,
    worst,
  };
}
