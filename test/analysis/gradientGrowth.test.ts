import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { gradientGrowthWithDepth, gradientGrowthWithTime } from "../../lib/analysis/gradientGrowth";
import { linearField64 } from "../../lib/analysis/linearField64";
import { discrete } from "../../lib/sensitivity/discrete";
import { adjoint } from "../../lib/sensitivity/adjoint";
import { OdeArgumentError } from "../../lib/ode/errors";
import { mlp64 } from "../../lib/neural/fields/mlp64";
import { flowMapSigmaMax } from "../../lib/analysis/flowMapNorm";

const tight = { method: "DOP853" as const, rtol: 1e-12, atol: 1e-14 };
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Q diag(d) Qᵀ with Q a rotation by 0.9: a normal (symmetric) matrix with eigenvalues d. */
function symmetric(d: [number, number]): number[] {
  const c = Math.cos(0.9);
  const s = Math.sin(0.9);
  const Q = [
    [c, -s],
    [s, c],
  ];
  return [0, 1].flatMap((i) => [0, 1].map((j) => d[0] * Q[i][0] * Q[j][0] + d[1] * Q[i][1] * Q[j][1]));
}
const sv = (M: Matrix) => new SingularValueDecomposition(M, { autoTranspose: true }).diagonal;

test("time: ‖∂y(T)/∂y0‖₂ = ‖e^{AT}‖₂ = e^{λ_max T}, σ_min = e^{λ_min T} for symmetric A (1e-8), exploding for λ_max = 0.4 and vanishing for A negative definite; slope of ln‖·‖ = λ_max (1e-8)", () => {
  const Ts = [0.5, 1, 2, 4, 8];
  for (const d of [
    [0.4, -0.7],
    [-0.3, -1.2],
  ] as [number, number][]) {
    const g = gradientGrowthWithTime(linearField64(symmetric(d), 2), Float64Array.from([0.3, -1]), Ts, {
      solver: tight,
    });
    g.points.forEach((p, k) => {
      assert.ok(rel(p.jacobianNorm, Math.exp(d[0] * Ts[k])) < 1e-8, `T = ${Ts[k]}: ${p.jacobianNorm}`);
      assert.ok(
        rel(p.jacobianMinSingular, Math.exp(d[1] * Ts[k])) < 1e-8,
        `T = ${Ts[k]}: σ_min ${p.jacobianMinSingular}`,
      );
      // L = ⟨c, e^{AT}y0⟩ with c = 𝟙/√2: ∂L/∂y0 = e^{AᵀT}c ≤ ‖e^{AT}‖₂.
      assert.ok(p.lossGradY0 <= p.jacobianNorm * (1 + 1e-12));
    });
    assert.ok(Math.abs(g.slope! - d[0]) < 1e-8, `slope ${g.slope}`);
  }
});

test("depth: ‖∂y_N/∂y0‖₂ = ‖(I + hA)^N‖₂, h = T/N, for a non-normal A (1e-12); it tends to ‖e^{AT}‖₂ as N grows", () => {
  const A = [-1, 5, 0, -2];
  const T = 2;
  const depths = [1, 2, 4, 8, 16, 64];
  const g = gradientGrowthWithDepth(linearField64(A, 2), Float64Array.from([1, 0.5]), T, depths);
  g.points.forEach((p, k) => {
    const N = depths[k];
    const step = Matrix.eye(2).add(Matrix.from1DArray(2, 2, A).mul(T / N));
    let M = Matrix.eye(2);
    for (let l = 0; l < N; l++) M = M.mmul(step);
    assert.ok(rel(p.jacobianNorm, Math.max(...sv(M))) < 1e-12, `N = ${N}: ${p.jacobianNorm}`);
    assert.equal(p.depth, N);
  });
  const exact = Math.max(
    ...sv(
      new Matrix([
        [Math.exp(-T), 5 * (Math.exp(-T) - Math.exp(-2 * T))],
        [0, Math.exp(-2 * T)],
      ]),
    ),
  );
  const errs = g.points.map((p) => Math.abs(p.jacobianNorm - exact));
  assert.ok(errs[5] < errs[3] && errs[3] < errs[1], `errors ${errs}`);
});

