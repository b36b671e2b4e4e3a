import { test } from "node:test";
import assert from "node:assert/strict";
import { adjoint } from "../../lib/sensitivity/adjoint";
import { lossAndGradient } from "../../lib/sensitivity/lossAndGradient";
import { gaussLegendre, quadratureNodesFor } from "../../lib/sensitivity/quadrature";
import { DenseTrajectory } from "../../lib/sensitivity/denseTrajectory";
import { OdeSolver } from "../../lib/ode/odeSolver";
import { solveIVP } from "../../lib/ode/solveIVP";
import { methods } from "../../lib/ode/methods";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";
import { centralDifferences, linearProblem, mlpProblem, relError, stiffHybridProblem } from "./adjointFixtures";

const grad = (p: ReturnType<typeof mlpProblem>, gradient: ReturnType<typeof adjoint>, solver: object) =>
  lossAndGradient(p.field, p.y0, p.t, p.targets, { loss: "mse", solver, gradient });

test("Gauss–Legendre on [0, 1]: exact for degree ≤ 2m − 1, not for 2m; 3 nodes are 1/2 ∓ √0.15 with weights 5/18, 8/18 (A&S Table 25.4)", () => {
  for (let m = 1; m <= 8; m++) {
    const { nodes, weights } = gaussLegendre(m);
    for (let k = 0; k <= 2 * m; k++) {
      let q = 0;
      for (let i = 0; i < m; i++) q += weights[i] * nodes[i] ** k;
      const err = Math.abs(q - 1 / (k + 1));
      if (k < 2 * m) assert.ok(err < 2e-16 * 4, `m=${m}, ∫x^${k}: ${q} vs ${1 / (k + 1)}`);
      // The rule's error on x^{2m}: (m!)⁴/((2m+1)((2m)!)³)·(2m)! (A&S 25.4.30 on [0, 1]).
      else {
        const fact = (j: number): number => (j <= 1 ? 1 : j * fact(j - 1));
        const expected = (fact(m) ** 4 / ((2 * m + 1) * fact(2 * m) ** 3)) * fact(2 * m);
        assert.ok(Math.abs(err - expected) < 1e-12 + 1e-9 * expected, `m=${m}: error ${err}, A&S ${expected}`);
      }
    }
  }
  const r3 = gaussLegendre(3);
  const near = (x: number, want: number, what: string) =>
    assert.ok(Math.abs(x - want) < 3e-16, `${what}: ${x} vs ${want}`);
  near(r3.nodes[0], 0.5 - Math.sqrt(0.15), "node 0");
  near(r3.nodes[1], 0.5, "node 1");
  near(r3.nodes[2], 0.5 + Math.sqrt(0.15), "node 2");
  near(r3.weights[0], 5 / 18, "weight 0");
  near(r3.weights[1], 8 / 18, "weight 1");
  // 2m ≥ p + 1: three nodes for the order-5 methods, five for DOP853.
  assert.deepEqual(
    [methods.DOPRI5, methods.Rodas5, methods.BDF, methods.RK4, methods.DOP853].map((m) => quadratureNodesFor(m.order)),
    [3, 3, 3, 3, 5],
  );
  assert.throws(
    () => gaussLegendre(0),
    (e: unknown) => e instanceof OdeArgumentError && /invalid argument m: .*got 0/.test(e.message),
  );
});

test("DenseTrajectory.at gives solveIVP's sol(s) bit for bit, in either direction and when the search moves back and forth", () => {
  for (const [t0, t1] of [
    [0, 3],
    [3, 0],
  ]) {
    const f = (t: number, y: Float64Array, d: Float64Array) => {
      d[0] = y[1];
      d[1] = -y[0] + 0.1 * Math.sin(t);
    };
    const ref = solveIVP(f, [t0, t1], [1, 0], { method: "DOPRI5", rtol: 1e-6, dense: true });
    const solver = new OdeSolver(f, t0, [1, 0], t1, { method: "DOPRI5", rtol: 1e-6 });
    const traj = new DenseTrajectory();
    while (solver.status === "running") {
      solver.step();
      traj.push(solver.denseSegment());
    }
    assert.ok(traj.length > 5);
    const out = new Float64Array(2);
    for (const s of [3, 0, 1.5, 1.4999, 2.9, 0.01, -0.5, 3.5, ...ref.t]) {
      traj.at(s, out);
      assert.deepEqual(Array.from(out), Array.from(ref.sol!(s)), `s=${s}`);
    }
  }
});

