/**
 * Partial pivoting's row choice (Golub & Van Loan, Matrix Computations, 4th ed., Sec. 3.4.3):
 * the offset s in 0 … count − 1 of the largest |a[start + s·stride]|, the first on ties; a column
 * below the diagonal, whether stored densely (stride n) or in a band's rows (stride width − 1).
 * A NaN first entry is kept, so the caller's finiteness test of that pivot reports it.
 */
export function pivotOffset(a: Float64Array, start: number, stride: number, count: number): number {
  let best = 0;
  let max = Math.abs(a[start]);
  for (let s = 1; s < count; s++) {
    const v = Math.abs(a[start + s * stride]);
    if (v > max) {
      max = v;
      best = s;
    }
  }
  return best;
}
