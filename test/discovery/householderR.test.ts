import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, QrDecomposition } from "ml-matrix";
import { householderR } from "../../lib/discovery/householderR";
import { mulberry32 } from "../../lib/random/index";

// R of A = QR is unique up to the sign of each row: against ml-matrix's QR (rows sign-normalised), and
// RᵀR = AᵀA (Q orthogonal), both on a graded matrix whose columns span 1e-3 … 1e3.
test("householderR: RᵀR = AᵀA and R = ml-matrix's R up to row signs (rel. 1e-12), zero columns give R_kk = 0", () => {
  const m = 300,
    N = 7;
  const rand = mulberry32(11);
  const A = new Matrix(m, N);
  for (let i = 0; i < m; i++) for (let j = 0; j < N; j++) A.set(i, j, (rand() - 0.5) * 10 ** (j - 3));
  const a = new Float64Array(m * N);
  for (let i = 0; i < m; i++) for (let j = 0; j < N; j++) a[j * m + i] = A.get(i, j);
  const R = householderR(a, m, N);
  const ata = A.transpose().mmul(A);
  for (let r = 0; r < N; r++)
    for (let c = 0; c < N; c++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += R[k * N + r] * R[k * N + c];
      assert.ok(Math.abs(s - ata.get(r, c)) <= 1e-12 * Math.sqrt(ata.get(r, r) * ata.get(c, c)), `(RᵀR)_${r}${c}`);
    }
  const ref = new QrDecomposition(A).upperTriangularMatrix;
  for (let r = 0; r < N; r++) {
    const sign = Math.sign(R[r * N + r]) * Math.sign(ref.get(r, r));
    for (let c = 0; c < N; c++) {
      const scale = Math.abs(ref.get(c, c));
      assert.ok(Math.abs(R[r * N + c] - sign * ref.get(r, c)) <= 1e-12 * scale, `R_${r}${c}`);
      if (c < r) assert.equal(R[r * N + c], 0);
    }
  }
  const z = new Float64Array(10 * 2); // second column zero
  for (let i = 0; i < 10; i++) z[i] = i + 1;
  assert.equal(householderR(z, 10, 2)[3], 0);
  assert.throws(() => householderR(new Float64Array(5), 3, 2), /length 5, expected m·N = 6/);
  assert.throws(() => householderR(new Float64Array(6), 2, 3), /needs m ≥ N/);
});
