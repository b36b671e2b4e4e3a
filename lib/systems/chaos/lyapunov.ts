import { OdeArgumentError } from "../../ode/errors";
import type { DynamicalSystem } from "./systems";

export interface LyapunovOptions {
  dt: number;
  /** RK4 steps after the transient. */
  steps: number;
  /** Steps discarded first (onto the attractor). Default 0. */
  transient?: number;
  /** Number of exponents (default all n). */
  k?: number;
  /** Re-orthonormalise every this many steps (default 1). */
  renormEvery?: number;
}

export interface LyapunovResult {
  exponents: Float64Array;
  /** Running estimates after each renormalisation: [time, λ1, …, λk]. */
  history: number[][];
}

/**
 * Lyapunov spectrum by the Benettin et al. (1980) / Shimada–Nagashima (1979) method: the state
 * and k tangent vectors (variational equations W' = J(y) W) advance together by RK4 in place,
 * and every `renormEvery` steps the tangent vectors are re-orthonormalised by modified
 * Gram–Schmidt; λ_i = Σ log R_ii / total time.
 */
export function lyapunovSpectrum(sys: DynamicalSystem, y0: ArrayLike<number>, o: LyapunovOptions): LyapunovResult {
  const n = sys.n;
  const k = o.k ?? n;
  if (!(o.dt > 0)) throw new OdeArgumentError("dt", `must be > 0, got ${o.dt}`);
  if (!(Number.isInteger(o.steps) && o.steps > 0))
    throw new OdeArgumentError("steps", `must be a positive integer, got ${o.steps}`);
  if (!(Number.isInteger(k) && k >= 1 && k <= n))
    throw new OdeArgumentError("k", `must be an integer in [1, ${n}], got ${k}`);
  if (y0.length !== n) throw new OdeArgumentError("y0", `has ${y0.length} entries, the system ${n}`);
  const renorm = o.renormEvery ?? 1;
  const N = n + n * k; // state, then W row-major n × k
  const J = new Float64Array(n * n);
  const f = (s: Float64Array, d: Float64Array) => {
    sys.rhs(0, s, d);
    sys.jacobian(0, s, J);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < k; c++) {
        let acc = 0;
        for (let l = 0; l < n; l++) acc += J[i * n + l] * s[n + l * k + c];
        d[n + i * k + c] = acc;
      }
  };
  const s = new Float64Array(N);
  s.set(Array.from(y0));
  for (let c = 0; c < k; c++) s[n + c * k + c] = 1;
  const k1 = new Float64Array(N);
  const k2 = new Float64Array(N);
  const k3 = new Float64Array(N);
  const k4 = new Float64Array(N);
  const tmp = new Float64Array(N);
  const h = o.dt;
  const rk4 = () => {
    f(s, k1);
    for (let i = 0; i < N; i++) tmp[i] = s[i] + 0.5 * h * k1[i];
    f(tmp, k2);
    for (let i = 0; i < N; i++) tmp[i] = s[i] + 0.5 * h * k2[i];
    f(tmp, k3);
    for (let i = 0; i < N; i++) tmp[i] = s[i] + h * k3[i];
    f(tmp, k4);
    for (let i = 0; i < N; i++) s[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  };
  const logR = new Float64Array(k);
  const gramSchmidt = (accumulate: boolean) => {
    for (let c = 0; c < k; c++) {
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += s[n + i * k + c] * s[n + i * k + p];
        for (let i = 0; i < n; i++) s[n + i * k + c] -= dot * s[n + i * k + p];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += s[n + i * k + c] ** 2;
      norm = Math.sqrt(norm);
      if (!(norm > 0) || !Number.isFinite(norm))
        throw new Error(
          `lyapunovSpectrum: tangent vector ${c} degenerated (norm ${norm}); lower dt or renormalise more often`,
        );
      for (let i = 0; i < n; i++) s[n + i * k + c] /= norm;
      if (accumulate) logR[c] += Math.log(norm);
    }
  };
  for (let step = 0; step < (o.transient ?? 0); step++) {
    rk4();
    if ((step + 1) % renorm === 0) gramSchmidt(false);
  }
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) s[n + i * k + c] = i === c ? 1 : 0;
  const history: number[][] = [];
  for (let step = 1; step <= o.steps; step++) {
    rk4();
    if (step % renorm === 0 || step === o.steps) {
      gramSchmidt(true);
      const time = step * h;
      history.push([time, ...Array.from(logR, (v) => v / time)]);
    }
    if (!Number.isFinite(s[0])) throw new Error(`lyapunovSpectrum: the state became non-finite at t=${step * h}`);
  }
  const total = o.steps * h;
  return { exponents: Float64Array.from(logR, (v) => v / total), history };
}
