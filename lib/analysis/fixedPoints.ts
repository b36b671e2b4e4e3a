import { LuDecomposition, Matrix } from "ml-matrix";
import type { JacobianInPlace, RhsInPlace } from "../ode/types";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { mulberry32 } from "../random/mulberry32";
import { eigenvalues } from "./eigenvalues";
import { classifyFixedPoint, type FixedPointClass } from "./classify";
import { checkDimension, checkFunction, checkPositive, checkState } from "./checks";

/** Starts drawn uniformly in the box [low, high] (seeded, mulberry32). */
export interface GeneratedStarts {
  count: number;
  low: ArrayLike<number>;
  high: ArrayLike<number>;
  seed: number;
}

export interface FixedPointOptions {
  /** Newton starts: explicit states, or a seeded box to draw them from. */
  starts: Float64Array[] | GeneratedStarts;
  /** Converged when the Newton correction has ‖Δy‖∞ ≤ tol·(1 + ‖y‖∞) (then taken in full), or f(y) = 0 exactly. Default 1e-12. */
  tol?: number;
  /** Newton iterations per start. Default 50. */
  maxIterations?: number;
  /** Time at which the (autonomous) field is evaluated. Default 0. */
  t?: number;
  /** Tolerance of the classification, relative to max(1, max|λ|) (classifyFixedPoint). Default 1e-9. */
  classifyTol?: number;
}

export type StartStatus = "converged" | "singularJacobian" | "noConvergence" | "nonFinite";

/** What became of one start; failures are reported here, not thrown. */
export interface StartOutcome {
  start: number[];
  status: StartStatus;
  iterations: number;
  /** Index into `points` when converged, else -1. */
  point: number;
  message: string;
}

export interface FixedPoint {
  y: number[];
  /** ‖f(y)‖∞ at the point. */
  residual: number;
  eigenvalues: { re: number[]; im: number[] };
  classification: FixedPointClass;
  /** Indices of the starts that converged here. */
  starts: number[];
}

export interface FixedPointResult {
  points: FixedPoint[];
  starts: StartOutcome[];
}

// A pivot below this fraction of the largest makes J numerically singular (κ ≳ 1/(1e3·ε)).
const SINGULAR = 1e3 * Number.EPSILON;
// Armijo constant of the backtracking line search (Dennis & Schnabel 1996, Alg. A6.3.1).
const ARMIJO = 1e-4;
const MIN_DAMPING = 2 ** -20;

function buildStarts(s: FixedPointOptions["starts"], n: number): Float64Array[] {
  if (Array.isArray(s)) {
    if (s.length === 0) throw new OdeArgumentError("starts", "is empty: give at least one start");
    s.forEach((y, i) => {
      if (!(y instanceof Float64Array))
        throw new OdeTypeError(`starts[${i}]`, `expected a Float64Array, got ${describeValue(y)}`);
      checkState(`starts[${i}]`, y, n);
    });
    return s;
  }
  if (s === null || typeof s !== "object")
    throw new OdeTypeError("starts", `expected Float64Array[] or { count, low, high, seed }, got ${describeValue(s)}`);
  checkPositive("starts.count", s.count, true);
  checkState("starts.low", s.low, n);
  checkState("starts.high", s.high, n);
  for (let i = 0; i < n; i++)
    if (!(s.low[i] <= s.high[i]))
      throw new OdeArgumentError("starts.low", `component ${i} is ${s.low[i]} > starts.high's ${s.high[i]}`);
  const u = mulberry32(s.seed);
  const out: Float64Array[] = [];
  for (let k = 0; k < s.count; k++) {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = s.low[i] + (s.high[i] - s.low[i]) * u();
    out.push(y);
  }
  return out;
}

const normInf = (v: Float64Array): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/**
 * Fixed points f(y) = 0 of an autonomous field by damped Newton from each start (Deuflhard, Newton
 * Methods for Nonlinear Problems, 2004, §3; backtracking on ‖f‖₂ with the Armijo rule), deduplicated
 * (two points are one when ‖a − b‖₂ < 1e-6·max(1, ‖a‖₂, ‖b‖₂)), each with its Jacobian's eigenvalues
 * and class (classifyFixedPoint). `rhs` and `jacobian` are lib/ode's in-place forms (row-major J).
 * A start that meets a singular Jacobian, non-finite values or no convergence is reported in
 * `starts`, not thrown; bad arguments throw OdeTypeError / OdeArgumentError.
 */