test("‖∂L/∂θ‖ and ‖∂L/∂y0‖ against central differences of L = ⟨c, y(T)⟩ (RK4 fixed step and Euler depth: 1e-7)", () => {
  const A = [0.2, -1, 0.8, -0.5];
  const y0 = Float64Array.from([0.7, -0.2]);
  const c = [0.6, -0.8];
  const T = 1.5;
  const L = (theta: number[], y: Float64Array, steps: number, method: "RK4" | "Euler") => {
    const f = linearField64(theta, 2);
    const times = Array.from({ length: steps + 1 }, (_, l) => (l * T) / steps);
    const sol = discrete().solve(f, y, times, { method });
    const yT = sol.y[steps];
    return c[0] * yT[0] + c[1] * yT[1];
  };
  const fd = (steps: number, method: "RK4" | "Euler") => {
    const eps = 1e-6;
    const gTheta = A.map((_, p) => {
      const up = A.slice();
      const dn = A.slice();
      up[p] += eps;
      dn[p] -= eps;
      return (L(up, y0, steps, method) - L(dn, y0, steps, method)) / (2 * eps);
    });
    const gY = [0, 1].map((i) => {
      const up = Float64Array.from(y0);
      const dn = Float64Array.from(y0);
      up[i] += eps;
      dn[i] -= eps;
      return (L(A, up, steps, method) - L(A, dn, steps, method)) / (2 * eps);
    });
    return { theta: Math.hypot(...gTheta), y0: Math.hypot(...gY) };
  };
  const time = gradientGrowthWithTime(linearField64(A, 2), y0, [T], {
    solver: { method: "RK4", step: T / 50 },
    cotangent: c,
  });
  const ref = fd(50, "RK4");
  assert.ok(rel(time.points[0].lossGradTheta, ref.theta) < 1e-7, `θ: ${time.points[0].lossGradTheta} vs ${ref.theta}`);
  assert.ok(rel(time.points[0].lossGradY0, ref.y0) < 1e-7);
  const depth = gradientGrowthWithDepth(linearField64(A, 2), y0, T, [7], { cotangent: c });
  const refE = fd(7, "Euler");
  assert.ok(
    rel(depth.points[0].lossGradTheta, refE.theta) < 1e-7,
    `θ: ${depth.points[0].lossGradTheta} vs ${refE.theta}`,
  );
  assert.ok(rel(depth.points[0].lossGradY0, refE.y0) < 1e-7);
});

test("bad arguments name themselves", () => {
  const f = linearField64([1, 0, 0, 1], 2);
  const y0 = Float64Array.from([1, 1]);
  const bad = (fn: () => unknown, arg: string) =>
    assert.throws(fn, (e: unknown) => e instanceof OdeArgumentError && e.argument === arg, arg);
  bad(() => gradientGrowthWithTime(f, y0, [1, -2]), "horizons[1]");
  bad(() => gradientGrowthWithDepth(f, y0, 1, [2, 2.5]), "depths[1]");
  bad(() => gradientGrowthWithTime(f, Float64Array.from([1]), [1]), "y0");
  bad(() => gradientGrowthWithTime(f, y0, [1], { cotangent: [1] }), "options.cotangent");
});

test("a random tanh MLP field: ‖∂y(T)/∂y0‖₂ by pullbacks through DOP853 equals σ_max of the variational equation's Φ(T) (flowMapSigmaMax, 1e-7)", () => {
  const field = mlp64({ dim: 3, hidden: [16], activation: "tanh", seed: 8 });
  const y0 = Float64Array.from([0.5, 0.1, -0.6]);
  const Ts = [0.5, 2, 4];
  const g = gradientGrowthWithTime(field, y0, Ts, { solver: tight });
  g.points.forEach((p, k) => {
    const ref = flowMapSigmaMax(field, y0, Ts[k], tight);
    assert.ok(rel(p.jacobianNorm, ref) < 1e-7, `T = ${Ts[k]}: ${p.jacobianNorm} vs ${ref}`);
  });
});

test("through the continuous adjoint and Rodas5 on a stiff A = [[−1, 5], [0, −200]]: ‖∂y(T)/∂y0‖₂ = ‖e^{AT}‖₂ (1e-7)", () => {
  const Ts = [0.5, 1, 2];
  const g = gradientGrowthWithTime(linearField64([-1, 5, 0, -200], 2), Float64Array.from([1, 1]), Ts, {
    gradient: adjoint(),
    solver: { method: "Rodas5", rtol: 1e-10, atol: 1e-12 },
  });
  g.points.forEach((p, k) => {
    const T = Ts[k];
    const E = new Matrix([
      [Math.exp(-T), (5 * (Math.exp(-T) - Math.exp(-200 * T))) / 199],
      [0, Math.exp(-200 * T)],
    ]);
    assert.ok(rel(p.jacobianNorm, Math.max(...sv(E))) < 1e-7, `T = ${T}: ${p.jacobianNorm}`);
  });
});
