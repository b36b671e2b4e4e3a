import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, SingularValueDecomposition, EigenvalueDecomposition, LuDecomposition } from "ml-matrix";
import { finiteTimeLyapunov, FlowMapSolveError } from "../../lib/analysis/ftle";
import { lorenz63Equations } from "../../lib/systems/chaos/lorenz";
import { solveIVP } from "../../lib/ode/solveIVP";

/** y' = A y, in place, and its constant Jacobian. */
function linear(A: number[][]) {
  const n = A.length;
  return {
    rhs: (_t: number, y: Float64Array, d: Float64Array) => {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[i][j] * y[j];
        d[i] = s;
      }
    },
    jac: (_t: number, _y: Float64Array, J: Float64Array) => {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) J[i * n + j] = A[i][j];
    },
  };
}

const tight = { method: "DOP853" as const, rtol: 1e-12, atol: 1e-14 };

test("symmetric A = Q diag(0.5, −1, −2) Qᵀ: Φ(T) = e^{AT}, σ_i = e^{λ_i T} (1e-9·σ_max), FTLE = 0.5 at every T (1e-6)", () => {
  const c = Math.cos(0.7);
  const s = Math.sin(0.7);
  const Q = [
    [c, -s, 0],
    [s, c, 0],
    [0, 0, 1],
  ];
  const D = [0.5, -1, -2];
  const A = [0, 1, 2].map((i) => [0, 1, 2].map((j) => D.reduce((acc, d, k) => acc + Q[i][k] * d * Q[j][k], 0)));
  const { rhs, jac } = linear(A);
  for (const T of [1, 5, 10]) {
    const r = finiteTimeLyapunov(rhs, jac, [0.3, -0.2, 1], T, tight);
    assert.ok(Math.abs(r.exponent - 0.5) < 1e-6, `T = ${T}: FTLE ${r.exponent}`);
    D.forEach((d, i) => {
      const sv = Math.exp(d * T);
      // Relative to σ_max: the solve and the SVD resolve Φ to its norm, not each singular value.
      assert.ok(
        Math.abs(r.singularValues[i] - sv) <= 1e-9 * r.singularValues[0],
        `σ${i} ${r.singularValues[i]} vs ${sv}`,
      );
      assert.ok(Math.abs(r.exponents[i] - d) < 1e-6);
    });
  }
});

test("normal A with a complex pair, [[0.2, −3], [3, 0.2]]: FTLE = Re λ = 0.2 (1e-6), both singular values e^{0.2T}; y(T) is e^{AT} y0", () => {
  const { rhs, jac } = linear([
    [0.2, -3],
    [3, 0.2],
  ]);
  const T = 4;
  const r = finiteTimeLyapunov(rhs, jac, [1, 0], T, tight);
  assert.ok(Math.abs(r.exponent - 0.2) < 1e-6, `FTLE ${r.exponent}`);
  assert.ok(Math.abs(r.exponents[1] - 0.2) < 1e-6);
  const g = Math.exp(0.2 * T);
  const yT = [g * Math.cos(3 * T), g * Math.sin(3 * T)];
  yT.forEach((v, i) => assert.ok(Math.abs(r.y[i] - v) < 1e-9, `y${i}(T) ${r.y[i]} vs ${v}`));
  // Φ(T) is the rotation-dilation itself.
  const Phi = [yT[0], -yT[1], yT[1], yT[0]];
  Phi.forEach((v, i) => assert.ok(Math.abs(r.flowMap[i] - v) < 1e-9, `Φ[${i}]`));
});

