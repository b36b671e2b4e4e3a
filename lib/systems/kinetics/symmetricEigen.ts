/**
 * Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method (Golub & Van Loan,
 * Matrix Computations, 4th ed., Alg. 8.5.3): plane rotations annihilate each off-diagonal entry in
 * turn until the off-diagonal norm is below ε·‖A‖_F. Accurate to working precision in every
 * eigenvalue, small ones included (Demmel & Veselić 1992), which is what a conditioning
 * diagnosis needs; O(p³) per sweep, meant for the p ≤ a few dozen of a parameter fit.
 *
 * `a` (row-major p × p, symmetric) is overwritten; returns the eigenvalues in descending order and
 * the eigenvectors as the columns of the row-major `vectors` (p × p).
 */
export function symmetricEigen(a: Float64Array, p: number): { values: Float64Array; vectors: Float64Array } {
  if (a.length !== p * p)
    throw new RangeError(`invalid argument a: expected length ${p * p} (p = ${p}), got ${a.length}`);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  let norm = 0;
  for (let i = 0; i < p * p; i++) norm += a[i] * a[i];
  const tol = Number.EPSILON * Math.sqrt(norm);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += 2 * a[i * p + j] * a[i * p + j];
    if (Math.sqrt(off) <= tol) break;
    for (let k = 0; k < p; k++)
      for (let l = k + 1; l < p; l++) {
        const akl = a[k * p + l];
        if (akl === 0) continue;
        // Rotation angle that zeroes a_kl (Golub & Van Loan Alg. 8.5.1, the smaller root for stability).
        const tau = (a[l * p + l] - a[k * p + k]) / (2 * akl);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let i = 0; i < p; i++) {
          const aik = a[i * p + k];
          const ail = a[i * p + l];
          a[i * p + k] = c * aik - s * ail;
          a[i * p + l] = s * aik + c * ail;
        }
        for (let j = 0; j < p; j++) {
          const akj = a[k * p + j];
          const alj = a[l * p + j];
          a[k * p + j] = c * akj - s * alj;
          a[l * p + j] = s * akj + c * alj;
        }
        for (let i = 0; i < p; i++) {
          const vik = v[i * p + k];
          const vil = v[i * p + l];
          v[i * p + k] = c * vik - s * vil;
          v[i * p + l] = s * vik + c * vil;
        }
      }
  }
  const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => a[y * p + y] - a[x * p + x]);
  const values = Float64Array.from(order, (i) => a[i * p + i]);
  const vectors = new Float64Array(p * p);
  order.forEach((src, dst) => {
    for (let i = 0; i < p; i++) vectors[i * p + dst] = v[i * p + src];
  });
  return { values, vectors };
}
