import type { Field64 } from "../sensitivity/field64";
import type { GradientMethod, SolverSpec } from "../sensitivity/gradientMethod";
import { discrete } from "../sensitivity/discrete";
import { mulberry32 } from "../random/mulberry32";
import { normalGenerator } from "../random/normal";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { checkPositive } from "./checks";
import { flowMapSigmaMax } from "./flowMapNorm";

export interface AdversarialOptions {
  /** Budget: ‖δ‖∞ ≤ ε (FGSM, PGD "linf") or ‖δ‖₂ ≤ ε (PGD "l2"). */
  epsilon: number;
  /** Horizon: the output is y(t0 + T). */
  T: number;
  t0?: number;
  /** Seed of the random start (mulberry32). */
  seed: number;
  /** Gradient method through the solve. Default discrete() (exact for the computed solution). */
  gradient?: GradientMethod;
  solver?: SolverSpec;
  /** σ_max(Φ(T)) at y0 when already known; else computed by finiteTimeLyapunov. */
  sigmaMax?: number;
}

export interface PgdOptions extends AdversarialOptions {
  norm: "l2" | "linf";
  /** Projected ascent steps. Default 20. */
  steps?: number;
  /** Step length α per iteration. Default 2.5ε/steps (Madry et al. 2018). */
  stepSize?: number;
}

export interface AdversarialResult {
  /** The perturbation of the initial state. */
  delta: Float64Array;
  /** ‖y(T; y0 + δ) − y(T; y0)‖₂. */
  change: number;
  /** ‖δ‖₂ and ‖δ‖∞. */
  deltaNorm2: number;
  deltaNormInf: number;
  /** σ_max(Φ(T)) at y0. */
  sigmaMax: number;
  /** change / (σ_max ‖δ‖₂): 1 for the worst linear perturbation, ≤ 1 for any other (linear field). */
  ratio: number;
  /** The output change after each iteration (FGSM: one entry). */
  history: number[];
  /** Solves and pullbacks used. */
  solves: number;
}

interface Objective {
  /** ‖y(T; y0 + δ) − y(T; y0)‖₂ and its gradient in δ into `grad`. */
  value(delta: Float64Array, grad: Float64Array): number;
  solves: number;
}

/** ½‖y(T; y0+δ) − y(T; y0)‖² has gradient Φ(y0+δ)ᵀ(y(T; y0+δ) − y(T; y0)): one solve and one pullback. */
function objective(field: Field64, y0: Float64Array, o: AdversarialOptions): Objective {
  const method = o.gradient ?? discrete();
  const solver = o.solver ?? {};
  const t0 = o.t0 ?? 0;
  const times = [t0, t0 + o.T];
  const base = method.solve(field, y0, times, solver).y[1].slice();
  const x = new Float64Array(y0.length);
  const diff = new Float64Array(y0.length);
  const obj: Objective = {
    solves: 1,
    value(delta, grad) {
      for (let i = 0; i < x.length; i++) x[i] = y0[i] + delta[i];
      const sol = method.solve(field, x, times, solver);
      const yT = sol.y[1];
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        diff[i] = yT[i] - base[i];
        s += diff[i] * diff[i];
      }
      grad.set(sol.pullback([null, diff]).y0);
      obj.solves++;
      return Math.sqrt(s);
    },
  };
  return obj;
}

function checkCommon(field: Field64, y0: Float64Array, o: AdversarialOptions): void {
  if (field === null || typeof field !== "object" || typeof field.vjp !== "function")
    throw new OdeTypeError("field", `expected a Field64, got ${describeValue(field)}`);
  if (!(y0 instanceof Float64Array)) throw new OdeTypeError("y0", `expected a Float64Array, got ${describeValue(y0)}`);
  if (y0.length !== field.dim)
    throw new OdeArgumentError("y0", `has ${y0.length} entries, expected one state of the field's dim ${field.dim}`);
  if (o === null || typeof o !== "object")
    throw new OdeTypeError("options", `expected { epsilon, T, seed, … }, got ${describeValue(o)}`);
  checkPositive("options.epsilon", o.epsilon);
  checkPositive("options.T", o.T);
  if (typeof o.seed !== "number" || !Number.isFinite(o.seed))
    throw new OdeArgumentError("options.seed", `must be a finite number, got ${describeValue(o.seed)}`);
  if (o.sigmaMax !== undefined) checkPositive("options.sigmaMax", o.sigmaMax);
}