test("tanh MLP, batch of two: ∂L/∂θ and ∂L/∂y0 match central differences of the continuous solve (1e-7 of the largest; measured ≤ 4.3e-10) for DOPRI5, Rodas5 and BDF, quadrature and augmented", () => {
  const p = mlpProblem();
  const fd = centralDifferences(p.field, p.y0, p.t, p.targets, p.reference);
  assert.ok(Math.max(...fd.theta.map(Math.abs)) > 1e-2, "a gradient worth checking");
  const results: Record<string, { theta: Float64Array; y0: Float64Array }> = {};
  for (const method of ["DOPRI5", "Rodas5", "BDF"] as const)
    for (const parameters of ["quadrature", "augmented"] as const) {
      const g = grad(p, adjoint({ parameters }), { method, rtol: 1e-10, atol: 1e-12 });
      const eTheta = relError(g.grads, fd.theta);
      const eY0 = relError(g.gradY0, fd.y0);
      assert.ok(eTheta < 1e-7 && eY0 < 1e-7, `${method} ${parameters}: θ error ${eTheta}, y0 error ${eY0}`);
      assert.ok(g.stats.nfeBackward > 0 && g.stats.naccept > 0 && g.stats.minStep > 0, JSON.stringify(g.stats));
      results[`${method} ${parameters}`] = { theta: g.grads, y0: g.gradY0 };
    }
  // The two ways to get a_θ agree far below the difference's accuracy (measured ≤ 2.3e-10).
  for (const method of ["DOPRI5", "Rodas5", "BDF"]) {
    const q = results[`${method} quadrature`];
    const a = results[`${method} augmented`];
    assert.ok(relError(q.theta, a.theta) < 1e-8, `${method}: quadrature vs augmented ${relError(q.theta, a.theta)}`);
    assert.ok(relError(q.y0, a.y0) < 1e-8, `${method}: y0 quadrature vs augmented ${relError(q.y0, a.y0)}`);
  }
});

test("reversed z (Chen et al. Alg. 1) and interpolated z agree (1e-6) and match differences; the seminorm takes no more backward steps and keeps the gradient", () => {
  const p = mlpProblem();
  const fd = centralDifferences(p.field, p.y0, p.t, p.targets, p.reference);
  const solver = { method: "DOPRI5", rtol: 1e-10, atol: 1e-12 };
  for (const parameters of ["quadrature", "augmented"] as const) {
    const rev = grad(p, adjoint({ state: "reversed", parameters }), solver);
    const itp = grad(p, adjoint({ state: "interpolated", parameters }), solver);
    assert.ok(
      relError(rev.grads, itp.grads) < 1e-6,
      `${parameters}: reversed vs interpolated ${relError(rev.grads, itp.grads)}`,
    );
    assert.ok(
      relError(rev.grads, fd.theta) < 1e-5 && relError(rev.gradY0, fd.y0) < 1e-5,
      `${parameters} reversed vs FD`,
    );
  }
  const full = grad(p, adjoint({ parameters: "augmented", norm: "full" }), solver);
  const semi = grad(p, adjoint({ parameters: "augmented", norm: "seminorm" }), solver);
  const steps = (g: typeof full) => g.stats.naccept + g.stats.nreject;
  assert.ok(steps(semi) <= steps(full), `steps: seminorm ${steps(semi)}, full ${steps(full)}`);
  assert.ok(semi.stats.nfeBackward <= full.stats.nfeBackward);
  assert.ok(relError(semi.grads, fd.theta) < 1e-5 && relError(semi.gradY0, fd.y0) < 1e-5, "seminorm vs FD");
  // Loose tolerances: the seminorm saves backward steps (Kidger et al. 2021).
  const loose = { method: "DOPRI5", rtol: 1e-6, atol: 1e-8 };
  const fl = grad(p, adjoint({ parameters: "augmented", norm: "full" }), loose);
  const sl = grad(p, adjoint({ parameters: "augmented", norm: "seminorm" }), loose);
  assert.ok(
    sl.stats.nfeBackward <= fl.stats.nfeBackward,
    `NFE bwd: seminorm ${sl.stats.nfeBackward}, full ${fl.stats.nfeBackward}`,
  );
});

test("decreasing output times and a fixed-step method: gradients match differences of the same solve", () => {
  const p = mlpProblem();
  const rev = { ...p, t: [...p.t].reverse(), targets: [...p.targets].reverse() };
  const fd = centralDifferences(rev.field, rev.y0, rev.t, rev.targets, p.reference);
  const g = grad(rev, adjoint(), { method: "DOPRI5", rtol: 1e-10, atol: 1e-12 });
  assert.ok(relError(g.grads, fd.theta) < 1e-5 && relError(g.gradY0, fd.y0) < 1e-5, `θ ${relError(g.grads, fd.theta)}`);
  // RK4 with h = 0.01: the continuous adjoint of an O(h⁴) solve, so differences of the exact solve at 1e-6.
  const fdFwd = centralDifferences(p.field, p.y0, p.t, p.targets, p.reference);
  const rk4 = grad(p, adjoint(), { method: "RK4", step: 0.01 });
  assert.ok(relError(rk4.grads, fdFwd.theta) < 1e-6, `RK4: ${relError(rk4.grads, fdFwd.theta)}`);
});

