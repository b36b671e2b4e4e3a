import { OdeArgumentError } from "../../ode/errors";
import type { VariationalSystem } from "./types";

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
 * W ← Q); λ_i = Σ log R_ii / (total time).
 */
export function lyapunovSpectrum(sys: VariationalSystem, y0: ArrayLike<number>, o: LyapunovOptions): LyapunovResult {
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
  const f = (t: number, s: Float64Array, d: Float64Array) => {
    sys.rhs(t, s, d);
    sys.jacobian(t, s, J);
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
  const h = o.dt;
  const rk4 = (t: number) => {
    f(t, s, k1);
    for (let i = 0; i < N; i++) tmp[i] = s[i] + 0.5 * h * k1[i];
    f(t + 0.5 * h, tmp, k2);
    for (let i = 0; i < N; i++) tmp[i] = s[i] + 0.5 * h * k2[i];
    f(t + 0.5 * h, tmp, k3);
    for (let i = 0; i < N; i++) tmp[i] = s[i] + h * k3[i];
    f(t + h, tmp, k4);
    for (let i = 0; i < N; i++) s[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  };
  const logR = new Float64Array(k);
  /** Modified Gram–Schmidt on the columns of W; adds log R_cc to logR when `accumulate`. */
  const gramSchmidt = (accumulate: boolean, t: number) => {
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let i = 0; i < n; i++) norm += s[n + i * k + c] ** 2;
      norm = Math.sqrt(norm);
      if (!(norm > 0) || !Number.isFinite(norm))
        throw new Error(
          `lyapunovSpectrum: tangent vector ${c} degenerated at t=${t} (norm ${norm}); lower dt or renormEvery`,
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
  let t = 0;
  for (let step = 1; step <= transient; step++) {
    rk4(t);
    t += h;
    if (step % renorm === 0 || step === transient) gramSchmidt(false, t);
  }
  const history: number[][] = [];
  for (let step = 1; step <= o.steps; step++) {
    rk4(t);
    t += h;
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(s[i])) throw new Error(`lyapunovSpectrum: the state became non-finite at t=${t}`);
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