test("non-normal diagonalisable A = [[−1, 5], [0, 0.3]]: |FTLE − max Re λ| ≤ ln κ₂(V) / T and shrinks as T grows", () => {
  const A = [
    [-1, 5],
    [0, 0.3],
  ];
  const { rhs, jac } = linear(A);
  const V = new EigenvalueDecomposition(new Matrix(A)).eigenvectorMatrix;
  const kappa = new SingularValueDecomposition(V).condition;
  let last = Infinity;
  for (const T of [2, 10, 40]) {
    const r = finiteTimeLyapunov(rhs, jac, [0, 0], T, tight);
    const err = Math.abs(r.exponent - 0.3);
    assert.ok(err <= Math.log(kappa) / T, `T = ${T}: |FTLE − 0.3| = ${err} > ln κ / T = ${Math.log(kappa) / T}`);
    assert.ok(err < last, `T = ${T}: error ${err} did not shrink from ${last}`);
    last = err;
  }
  assert.ok(last < 0.05);
});

test("a failed variational solve throws FlowMapSolveError naming the status; bad input typed errors", () => {
  const { rhs, jac } = linear([[1]]);
  assert.throws(
    () => finiteTimeLyapunov(rhs, jac, [1], 10, { method: "DOPRI5", maxSteps: 3 }),
    (e: unknown) => {
      assert.ok(e instanceof FlowMapSolveError);
      assert.match((e as Error).message, /variational solve ended with status maxSteps/);
      return true;
    },
  );
  assert.throws(() => finiteTimeLyapunov(rhs, jac, [1], 0), {
    name: "OdeArgumentError",
    message: /invalid argument T: must be a finite number > 0, got 0/,
  });
  assert.throws(() => finiteTimeLyapunov(rhs, jac, [], 1), {
    name: "OdeArgumentError",
    message: /invalid argument n: must be a positive integer, got 0/,
  });
  assert.throws(() => finiteTimeLyapunov(rhs, jac, [NaN], 1), {
    name: "OdeArgumentError",
    message: /y0: component 0 is not finite \(NaN\)/,
  });
  assert.throws(() => finiteTimeLyapunov(rhs, "J" as never, [1], 1), {
    name: "OdeTypeError",
    message: /invalid argument jacobian: expected a function, got the string "J"/,
  });
  assert.throws(() => finiteTimeLyapunov(rhs, jac, 3 as never, 1), {
    name: "OdeTypeError",
    message: /invalid argument y0/,
  });
});

test("Lorenz-63 over T = 1: Φ(T) from the variational equation equals central differences of y(T) (h = 1e-5, 1e-6 relative to ‖Φ‖)", () => {
  const sys = lorenz63Equations(10, 28, 8 / 3);
  const y0 = [1, 1, 20];
  const T = 1;
  const r = finiteTimeLyapunov(sys.rhs, sys.jacobian, y0, T, tight);
  const h = 1e-5;
  const end = (y: number[]) => solveIVP(sys.rhs, [0, T], y, { ...tight, tEval: [T] }).y[0];
  let scale = 0;
  for (const v of r.flowMap) scale = Math.max(scale, Math.abs(v));
  for (let j = 0; j < 3; j++) {
    const up = end(y0.map((v, i) => (i === j ? v + h : v)));
    const down = end(y0.map((v, i) => (i === j ? v - h : v)));
    for (let i = 0; i < 3; i++) {
      const fd = (up[i] - down[i]) / (2 * h);
      assert.ok(Math.abs(r.flowMap[i * 3 + j] - fd) <= 1e-6 * scale, `Φ[${i}][${j}] ${r.flowMap[i * 3 + j]} vs ${fd}`);
    }
  }
  // Liouville: det Φ(T) = exp(∫ tr J dt) = exp(−(σ + 1 + β) T) for Lorenz-63 (constant trace).
  const M = new Matrix([0, 1, 2].map((i) => [0, 1, 2].map((j) => r.flowMap[i * 3 + j])));
  const det = new LuDecomposition(M).determinant;
  const liouville = Math.exp(-(10 + 1 + 8 / 3) * T);
  assert.ok(Math.abs(det - liouville) <= 1e-8 * liouville, `det Φ ${det} vs ${liouville}`);
  assert.ok(Math.abs(r.exponents.reduce((a, b) => a + b, 0) + 10 + 1 + 8 / 3) < 1e-7, "Σ FTLE = tr J");
});
