import { checkLength } from "./checkLength";
import { pivotOffset } from "./pivot";

/**
 * In-place LU factorisation with partial pivoting of an n×n band matrix with `lower`
 * subdiagonals and `upper` superdiagonals (LAPACK's dgbtf2, unblocked; Golub & Van Loan,
 * Matrix Computations, 4th ed., Alg. 4.3.5 with pivoting). Storage is row-major and
 * padded for the fill-in of pivoting: entry (i, j) sits at a[i·w + (j − i + lower)],
 * w = bandLuWidth(lower, upper) = 2·lower + upper + 1, for i − lower ≤ j ≤ i + lower + upper;
 * the `lower` extra superdiagonals must be zero on entry. Multipliers of column k overwrite
 * its subdiagonal entries; row interchanges go to `piv` and are applied during the solve
 * (not to L), as in LAPACK. Returns 0, or k + 1 when pivot k is zero or not finite. Cost
 * O(n·lower·(lower + upper)), no allocation.
 *
 * Written here because npm has no maintained band or sparse LU to reuse (ml-matrix is dense,
 * ml-sparse-matrix has no factorisation); it is 60 lines and tested against the dense LU.
 */
export function bandLuFactor(a: Float64Array, n: number, lower: number, upper: number, piv: Int32Array): number {
  const w = 2 * lower + upper + 1;
  checkLength("a", a, n * w, `n·(2·lower + upper + 1) for n = ${n}, lower = ${lower}, upper = ${upper}`);
  checkLength("piv", piv, n, "n");
  const reach = lower + upper; // U's upper bandwidth after row interchanges
  for (let k = 0; k < n; k++) {
    const iEnd = Math.min(n - 1, k + lower);
    const jEnd = Math.min(n - 1, k + reach);
    // Column k of row i is at offset (k − i + lower) in row i: a stride of w − 1 down the column.
    const p = k + pivotOffset(a, k * w + lower, w - 1, iEnd - k + 1);
    const max = Math.abs(a[p * w + k - p + lower]);
    piv[k] = p;
    if (max === 0 || !(max < Infinity)) return k + 1;
    if (p !== k) {
      for (let j = k; j <= jEnd; j++) {
        const ik = k * w + j - k + lower;
        const ip = p * w + j - p + lower;
        const tmp = a[ik];
        a[ik] = a[ip];
        a[ip] = tmp;
      }
    }
    const rk = k * w - k + lower; // a[rk + j] is (k, j)
    const inv = 1 / a[rk + k];
    for (let i = k + 1; i <= iEnd; i++) {
      const ri = i * w - i + lower;
      const l = (a[ri + k] *= inv);
      if (l === 0) continue;
      for (let j = k + 1; j <= jEnd; j++) a[ri + j] -= l * a[rk + j];
    }
  }
  return 0;
}

/** Row width of the padded band storage `bandLuFactor` works in. */
export function bandLuWidth(lower: number, upper: number): number {
  return 2 * lower + upper + 1;
}

/** Solves (PA = LU) x = b in place in `b` from the output of `bandLuFactor` (LAPACK's dgbtrs). Returns b. */
export function bandLuSolve(
  lu: Float64Array,
  n: number,
  lower: number,
  upper: number,
  piv: Int32Array,
  b: Float64Array,
): Float64Array {
  const w = 2 * lower + upper + 1;
  const reach = lower + upper;
  checkLength("lu", lu, n * w, `n·(2·lower + upper + 1) for n = ${n}, lower = ${lower}, upper = ${upper}`);
  checkLength("piv", piv, n, "n");
  checkLength("b", b, n, "n");
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) {
      const tmp = b[k];
      b[k] = b[p];
      b[p] = tmp;
    }
    const bk = b[k];
    if (bk === 0) continue;
    const iEnd = Math.min(n - 1, k + lower);
    for (let i = k + 1; i <= iEnd; i++) b[i] -= lu[i * w + k - i + lower] * bk;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * w - i + lower;
    const jEnd = Math.min(n - 1, i + reach);
    let s = b[i];
    for (let j = i + 1; j <= jEnd; j++) s -= lu[ri + j] * b[j];
    b[i] = s / lu[ri + i];
  }
  return b;
}
