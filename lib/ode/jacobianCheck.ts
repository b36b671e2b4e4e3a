import type { CountedRhs } from "./types";
import type { IterationMatrix } from "./linalg/iterationMatrix";
import type { Rtol } from "./jacobian";
import { OdeArgumentError } from "./errors";

/** Relative disagreement above which an analytic entry is reported. */
export const JACOBIAN_CHECK_TOLERANCE = 1e-4;

/** A user Jacobian that disagrees with finite differences of f; names the entry and the time. */
export class JacobianMismatchError extends OdeArgumentError {
  constructor(
    readonly row: number,
    readonly column: number,
    readonly t: number,
    readonly analytic: number,
    readonly finiteDifference: number,
    readonly entries: number,
  ) {
    super(
      "jacobian",
      `at t=${t} entry (row ${row}, column ${column}) is ${analytic} but central differences of f give ` +
        `${finiteDifference}` +
        (entries > 1 ? ` (${entries} entries disagree` : ` (1 entry disagrees`) +
        ` beyond relative ${JACOBIAN_CHECK_TOLERANCE}); correct the Jacobian, or pass checkJacobian: false`,
    );
    this.name = "JacobianMismatchError";
  }
}

/**
 * Compares the analytic Jacobian in `matrix.jac` at (t, y) with central differences of f at two
 * steps, δ_j = u^(1/3)·max(|y_j|, atol_j/rtol_j) and δ_j/4 (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., Sec. 8.1: u^(1/3) balances the O(δ²) truncation and O(u/δ) round-off of
 * central differences). Their difference E estimates the error of the differences themselves,
 * so an entry is reported only when it disagrees with both by more than
 * JACOBIAN_CHECK_TOLERANCE·max(|J_ij|, |D_ij|) + 10·(E + u·F_i/δ_j), F_i the size of the terms of
 * f_i (the round-off of the difference): a kink of f between the two steps (ReLU, |x|) makes E
 * large and is not mistaken for a wrong entry, and an entry too small to show in f_i is not judged.
 * Costs 4 evaluations of f per column group (band: lower + upper + 1 groups). Throws
 * JacobianMismatchError naming the worst entry.
 */
export function checkAnalyticJacobian(
  f: CountedRhs,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  matrix: IterationMatrix,
  rtol: Rtol,
  atol: Float64Array,
): void {
  const { n, lower, upper } = matrix;
  const jac = matrix.jac;
  const size = jac.length;
  const fd = new Float64Array(size).fill(NaN);
  const spread = new Float64Array(size);
  const base = Float64Array.from(y);
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  const cbrt = Math.cbrt(Number.EPSILON);
  for (let j = 0; j < n; j++) {
    const r = typeof rtol === "number" ? rtol : rtol[j];
    let typical = Math.max(Math.abs(y[j]), r > 0 ? atol[j] / r : 0);
    if (!(typical > 0 && typical < Infinity)) typical = 1;
    d1[j] = y[j] + cbrt * typical - y[j];
    d2[j] = y[j] + 0.25 * cbrt * typical - y[j];
  }
  const fp1 = new Float64Array(n);
  const fm1 = new Float64Array(n);
  const fp2 = new Float64Array(n);
  const fm2 = new Float64Array(n);
  const stride = Math.min(n, lower + upper + 1);
  const shifted = (g: number, d: Float64Array, sign: number, out: Float64Array) => {
    for (let j = g; j < n; j += stride) y[j] = base[j] + sign * d[j];
    f(t, y, out);
    for (let j = g; j < n; j += stride) y[j] = base[j];
  };
  for (let g = 0; g < stride; g++) {
    shifted(g, d1, 1, fp1);
    shifted(g, d1, -1, fm1);
    shifted(g, d2, 1, fp2);
    shifted(g, d2, -1, fm2);
    for (let j = g; j < n; j += stride) {
      const iEnd = Math.min(n - 1, j + lower);
      for (let i = Math.max(0, j - upper); i <= iEnd; i++) {
        const a = (fp1[i] - fm1[i]) / (2 * d1[j]);
        const b = (fp2[i] - fm2[i]) / (2 * d2[j]);
        if (!Number.isFinite(a) || !Number.isFinite(b)) continue; // f undefined nearby: not checkable
        const p = matrix.index(i, j);
        fd[p] = b;
        spread[p] = Math.abs(a - b);
      }
    }
  }
  // Size of the terms summed in f_i, Σ_k |J_ik·y_k| + |f_i|: a difference of f_i is not resolved
  // below u times it (ROBER's f₁ = −0.04·y₁ + 1e4·y₂·y₃ hides a J₁₂ = 1e4·y₃ ≈ 1e-7 early on).
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) terms[i] = Math.abs(f0[i]);
  for (let p = 0; p < size; p++) {
    if (Number.isNaN(fd[p])) continue;
    const [i, j] = matrix.entryAt(p);
    terms[i] += Math.max(Math.abs(fd[p]), Math.abs(jac[p])) * Math.abs(y[j]);
  }
  let worst = -1;
  let worstRatio = 1;
  let count = 0;
  for (let p = 0; p < size; p++) {
    const D = fd[p];
    if (Number.isNaN(D)) continue;
    const U = jac[p];
    const [i, j] = matrix.entryAt(p);
    const roundOff = (Number.EPSILON * terms[i]) / d2[j];
    const allowed = JACOBIAN_CHECK_TOLERANCE * Math.max(Math.abs(U), Math.abs(D)) + 10 * (spread[p] + roundOff);
    const ratio = Math.abs(U - D) / allowed;
    if (ratio > 1) {
      count++;
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = p;
      }
    }
  }
  if (worst >= 0) {
    const [i, j] = matrix.entryAt(worst);
    throw new JacobianMismatchError(i, j, t, jac[worst], fd[worst], count);
  }
}
