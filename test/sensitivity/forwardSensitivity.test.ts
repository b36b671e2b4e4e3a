import { test } from "node:test";
import assert from "node:assert/strict";
import { forwardSensitivity } from "../../lib/sensitivity/forwardSensitivity";
import { adjoint } from "../../lib/sensitivity/adjoint";
import { lossAndGradient } from "../../lib/sensitivity/lossAndGradient";
import { OdeArgumentError } from "../../lib/ode/errors";
import { centralDifferences, linearProblem, mlpProblem, relError, stiffHybridProblem } from "./adjointFixtures";

test("linear field: S(t) = [e^{At} | ∂y/∂b] in closed form, for DOPRI5, RK4, Rodas5 and BDF (1e-8)", () => {
  const { field, expAt, dydc } = linearProblem();
  const t = [0, 0.5, 2];
  const y0 = Float64Array.from([1, -1]);
  for (const [method, extra] of [
    ["DOPRI5", {}],
    ["RK4", { step: 0.005 }],
    ["Rodas5", {}],
    ["BDF", {}],
  ] as const) {
    const sol = forwardSensitivity().solve(field, y0, t, { method, rtol: 1e-11, atol: 1e-13, ...extra });
    for (const k of [1, 2])
      for (let i = 0; i < 2; i++) {
        const e = Float64Array.from([i === 0 ? 1 : 0, i === 1 ? 1 : 0]);
        const g = sol.pullback(t.map((_, j) => (j === k ? e : null)));
        const E = expAt(t[k]);
        const C = dydc(t[k]);
        for (let j = 0; j < 2; j++) {
          assert.ok(
            Math.abs(g.y0[j] - E[i][j]) < 1e-8,
            `${method}: ∂y_${i}(${t[k]})/∂y0_${j} = ${g.y0[j]} vs ${E[i][j]}`,
          );
          // Parameters W (4) then b (2): ∂y_i/∂b_j.
          assert.ok(
            Math.abs(g.theta[4 + j] - C[i][j]) < 1e-8,
            `${method}: ∂y_${i}/∂b_${j} = ${g.theta[4 + j]} vs ${C[i][j]}`,
          );
        }
      }
    assert.equal(sol.stats.nfeBackward, 0);
  }
});

test("tanh MLP, batch of two: forward sensitivities match central differences (1e-7 of the largest; measured ≤ 3.4e-10) and the adjoint (1e-8), DOPRI5, Rodas5 and BDF", () => {
  const p = mlpProblem();
  const fd = centralDifferences(p.field, p.y0, p.t, p.targets, p.reference);
  for (const method of ["DOPRI5", "Rodas5", "BDF"] as const) {
    const solver = { method, rtol: 1e-10, atol: 1e-12 };
    const g = lossAndGradient(p.field, p.y0, p.t, p.targets, { loss: "mse", solver, gradient: forwardSensitivity() });
    const eTheta = relError(g.grads, fd.theta);
    const eY0 = relError(g.gradY0, fd.y0);
    assert.ok(eTheta < 1e-7 && eY0 < 1e-7, `${method}: θ error ${eTheta}, y0 error ${eY0}`);
    const a = lossAndGradient(p.field, p.y0, p.t, p.targets, { loss: "mse", solver, gradient: adjoint() });
    assert.ok(relError(g.grads, a.grads) < 1e-8, `${method}: vs adjoint ${relError(g.grads, a.grads)}`);
    // S is in the error norm, so the steps (not the solution) differ from the plain forward solve.
    assert.ok(Math.abs(g.loss - a.loss) < 1e-9 * a.loss, `${method}: loss ${g.loss} vs ${a.loss}`);
  }
});

test("stiff hybrid (Robertson's fast reactions known + tanh network): Rodas5 and BDF forward sensitivities match central differences (θ 1e-7, y0 1e-5 of the largest; measured 8.4e-9, 1.6e-6)", () => {
  const p = stiffHybridProblem();
  const fd = centralDifferences(p.field, p.y0, p.t, p.targets, p.reference, 1e-6, 1e-7);
  for (const method of ["Rodas5", "BDF"] as const) {
    const g = lossAndGradient(p.field, p.y0, p.t, p.targets, {
      loss: "mse",
      solver: { method, rtol: 1e-10, atol: 1e-14 },
      gradient: forwardSensitivity(),
    });
    const eTheta = relError(g.grads, fd.theta);
    const eY0 = relError(g.gradY0, fd.y0);
    assert.ok(eTheta < 1e-7 && eY0 < 1e-5, `${method}: θ error ${eTheta}, y0 error ${eY0}`);
  }
});

test("one solve, many cotangents: pullback is linear in yBar and repeatable", () => {
  const p = mlpProblem();
  const sol = forwardSensitivity().solve(p.field, p.y0, p.t, { rtol: 1e-9, atol: 1e-11 });
  const u = p.t.map((_, k) => Float64Array.from([1, -k, 0.5, 2]));
  const v = p.t.map((_, k) => Float64Array.from([k, 0, -1, 0.25]));
  const gu = sol.pullback(u);
  const gv = sol.pullback(v);
  const guv = sol.pullback(u.map((x, k) => x.map((xi, i) => 2 * xi - 3 * v[k][i])));
  guv.theta.forEach((x, i) => assert.ok(Math.abs(x - (2 * gu.theta[i] - 3 * gv.theta[i])) < 1e-12 * (1 + Math.abs(x))));
  assert.deepEqual(sol.pullback(u), gu);
});

test("typed errors: bad cotangents and solver, messages name the argument and value", () => {
  const p = mlpProblem();
  const sol = forwardSensitivity().solve(p.field, p.y0, p.t, {});
  assert.throws(
    () => sol.pullback([null, new Float64Array(5), null, null]),
    (e: unknown) => e instanceof OdeArgumentError && /yBar: entry 1 has length 5, y0 has 4/.test((e as Error).message),
  );
  assert.throws(
    () => forwardSensitivity().solve(p.field, p.y0, p.t, { method: "Kvaerno5" as never }),
    (e: unknown) => e instanceof RangeError && /solver\.method: unknown method "Kvaerno5"/.test((e as Error).message),
  );
  assert.throws(
    () => forwardSensitivity().solve(p.field, Float64Array.from([1, 2, 3]), p.t, {}),
    (e: unknown) =>
      e instanceof OdeArgumentError &&
      /y0: has length 3, not a positive multiple of the field's dim 2/.test((e as Error).message),
  );
});
