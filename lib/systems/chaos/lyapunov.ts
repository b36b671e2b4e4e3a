import { OdeArgumentError } from "../../ode/errors";
import type { VariationalSystem } from "./types";
import { LyapunovRunError } from "./errors";

export interface LyapunovOptions {
  /** RK4 step size, > 0. */
  dt: number;
  /** RK4 steps over which the exponents are averaged (after the transient). */
  steps: number;
  /** Steps taken first and discarded (onto the attractor, tangent vectors aligned). Default 0. */
  transient?: number;
  /** Re-orthonormalise every this many steps. Default 1. */
  renormEvery?: number;
  /** Number of exponents (leading k). Default n. */
  k?: number;
}

export interface LyapunovResult {
  /** λ_1 ≥ … ≥ λ_k (in the order QR produces them, which is descending once converged). */
  exponents: Float64Array;
  /** Running estimates after each renormalisation: [time, λ1, …, λk]. */
  history: number[][];
}

function positiveInt(name: string, v: number, allowZero = false): void {
  if (!Number.isInteger(v) || v < (allowZero ? 0 : 1))
    throw new OdeArgumentError(name, `must be a ${allowZero ? "non-negative" : "positive"} integer, got ${v}`);
}

/**
 * Lyapunov spectrum by the Benettin–Galgani–Giorgilli–Strelcyn (1980) / Shimada–Nagashima (1979)
 * method: the state and k tangent vectors (variational equations W' = J(y) W) advance together by
 * a fixed-step RK4 written in place (no allocation per step), and every `renormEvery` steps the
 * tangent vectors are re-orthonormalised by modified Gram–Schmidt (a QR factorisation W = QR,
 * W ← Q); λ_i = Σ log R_ii / (total time). `sys.rhs` and `sys.jacobian` are called with the state
 * alone (length n), never the augmented state. Throws a LyapunovRunError (a RangeError naming the
 * time and component) if the state or a tangent vector stops being finite.
 */
