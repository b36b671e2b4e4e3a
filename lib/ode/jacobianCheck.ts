import type { CountedRhs } from "./types";
import type { IterationMatrix } from "./linalg/iterationMatrix";
import type { ColumnGroups } from "./sparsity/columnGroups";
import { OdeArgumentError } from "./errors";

/** rtol as the steppers hold it: one value, or one per component. */
export type Rtol = number | ArrayLike<number>;

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
 * Compares the analytic Jacobian in `matrix.jac` at (t, y) with difference quotients of f at two
 * steps, δ_j = u^(1/3)·|y_j| (u^(1/3)·atol_j/rtol_j at y_j = 0) and δ_j/4 (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., Sec. 8.1: u^(1/3) balances the O(δ²) truncation and O(u/δ) round-off of
 * central differences). The two steps' difference E estimates the error of the quotient itself,
 * so an entry is reported only when it disagrees with the central, the forward and the backward
 * quotient each by more than JACOBIAN_CHECK_TOLERANCE·max(|J_ij|, |D_ij|) + 10·(E + u·F_i/δ_j),
 * F_i the size of the terms of f_i (the round-off of the difference): a kink of f near y (ReLU,
 * |x|) is not mistaken for a wrong entry, and an entry too small to show in f_i is not judged.
 * Only the entries the column groups cover are judged (a sparsity pattern's, a band's, or all).
 * Checks `groupCount` column groups from `firstGroup` on (cyclically; default all).
 * Costs 4 evaluations of f per column group (band: lower + upper + 1 groups) and allocates its
 * work arrays (it runs at a few Jacobian evaluations, not per step). Throws
 * JacobianMismatchError naming the worst entry.
 */
export function checkAnalyticJacobian(
  f: CountedRhs,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  matrix: IterationMatrix,
  groups: ColumnGroups,
  rtol: Rtol,
  atol: Float64Array,
  firstGroup = 0,
  groupCount = groups.count,
): void {
  const n = matrix.n;
  const jac = matrix.jac;
  const base = Float64Array.from(y);
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  const cbrt = Math.cbrt(Number.EPSILON);
  for (let j = 0; j < n; j++) {
    const r = typeof rtol === "number" ? rtol : rtol[j];
    // The component's own size (f = −√y near y = 1e-12 varies on that scale), at 0 the noise floor atol/rtol.
    let typical = y[j] !== 0 ? Math.abs(y[j]) : r > 0 ? atol[j] / r : 0;
    if (!(typical > 0 && typical < Infinity)) typical = 1;
    d1[j] = y[j] + cbrt * typical - y[j];
    d2[j] = y[j] + 0.25 * cbrt * typical - y[j];
  }
  // Size of the terms summed in f_i, |f_i| + Σ_k |J_ik·y_k|: a difference of f_i is not resolved
  // below u times it (ROBER's f₁ = −0.04·y₁ + 1e4·y₂·y₃ hides a J₁₂ = 1e4·y₃ ≈ 1e-7 early on).
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) terms[i] = Math.abs(f0[i]);
  for (let p = 0; p < jac.length; p++) {
    const [i, j] = matrix.entryAt(p);
    if (j >= 0 && j < n) terms[i] += Math.abs(jac[p] * y[j]); // band storage pads outside the matrix
  }
  const fp1 = new Float64Array(n);
  const fm1 = new Float64Array(n);
  const fp2 = new Float64Array(n);
  const fm2 = new Float64Array(n);
  const { groupStart, columns, rowStart, rows } = groups;
  const shifted = (g: number, d: Float64Array, sign: number, out: Float64Array) => {
    for (let c = groupStart[g]; c < groupStart[g + 1]; c++) y[columns[c]] = base[columns[c]] + sign * d[columns[c]];
    f(t, y, out);
    for (let c = groupStart[g]; c < groupStart[g + 1]; c++) y[columns[c]] = base[columns[c]];
  };
  let worst = -1;
  let worstRatio = 1;
  let worstFd = NaN;
  let count = 0;
  for (let q = 0; q < Math.min(groupCount, groups.count); q++) {
    const g = (firstGroup + q) % groups.count;
    shifted(g, d1, 1, fp1);
    shifted(g, d1, -1, fm1);
    shifted(g, d2, 1, fp2);
    shifted(g, d2, -1, fm2);
    for (let c = groupStart[g]; c < groupStart[g + 1]; c++) {
      const j = columns[c];
      const pEnd = rowStart === null ? n : rowStart[j + 1];
      for (let q = rowStart === null ? 0 : rowStart[j]; q < pEnd; q++) {
        const i = rows === null ? q : rows[q];
        const p = matrix.index(i, j);
        const U = jac[p];
        const roundOff = (Number.EPSILON * terms[i]) / d2[j];
        // Central, forward and backward differences, each at δ and δ/4; the entry passes if it
        // agrees with any of them (a kink at y: the user's one-sided derivative is right).
        const central = (fp2[i] - fm2[i]) / (2 * d2[j]);
        const r0 = mismatch(U, (fp1[i] - fm1[i]) / (2 * d1[j]), central, roundOff);
        const r1 = mismatch(U, (fp1[i] - f0[i]) / d1[j], (fp2[i] - f0[i]) / d2[j], roundOff);
        const r2 = mismatch(U, (f0[i] - fm1[i]) / d1[j], (f0[i] - fm2[i]) / d2[j], roundOff);
        const ratio = minJudged(r0, minJudged(r1, r2));
        if (ratio > 1) {
          count++;
          if (ratio > worstRatio) {
            worstRatio = ratio;
            worst = p;
            worstFd = central;
          }
        }
      }
    }
  }
  if (worst >= 0) {
    const [i, j] = matrix.entryAt(worst);
    throw new JacobianMismatchError(i, j, t, jac[worst], worstFd, count);
  }
}

/**
 * |U − b| relative to what the differences can resolve, from a difference quotient at δ (a) and
 * δ/4 (b); NaN when f is undefined there (that quotient cannot judge the entry).
 */
function mismatch(U: number, a: number, b: number, roundOff: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return NaN;
  if (U === b) return 0;
  const allowed = JACOBIAN_CHECK_TOLERANCE * Math.max(Math.abs(U), Math.abs(b)) + 10 * (Math.abs(a - b) + roundOff);
  return Math.abs(U - b) / allowed;
}

/** The smaller of two ratios, a NaN (not judged) giving way to the other. */
function minJudged(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b);
}