function finish(
  field: Field64,
  y0: Float64Array,
  o: AdversarialOptions,
  delta: Float64Array,
  change: number,
  history: number[],
  solves: number,
): AdversarialResult {
  const sigmaMax = o.sigmaMax ?? flowMapSigmaMax(field, y0, o.T, o.solver, o.t0 ?? 0);
  let n2 = 0;
  let nInf = 0;
  for (const v of delta) {
    n2 += v * v;
    nInf = Math.max(nInf, Math.abs(v));
  }
  n2 = Math.sqrt(n2);
  return {
    delta,
    change,
    deltaNorm2: n2,
    deltaNormInf: nInf,
    sigmaMax,
    ratio: change / (sigmaMax * n2),
    history,
    solves,
  };
}

/**
 * FGSM on the initial state (Goodfellow, Shlens & Szegedy, ICLR 2015): δ = ε·sign(∇_δ ½‖y(T; y0+δ) −
 * y(T; y0)‖²), the gradient taken at a seeded uniform start δ₀ ∈ [−ε, ε]ⁿ (at δ = 0 it vanishes:
 * the start of Wong, Rice & Kolter, ICLR 2020). ‖δ‖∞ = ε; a zero gradient component gives δ_i = 0.
 */
export function fgsm(field: Field64, y0: Float64Array, options: AdversarialOptions): AdversarialResult {
  checkCommon(field, y0, options);
  const n = y0.length;
  const eps = options.epsilon;
  const obj = objective(field, y0, options);
  const rand = mulberry32(options.seed);
  const delta = new Float64Array(n);
  for (let i = 0; i < n; i++) delta[i] = eps * (2 * rand() - 1);
  const grad = new Float64Array(n);
  obj.value(delta, grad);
  for (let i = 0; i < n; i++) delta[i] = eps * Math.sign(grad[i]);
  const change = obj.value(delta, grad);
  return finish(field, y0, options, delta, change, [change], obj.solves);
}

/**
 * PGD on the initial state (Madry et al., ICLR 2018): from a seeded start uniform in the ball,
 * δ ← Π(δ + α·s), s = sign(∇) for "linf" (Π clips to [−ε, ε]) or ∇/‖∇‖₂ for "l2" (Π rescales onto
 * the ball), maximising ‖y(T; y0+δ) − y(T; y0)‖₂; returns the best iterate. For a linear field the
 * l2 iteration is a power iteration on I + cΦᵀΦ and converges to ε times the top right-singular
 * vector of Φ, with change ε·σ_max.
 */
export function pgd(field: Field64, y0: Float64Array, options: PgdOptions): AdversarialResult {
  checkCommon(field, y0, options);
  const norm = options.norm;
  if (norm !== "l2" && norm !== "linf")
    throw new OdeArgumentError("options.norm", `must be "l2" or "linf", got ${describeValue(norm)}`);
  const steps = options.steps ?? 20;
  checkPositive("options.steps", steps, true);
  const eps = options.epsilon;
  const alpha = options.stepSize ?? (2.5 * eps) / steps;
  checkPositive("options.stepSize", alpha);
  const n = y0.length;
  const rand = mulberry32(options.seed);
  const delta = new Float64Array(n);
  if (norm === "linf") for (let i = 0; i < n; i++) delta[i] = eps * (2 * rand() - 1);
  else {
    // Uniform in the ℓ2 ball: a normal direction, radius ε·u^{1/n}.
    const normal = normalGenerator(rand);
    let s = 0;
    for (let i = 0; i < n; i++) {
      delta[i] = normal();
      s += delta[i] * delta[i];
    }
    const r = (eps * Math.pow(rand(), 1 / n)) / Math.sqrt(s);
    for (let i = 0; i < n; i++) delta[i] *= r;
  }
  const obj = objective(field, y0, options);
  const grad = new Float64Array(n);
  const best = new Float64Array(n);
  let bestChange = -1;
  const history: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const change = obj.value(delta, grad);
    if (k > 0) history.push(change);
    if (change > bestChange) {
      bestChange = change;
      best.set(delta);
    }
    if (k === steps) break;
    if (norm === "linf")
      for (let i = 0; i < n; i++) delta[i] = Math.min(eps, Math.max(-eps, delta[i] + alpha * Math.sign(grad[i])));
    else {
      const g = Math.hypot(...grad);
      if (g === 0) break;
      let s = 0;
      for (let i = 0; i < n; i++) {
        delta[i] += (alpha * grad[i]) / g;
        s += delta[i] * delta[i];
      }
      const scale = Math.sqrt(s) > eps ? eps / Math.sqrt(s) : 1;
      for (let i = 0; i < n; i++) delta[i] *= scale;
    }
  }
  return finish(field, y0, options, best, bestChange, history, obj.solves);
}
