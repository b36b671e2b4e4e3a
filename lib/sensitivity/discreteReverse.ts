import type { ExplicitTableau } from "../ode/tableaus/tableau";
import type { Field64 } from "./field64";
import type { StepRecording } from "./stepRecording";
import { polynomialWeights } from "../ode/steppers/rungeKuttaDense";

/**
 * Where each output y(t_k) came from: the accepted step `step[k]` (−1 for y0), and θ_k inside it
 * (NaN: the step's end state y_{n+1}; else the continuous extension y_n + Σ_i q_i(θ) k_i).
 */
export interface OutputSources {
  step: Int32Array;
  theta: Float64Array;
}

/** A tableau's data as the sweep reads it: flat a (s·s), b, the dense matrix P (rows s + 1), stage pruning. */
export interface SweepTableau {
  s: number;
  a: Float64Array;
  b: Float64Array;
  P: Float64Array | null;
  pCols: number;
  /** needed[i]: the solution uses stage i (directly or through a later stage that uses it). */
  needed: boolean[];
  /** The same when the continuous extension is read inside the step. */
  neededDense: boolean[];
}

const sweepTableaus = new WeakMap<ExplicitTableau, SweepTableau>();

export function sweepTableau(tab: ExplicitTableau): SweepTableau {
  const cached = sweepTableaus.get(tab);
  if (cached) return cached;
  const s = tab.stages;
  const a = new Float64Array(s * s);
  for (let i = 0; i < s; i++) for (let j = 0; j < i; j++) a[i * s + j] = tab.a[i][j] ?? 0;
  const b = Float64Array.from(tab.b);
  const pCols = tab.P ? tab.P[0].length : 0;
  const P = tab.P ? new Float64Array(tab.P.flatMap((row) => row)) : null;
  // Row s of P multiplies K row s, which a FSAL stepper never writes (zero): it has no derivative.
  const neededFor = (dense: boolean): boolean[] => {
    const need = new Array<boolean>(s).fill(false);
    for (let i = s - 1; i >= 0; i--) {
      need[i] = b[i] !== 0;
      if (dense && P !== null) for (let j = 0; j < pCols; j++) if (P[i * pCols + j] !== 0) need[i] = true;
      for (let j = i + 1; j < s; j++) if (need[j] && a[j * s + i] !== 0) need[i] = true;
    }
    return need;
  };
  const st = { s, a, b, P, pCols, needed: neededFor(false), neededDense: neededFor(true) };
  sweepTableaus.set(tab, st);
  return st;
}

/** Work arrays of one sweep (n = batch state, s stages): pooled with the recording. */
export interface SweepWork {
  /** k̄ (s·n) and its rows as views. */
  kBar: Float64Array;
  kRows: Float64Array[];
  gY: Float64Array;
  f: Float64Array;
  q: Float64Array;
}

/**
 * Reverse mode through the recorded accepted steps, the step sizes held fixed (what diffrax's
 * RecursiveCheckpointAdjoint and backprop through torchdiffeq's odeint compute). Per step, from
 * ȳ_{n+1} and the cotangents of outputs inside it:
 *   k̄_i = h b_i ȳ_{n+1} + Σ_outputs q_i(θ) ȳ(t_k),  stages i = s−1 … 0 in reverse:
 *   Ȳ_i = k̄_iᵀ ∂f/∂y(Y_i),  θ̄ += k̄_iᵀ ∂f/∂θ(Y_i),  k̄_j += h a_ij Ȳ_i (j < i),
 *   ȳ_n = ȳ_{n+1} + Σ_i Ȳ_i + Σ_outputs ȳ(t_k)
 * (Hairer, Nørsett & Wanner I, Sec. II.6 for the continuous extension; Hager, Numer. Math. 87
 * (2000) 247–282, doi:10.1007/s002110000178, for the adjoint of a Runge–Kutta step). One
 * vector–Jacobian product per stage the solution uses (6 of DOPRI5's 7: its FSAL stage only
 * estimates the error, unless the step holds an interpolated output). Writes θ̄ into `gTheta`,
 * ȳ_0 into `gY0` (both zeroed here) and returns the number of vector–Jacobian products.
 */
export function reverseSweep(
  field: Field64,
  rec: StepRecording,
  tab: SweepTableau,
  out: OutputSources,
  yBar: readonly (Float64Array | null)[],
  work: SweepWork,
  gTheta: Float64Array,
  gY0: Float64Array,
): number {
  const { s, a, b, P, pCols } = tab;
  const n = rec.n;
  const { kBar, kRows, gY, f, q } = work;
  const recorded = rec.recordLength > 0;
  gTheta.fill(0);
  const ybar = gY0;
  ybar.fill(0);
  let vjps = 0;
  let oi = yBar.length - 1;
  for (let m = rec.steps - 1; m >= 0; m--) {
    const h = rec.stepH[m];
    for (; oi >= 1 && out.step[oi] === m && Number.isNaN(out.theta[oi]); oi--) {
      const g = yBar[oi];
      if (g !== null) for (let c = 0; c < n; c++) ybar[c] += g[c];
    }
    for (let i = 0; i < s; i++) {
      const w = h * b[i];
      const off = i * n;
      for (let c = 0; c < n; c++) kBar[off + c] = w * ybar[c];
    }
    let dense = false;
    for (; oi >= 1 && out.step[oi] === m; oi--) {
      const g = yBar[oi];
      if (g === null) continue;
      dense = true;
      polynomialWeights(P!, pCols, s, h, out.theta[oi], q);
      for (let i = 0; i < s; i++) {
        const w = q[i];
        if (w === 0) continue;
        const off = i * n;
        for (let c = 0; c < n; c++) kBar[off + c] += w * g[c];
      }
      for (let c = 0; c < n; c++) ybar[c] += g[c];
    }
    const need = dense ? tab.neededDense : tab.needed;
    for (let i = s - 1; i >= 0; i--) {
      if (!need[i]) continue;
      const id = rec.stepEvals[m * s + i];
      const t = rec.evalT[id];
      const ki = kRows[i];
      if (recorded) field.vjpRecorded!(t, rec.inputs[id], rec.records[id], ki, gY, gTheta, 1);
      else field.vjp(t, rec.inputs[id], ki, f, gY, gTheta, 1);
      vjps++;
      for (let c = 0; c < n; c++) ybar[c] += gY[c];
      for (let j = 0; j < i; j++) {
        const w = h * a[i * s + j];
        if (w === 0) continue;
        const off = j * n;
        for (let c = 0; c < n; c++) kBar[off + c] += w * gY[c];
      }
    }
  }
  const g0 = yBar[0];
  if (g0 !== null) for (let c = 0; c < n; c++) ybar[c] += g0[c];
  return vjps;
}
