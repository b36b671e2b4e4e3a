/**
 * The triangular factor R of a tall matrix A = QR (m ≥ N) by Householder reflections, Q not formed
 * (Golub & Van Loan, Matrix Computations, 4th ed., Algorithm 5.2.1). `a` is A column-major (m·N) and
 * is overwritten; R comes back row-major N·N with the signs Householder gives (R_kk may be < 0).
 *
 * Why not ml-matrix's QrDecomposition, used elsewhere: on the 5001 × 23 [Θ | Ẋ] of a degree-3 SINDy
 * fit it took 18 ms against 4.5 ms for this loop over contiguous columns (best of 10, one run), and
 * this factorisation is most of sindy()'s time (bench/interpret.md).
 */
export function householderR(a: Float64Array, m: number, N: number): Float64Array {
  if (a.length !== m * N) throw new RangeError(`householderR: a has length ${a.length}, expected m·N = ${m * N}`);
  if (m < N) throw new RangeError(`householderR: needs m ≥ N, got m = ${m}, N = ${N}`);
  const R = new Float64Array(N * N);
  for (let k = 0; k < N; k++) {
    const ck = k * m;
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += a[ck + i] * a[ck + i];
    const norm = Math.sqrt(norm2);
    // Reflect x = a[k:, k] onto alpha·e1, alpha of the opposite sign to x_k (no cancellation in v).
    const xk = a[ck + k];
    const alpha = xk > 0 ? -norm : norm;
    if (norm !== 0) {
      a[ck + k] = xk - alpha; // v = x − alpha e1, kept in place of x
      const vv = 2 * norm * (norm + Math.abs(xk)); // ||v||² = 2 norm² − 2 x_k alpha
      for (let j = k + 1; j < N; j++) {
        const cj = j * m;
        let s = 0;
        for (let i = k; i < m; i++) s += a[ck + i] * a[cj + i];
        const f = (2 * s) / vv;
        for (let i = k; i < m; i++) a[cj + i] -= f * a[ck + i];
      }
    }
    R[k * N + k] = alpha;
    for (let j = k + 1; j < N; j++) R[k * N + j] = a[j * m + k];
  }
  return R;
}
