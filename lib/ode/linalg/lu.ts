import { checkLength } from "./checkLength";
import { pivotOffset } from "./pivot";

/**
 * In-place dense LU factorisation with partial pivoting, PA = LU (Golub & Van Loan, Matrix
 * Computations, 4th ed., Alg. 3.4.1), of the row-major n×n matrix `a`; L (unit diagonal) and
 * U overwrite `a`, row interchanges go to `piv`. Returns 0, or k + 1 when the pivot of column
 * k is zero or not finite (the matrix is singular to working precision). No allocation.
 */
export function luFactor(a: Float64Array, n: number, piv: Int32Array): number {
  checkLength("a", a, n * n, `n² for n = ${n}`);
  checkLength("piv", piv, n, "n");
  for (let k = 0; k < n; k++) {
    const p = k + pivotOffset(a, k * n + k, n, n - k);
    const max = Math.abs(a[p * n + k]);
    piv[k] = p;
    if (max === 0 || !(max < Infinity)) return k + 1;
    // Row interchanges stay written out here and in bandLu.ts: a shared swap helper measured
    // ~5 % slower on 2–3-component stiff solves (bench/solverCases.ts, vdp_stiff and orego).
    if (p !== k) {
      const rk = k * n;
      const rp = p * n;
      for (let j = 0; j < n; j++) {
        const tmp = a[rk + j];
        a[rk + j] = a[rp + j];
        a[rp + j] = tmp;
      }
    }
    const inv = 1 / a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const l = (a[ri + k] *= inv);
      if (l === 0) continue;
      const rk = k * n;
      for (let j = k + 1; j < n; j++) a[ri + j] -= l * a[rk + j];
    }
  }
  return 0;
}

/** Solves (PA = LU) x = b in place in `b`, from the output of `luFactor`. Returns b. */
export function luSolve(lu: Float64Array, n: number, piv: Int32Array, b: Float64Array): Float64Array {
  checkLength("lu", lu, n * n, `n² for n = ${n}`);
  checkLength("piv", piv, n, "n");
  checkLength("b", b, n, "n");
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) {
      const tmp = b[k];
      b[k] = b[p];
      b[p] = tmp;
    }
  }
  for (let i = 1; i < n; i++) {
    let s = b[i];
    const ri = i * n;
    for (let j = 0; j < i; j++) s -= lu[ri + j] * b[j];
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    const ri = i * n;
    for (let j = i + 1; j < n; j++) s -= lu[ri + j] * b[j];
    b[i] = s / lu[ri + i];
  }
  return b;
}