test("stiff hybrid (Robertson's fast reactions known + tanh network): Rodas5 and BDF gradients, quadrature and augmented, match central differences (θ 1e-7, y0 1e-5 of the largest; measured 8.5e-9, 1.6e-6)", () => {
  const p = stiffHybridProblem();
  // y0 steps of 1e-7: at 1e-6 the O(ε²) term of B's 3e7·B² moves the difference of ∂L/∂B0 by 2e-5
  // of the gradient (measured: the adjoint stays put from rtol 1e-8 to 1e-12, the difference does not).
  const fd = centralDifferences(p.field, p.y0, p.t, p.targets, p.reference, 1e-6, 1e-7);
  assert.ok(Math.max(...fd.theta.map(Math.abs)) > 1e-6, "a gradient worth checking");
  for (const method of ["Rodas5", "BDF"] as const) {
    const got: Record<string, Float64Array> = {};
    for (const parameters of ["quadrature", "augmented"] as const) {
      const g = lossAndGradient(p.field, p.y0, p.t, p.targets, {
        loss: "mse",
        solver: { method, rtol: 1e-10, atol: 1e-14 },
        gradient: adjoint({ parameters }),
      });
      const eTheta = relError(g.grads, fd.theta);
      const eY0 = relError(g.gradY0, fd.y0);
      assert.ok(eTheta < 1e-7 && eY0 < 1e-5, `${method} ${parameters}: θ error ${eTheta}, y0 error ${eY0}`);
      got[parameters] = g.grads;
    }
    assert.ok(relError(got.quadrature, got.augmented) < 1e-8, `${method}: ${relError(got.quadrature, got.augmented)}`);
  }
});

test("∂y(t)/∂y0 of a linear field is e^{At}: pullback of unit cotangents, every registry method family", () => {
  const { field, expAt } = linearProblem();
  const t = [0, 0.5, 2];
  const y0 = Float64Array.from([1, -1]);
  for (const method of ["DOPRI5", "Tsit5", "Rodas5", "BDF"] as const) {
    const sol = adjoint().solve(field, y0, t, { method, rtol: 1e-11, atol: 1e-13 });
    for (let i = 0; i < 2; i++) {
      const e = Float64Array.from([i === 0 ? 1 : 0, i === 1 ? 1 : 0]);
      const g = sol.pullback([null, null, e]);
      const row = expAt(2)[i];
      for (let j = 0; j < 2; j++)
        assert.ok(Math.abs(g.y0[j] - row[j]) < 1e-8, `${method}: ∂y_${i}(2)/∂y0_${j} = ${g.y0[j]}, e^{At} ${row[j]}`);
    }
  }
});

test("typed errors: bad option values and keys, bad cotangents, bad solver; messages name the argument and value", () => {
  const p = mlpProblem();
  const bad = (f: () => unknown, cls: Function, re: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof cls && re.test((e as Error).message), re.source);
  bad(
    () => adjoint({ state: "backwards" as never }),
    OdeArgumentError,
    /options\.state: unknown value "backwards"; expected "interpolated" or "reversed"/,
  );
  bad(() => adjoint({ norm: "l2" as never }), OdeArgumentError, /options\.norm: unknown value "l2"/);
  bad(
    () => adjoint({ parameters: 3 as never }),
    OdeArgumentError,
    /options\.parameters: unknown value 3; expected "quadrature" or "augmented"/,
  );
  bad(
    () => adjoint({ adjointNorm: "seminorm" } as never),
    OdeArgumentError,
    /options\.adjointNorm: is not an option of adjoint\(\)/,
  );
  bad(
    () => adjoint("seminorm" as never),
    OdeTypeError,
    /options: expected \{ state, norm, parameters \}, got seminorm/,
  );
  assert.ok(OdeArgumentError.prototype instanceof RangeError && OdeTypeError.prototype instanceof TypeError);
  const sol = adjoint().solve(p.field, p.y0, p.t, {});
  bad(
    () => sol.pullback([null, null]),
    OdeArgumentError,
    /yBar: needs one cotangent \(or null\) per output time \(4\), got 2/,
  );
  bad(
    () => sol.pullback([null, null, null, new Float64Array(3)]),
    OdeArgumentError,
    /yBar: entry 3 has length 3, y0 has 4/,
  );
  bad(
    () => sol.pullback([null, null, null, Float64Array.from([0, NaN, 0, 0])]),
    OdeArgumentError,
    /entry 3 component 1 is NaN/,
  );
  bad(
    () => adjoint().solve(p.field, p.y0, p.t, { method: "dopri5" as never }),
    OdeArgumentError,
    /solver\.method: unknown method "dopri5"/,
  );
  bad(
    () => adjoint().solve(p.field, p.y0, [0, 1, 1], {}),
    OdeArgumentError,
    /t: must be strictly monotone; entry 2 is 1/,
  );
});