export function findFixedPoints(
  rhs: RhsInPlace,
  jacobian: JacobianInPlace,
  n: number,
  options: FixedPointOptions,
): FixedPointResult {
  checkFunction("rhs", rhs);
  checkFunction("jacobian", jacobian);
  checkDimension(n);
  if (options === null || typeof options !== "object")
    throw new OdeTypeError("options", `expected { starts, tol, maxIterations }, got ${describeValue(options)}`);
  const tol = options.tol ?? 1e-12;
  const maxIt = options.maxIterations ?? 50;
  const t = options.t ?? 0;
  checkPositive("tol", tol);
  checkPositive("maxIterations", maxIt, true);
  if (typeof t !== "number" || !Number.isFinite(t))
    throw new OdeArgumentError("t", `must be a finite number, got ${describeValue(t)}`);
  const starts = buildStarts(options.starts, n);

  const y = new Float64Array(n);
  const trial = new Float64Array(n);
  const f = new Float64Array(n);
  const fTrial = new Float64Array(n);
  const J = new Float64Array(n * n);
  const points: FixedPoint[] = [];
  const outcomes: StartOutcome[] = [];

  for (let s = 0; s < starts.length; s++) {
    y.set(starts[s]);
    const outcome: StartOutcome = {
      start: Array.from(starts[s]),
      status: "noConvergence",
      iterations: 0,
      point: -1,
      message: "",
    };
    rhs(t, y, f);
    let fNorm = Math.hypot(...f);
    let it = 0;
    for (; it < maxIt; it++) {
      if (!Number.isFinite(fNorm)) {
        outcome.status = "nonFinite";
        outcome.message = `f is not finite at iteration ${it}, y = [${Array.from(y).join(", ")}]`;
        break;
      }
      jacobian(t, y, J);
      if (!J.every(Number.isFinite)) {
        outcome.status = "nonFinite";
        outcome.message = `the Jacobian is not finite at iteration ${it}`;
        break;
      }
      const lu = new LuDecomposition(Matrix.from1DArray(n, n, Array.from(J)));
      const U = lu.upperTriangularMatrix;
      let pMax = 0;
      let pMin = Infinity;
      for (let i = 0; i < n; i++) {
        pMax = Math.max(pMax, Math.abs(U.get(i, i)));
        pMin = Math.min(pMin, Math.abs(U.get(i, i)));
      }
      if (!(pMin > SINGULAR * pMax)) {
        outcome.status = "singularJacobian";
        outcome.message = `the Jacobian is singular at iteration ${it} (smallest/largest LU pivot ${pMin}/${pMax})`;
        break;
      }
      const dy = lu.solve(Matrix.columnVector(Array.from(f, (v) => -v))).getColumn(0);
      // A Newton correction below tol: take it in full and stop (‖f‖ is at its rounding floor,
      // where the line search's decrease test can no longer be met).
      let newton = 0;
      for (let i = 0; i < n; i++) newton = Math.max(newton, Math.abs(dy[i]));
      if (newton <= tol * (1 + normInf(y))) {
        for (let i = 0; i < n; i++) y[i] += dy[i];
        rhs(t, y, f);
        fNorm = Math.hypot(...f);
        outcome.status = Number.isFinite(fNorm) ? "converged" : "nonFinite";
        it++;
        break;
      }
      // Backtracking: halve the step until ‖f‖₂ decreases by the Armijo fraction.
      let lambda = 1;
      let fTrialNorm = NaN;
      for (;;) {
        for (let i = 0; i < n; i++) trial[i] = y[i] + lambda * dy[i];
        rhs(t, trial, fTrial);
        fTrialNorm = Math.hypot(...fTrial);
        if (fTrialNorm <= (1 - ARMIJO * lambda) * fNorm || lambda <= MIN_DAMPING) break;
        lambda /= 2;
      }
      y.set(trial);
      f.set(fTrial);
      fNorm = fTrialNorm;
      if (fNorm === 0) {
        outcome.status = "converged";
        it++;
        break;
      }
    }
    outcome.iterations = it;
    if (outcome.status === "noConvergence") outcome.message = `no convergence in ${maxIt} iterations (‖f‖₂ = ${fNorm})`;
    if (outcome.status === "converged") {
      const idx = points.findIndex((p) => {
        let d = 0;
        let a = 0;
        let b = 0;
        for (let i = 0; i < n; i++) {
          d += (p.y[i] - y[i]) ** 2;
          a += p.y[i] ** 2;
          b += y[i] ** 2;
        }
        return Math.sqrt(d) < 1e-6 * Math.max(1, Math.sqrt(a), Math.sqrt(b));
      });
      if (idx >= 0) {
        points[idx].starts.push(s);
        outcome.point = idx;
      } else {
        jacobian(t, y, J);
        const spectrum = eigenvalues(J, n, "jacobian");
        points.push({
          y: Array.from(y),
          residual: normInf(f),
          eigenvalues: spectrum,
          classification: classifyFixedPoint(spectrum, options.classifyTol ?? 1e-9),
          starts: [s],
        });
        outcome.point = points.length - 1;
      }
      outcome.message = `converged in ${it} iterations to point ${outcome.point}`;
    }
    outcomes.push(outcome);
  }
  return { points, starts: outcomes };
}