export function lyapunovSpectrum(sys: VariationalSystem, y0: ArrayLike<number>, o: LyapunovOptions): LyapunovResult {
  checkSystem(sys);
  if (o === null || typeof o !== "object")
    throw new TypeError(`invalid argument options: must be an object { dt, steps, … }, got ${String(o)}`);
  if (y0 === null || typeof y0 !== "object" || typeof y0.length !== "number")
    throw new TypeError(`invalid argument y0: must be an array of ${sys.n} numbers, got ${String(y0)}`);
  const n = sys.n;
  const k = o.k ?? n;
  const transient = o.transient ?? 0;
  const renorm = o.renormEvery ?? 1;
  if (!(o.dt > 0 && Number.isFinite(o.dt)))
    throw new OdeArgumentError("dt", `must be a finite number > 0, got ${o.dt}`);
  positiveInt("steps", o.steps);
  positiveInt("transient", transient, true);
  positiveInt("renormEvery", renorm);
  if (!(Number.isInteger(k) && k >= 1 && k <= n))
    throw new OdeArgumentError("k", `must be an integer in [1, ${n}], got ${k}`);
  if (y0.length !== n) throw new OdeArgumentError("y0", `has ${y0.length} entries, the system has ${n}`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(y0[i])) throw new OdeArgumentError("y0", `entry ${i} is not finite (${y0[i]})`);

  const N = n + n * k; // state, then W (n × k, row-major)
  const J = new Float64Array(n * n);
  /**
   * The augmented right-hand side. `sys.rhs` and `sys.jacobian` see only the state: views of
   * exactly n entries (made once), since a field that reads its input as a batch of states (the
   * fused network) would otherwise take the tangent vectors for more states.
   */
  const f = (t: number, s: Float64Array, sHead: Float64Array, d: Float64Array, dHead: Float64Array) => {
    sys.rhs(t, sHead, dHead);
    sys.jacobian(t, sHead, J);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < k; c++) {
        let acc = 0;
        for (let l = 0; l < n; l++) acc += J[i * n + l] * s[n + l * k + c];
        d[n + i * k + c] = acc;
      }
  };
  const s = new Float64Array(N);
  for (let i = 0; i < n; i++) s[i] = y0[i];
  for (let c = 0; c < k; c++) s[n + c * k + c] = 1;
  const k1 = new Float64Array(N);
  const k2 = new Float64Array(N);
  const k3 = new Float64Array(N);
  const k4 = new Float64Array(N);
  const tmp = new Float64Array(N);
  const [sH, k1H, k2H, k3H, k4H, tmpH] = [s, k1, k2, k3, k4, tmp].map((a) => a.subarray(0, n));
  const h = o.dt;
  const rk4 = (t: number) => {
    f(t, s, sH, k1, k1H);
    for (let i = 0; i < N; i++) tmp[i] = s[i] + 0.5 * h * k1[i];
    f(t + 0.5 * h, tmp, tmpH, k2, k2H);
    for (let i = 0; i < N; i++) tmp[i] = s[i] + 0.5 * h * k2[i];
    f(t + 0.5 * h, tmp, tmpH, k3, k3H);
    for (let i = 0; i < N; i++) tmp[i] = s[i] + h * k3[i];
    f(t + h, tmp, tmpH, k4, k4H);
    for (let i = 0; i < N; i++) s[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  };
  const checkState = (t: number) => {
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(s[i]))
        throw new LyapunovRunError(
          `lyapunovSpectrum: state component ${i} became non-finite (${s[i]}) at t = ${t} with dt = ${h}; ` +
            "the system diverges from y0 or dt is too large for RK4",
          t,
          i,
        );
  };
  const logR = new Float64Array(k);
  /** Modified Gram–Schmidt on the columns of W; adds log R_cc to logR when `accumulate`. */
  const gramSchmidt = (accumulate: boolean, t: number) => {
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let i = 0; i < n; i++) norm += s[n + i * k + c] ** 2;
      norm = Math.sqrt(norm);
      if (!(norm > 0) || !Number.isFinite(norm))
        throw new LyapunovRunError(
          `lyapunovSpectrum: tangent vector ${c} degenerated (norm ${norm}) at t = ${t} with dt = ${h}, ` +
            `renormEvery = ${renorm}: the flow diverges there, or lower dt or renormEvery`,
          t,
          c,
        );
      for (let i = 0; i < n; i++) s[n + i * k + c] /= norm;
      if (accumulate) logR[c] += Math.log(norm);
      for (let p = c + 1; p < k; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += s[n + i * k + p] * s[n + i * k + c];
        for (let i = 0; i < n; i++) s[n + i * k + p] -= dot * s[n + i * k + c];
      }
    }
  };
  // t = (steps taken)·h rather than a running sum, which drifts by an ulp per step.
  let t = 0;
  for (let step = 1; step <= transient; step++) {
    rk4(t);
    t = step * h;
    checkState(t);
    if (step % renorm === 0 || step === transient) gramSchmidt(false, t);
  }
  const history: number[][] = [];
  for (let step = 1; step <= o.steps; step++) {
    rk4(t);
    t = (transient + step) * h;
    checkState(t);
    if (step % renorm === 0 || step === o.steps) {
      gramSchmidt(true, t);
      const time = step * h;
      const row = new Array<number>(k + 1);
      row[0] = time;
      for (let c = 0; c < k; c++) row[c + 1] = logR[c] / time;
      history.push(row);
    }
  }
  const total = o.steps * h;
  return { exponents: Float64Array.from(logR, (v) => v / total), history };
}

/** The system's shape and functions, checked once before the run. */
function checkSystem(sys: VariationalSystem): void {
  if (sys === null || typeof sys !== "object")
    throw new TypeError(`invalid argument sys: must be an object { n, rhs, jacobian }, got ${String(sys)}`);
  if (!Number.isInteger(sys.n) || sys.n < 1)
    throw new OdeArgumentError("sys.n", `must be a positive integer, got ${sys.n}`);
  for (const key of ["rhs", "jacobian"] as const)
    if (typeof sys[key] !== "function")
      throw new TypeError(
        `invalid argument sys.${key}: must be a function (t, y, out) => void, got ${typeof sys[key]}`,
      );
}
