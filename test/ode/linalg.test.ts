import { test } from "node:test";
import assert from "node:assert/strict";
import { luFactor, luSolve } from "../../lib/ode/linalg/lu";
import { pivotOffset } from "../../lib/ode/linalg/pivot";
import { finiteDifferenceJacobian } from "../../lib/ode/jacobian";
import { countedRhs, emptyStats } from "../../lib/ode/rhs";
import { problemSet } from "../../lib/index";

test("LU with partial pivoting solves a system that needs pivoting (residual < 1e-13)", () => {
  // a[0][0] = 0 forces a row interchange.
  const A = [0, 2, 1, 4, 1, -1, 2, 5, 3, 1, 1, 8, 7, -2, 1, 0];
  const n = 4;
  const b = [1, -2, 3, 0.5];
  const lu = Float64Array.from(A);
  const piv = new Int32Array(n);
  assert.equal(luFactor(lu, n, piv), 0);
  const x = luSolve(lu, n, piv, Float64Array.from(b));
  for (let i = 0; i < n; i++) {
    let r = -b[i];
    for (let j = 0; j < n; j++) r += A[i * n + j] * x[j];
    assert.ok(Math.abs(r) < 1e-13, `row ${i} residual ${r}`);
  }
});

test("LU reports the singular pivot (1-based) of a rank-deficient matrix", () => {
  const lu = Float64Array.from([1, 2, 3, 2, 4, 6, 1, 0, 1]); // row 2 = 2 × row 1
  const k = luFactor(lu, 3, new Int32Array(3));
  assert.equal(k, 3);
});

test("pivotOffset: the first largest |entry| down a strided column, a NaN head kept for the caller's finiteness test", () => {
  // Column 1 of a dense 4×4 (stride 4) below row 0: entries 3, −7, 7 → the first of the two 7s.
  const dense = Float64Array.from([0, 1, 0, 0, 0, 3, 0, 0, 0, -7, 0, 0, 0, 7, 0, 0]);
  assert.equal(pivotOffset(dense, 1 * 4 + 1, 4, 3), 1);
  // A band row of width 4 stores column k of row i at i·4 + k − i + lower: stride 3 down the column.
  const band = Float64Array.from([0, 2, 0, 0, -5, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(pivotOffset(band, 1, 3, 2), 1);
  assert.equal(pivotOffset(Float64Array.from([NaN, 4, 9]), 0, 1, 3), 0);
  assert.equal(pivotOffset(Float64Array.from([1, 9]), 0, 1, 1), 0);
});

test("forward-difference Jacobian matches the analytic one within its truncation + round-off bound", () => {
  for (const p of [problemSet.hires, problemSet.rober, problemSet.orego]) {
    const n = p.n;
    const stats = emptyStats();
    const f = countedRhs(p.rhs, n, stats);
    const y = Float64Array.from(p.y0, (v, i) => v + 0.01 * (i + 1));
    const f0 = new Float64Array(n);
    f(0, y, f0);
    const fd = new Float64Array(n * n);
    const exact = new Float64Array(n * n);
    finiteDifferenceJacobian(f, 0, y, f0, fd, new Float64Array(n), stats);
    p.jacobian(0, y, exact);
    // Forward differences with δ_j = sqrt(u·|y_j|): truncation O(δ |f''|) plus round-off
    // u·|f|/δ_j = sqrt(u)·|f|/sqrt(|y_j|) (Hairer & Wanner II, Sec. IV.8).
    const fMax = Math.max(...f0.map(Math.abs));
    for (let i = 0; i < n * n; i++) {
      const yj = Math.max(1e-5, Math.abs(y[i % n]));
      const bound = 1e-6 * Math.max(1, Math.abs(exact[i])) + (4 * Math.sqrt(Number.EPSILON) * fMax) / Math.sqrt(yj);
      assert.ok(Math.abs(fd[i] - exact[i]) <= bound, `${p.name} entry ${i}: ${fd[i]} vs ${exact[i]} (bound ${bound})`);
    }
    assert.equal(stats.njev, 1);
    assert.equal(stats.nfev, n + 1);
  }
});
