import { test } from "node:test";
import assert from "node:assert/strict";
import { eigenvalues } from "../../lib/analysis/eigenvalues";
import { classifyFixedPoint } from "../../lib/analysis/classify";

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b} (tol ${tol})`);

test("companion matrix of (λ−1)(λ−2)(λ−3)(λ−4) = λ⁴ − 10λ³ + 35λ² − 50λ + 24: eigenvalues 4, 3, 2, 1 (1e-10)", () => {
  const A = new Float64Array([10, -35, 50, -24, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
  const s = eigenvalues(A, 4);
  [4, 3, 2, 1].forEach((l, i) => {
    close(s.re[i], l, 1e-10, `λ${i}`);
    assert.ok(Math.abs(s.im[i]) < 1e-10);
  });
});

test("non-symmetric V diag(2, 0.5, −5) V⁻¹ (V unit upper triangular, V⁻¹ exact): eigenvalues 2, 0.5, −5 (1e-13)", () => {
  const V = [
    [1, 1, 0],
    [0, 1, 1],
    [0, 0, 1],
  ];
  const Vi = [
    [1, -1, 1],
    [0, 1, -1],
    [0, 0, 1],
  ];
  const D = [2, 0.5, -5];
  const A = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) A[i * 3 + j] += V[i][k] * D[k] * Vi[k][j];
  const s = eigenvalues(A, 3);
  D.forEach((l, i) => close(s.re[i], l, 1e-13, `λ${i}`));
});

test("a rotation block [[a, −b], [b, a]] ⊕ [c]: the pair a ± ib and c, exactly conjugate", () => {
  const s = eigenvalues(new Float64Array([-0.3, -2, 0, 2, -0.3, 0, 0, 0, 1.5]), 3);
  close(s.re[0], 1.5, 1e-14, "c");
  close(s.re[1], -0.3, 1e-14, "Re");
  close(s.re[2], -0.3, 1e-14, "Re");
  assert.deepEqual(
    [Math.abs(s.im[1]), Math.abs(s.im[2])].map((v) => Math.abs(v - 2) < 1e-14),
    [true, true],
  );
  assert.equal(s.im[1], -s.im[2]);
  assert.equal(classifyFixedPoint(s), "saddle-focus");
});

test("1-D Laplacian tridiag(1, −2, 1), n = 20: λ_k = −2 + 2 cos(kπ/21) (1e-13)", () => {
  const n = 20;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    A[i * n + i] = -2;
    if (i > 0) A[i * n + i - 1] = 1;
    if (i < n - 1) A[i * n + i + 1] = 1;
  }
  const s = eigenvalues(A, n);
  for (let k = 1; k <= n; k++) close(s.re[k - 1], -2 + 2 * Math.cos((k * Math.PI) / (n + 1)), 1e-13, `λ${k}`);
});

test("classification tolerance: Re λ = ±1e-12 is non-hyperbolic at tol 1e-9, hyperbolic at tol 1e-13", () => {
  const s = { re: [1e-12, -1], im: [0, 0] };
  assert.equal(classifyFixedPoint(s), "center/non-hyperbolic");
  assert.equal(classifyFixedPoint(s, 1e-13), "saddle");
});

test("bad input: wrong type, wrong length, non-finite entry", () => {
  assert.throws(() => eigenvalues([1, 2, 3, 4] as unknown as Float64Array, 2), {
    name: "OdeTypeError",
    message: /invalid argument matrix: expected a Float64Array, got an array of length 4/,
  });
  assert.throws(() => eigenvalues(new Float64Array(5), 2), {
    name: "OdeArgumentError",
    message: /matrix: has 5 entries, expected n·n = 4/,
  });
  assert.throws(() => eigenvalues(new Float64Array([1, 0, Infinity, 1]), 2), {
    name: "OdeArgumentError",
    message: /matrix: entry \(1, 0\) is not finite \(Infinity\)/,
  });
});
