import { test } from "node:test";
import assert from "node:assert/strict";
import {
  lorenz63,
  rossler,
  lorenz96,
  doublePendulum,
  lyapunovSpectrum,
  type DynamicalSystem,
} from "../../lib/systems/chaos/index";
import { solveIVP } from "../../lib/ode/solveIVP";
import { assertJacobianMatchesFD } from "../helpers/jacobianCheck";

test("analytic Jacobians match central finite differences (rel. 1e-6)", () => {
  const systems = [lorenz63(), rossler(), lorenz96({ n: 8 }), lorenz96(), doublePendulum()];
  systems.push(doublePendulum({ m1: 1.3, m2: 0.7, l1: 0.9, l2: 1.4, g: 9.81 }));
  for (const sys of systems) {
    for (const seed of [0, 1, 2]) {
      const y = Float64Array.from({ length: sys.n }, (_, i) => 1.3 - 0.7 * Math.sin(i) + 0.5 * Math.cos(seed + 2 * i));
      assertJacobianMatchesFD(sys.name, sys.rhs, sys.jacobian, 0, y);
    }
  }
});

test("Lorenz-63 Lyapunov spectrum: sum = −(σ+1+β) within 1%, λ1 = 0.906 ± 0.05 (Sprott), λ2 ≈ 0", () => {
  const { exponents, history } = lyapunovSpectrum(lorenz63(), [1, 1, 1], {
    dt: 0.01,
    steps: 40000,
    transient: 1000,
  });
  const sum = exponents.reduce((a, b) => a + b, 0);
  const want = -(10 + 1 + 8 / 3);
  assert.ok(Math.abs(sum - want) < 0.01 * Math.abs(want), `sum ${sum} vs ${want}`);
  assert.ok(Math.abs(exponents[0] - 0.906) < 0.05, `λ1 = ${exponents[0]}`);
  assert.ok(Math.abs(exponents[1]) < 0.05, `λ2 = ${exponents[1]}`);
  assert.equal(history.length, 40000);
  assert.deepEqual(history[history.length - 1].slice(1), Array.from(exponents));
  // Deterministic: the same run gives the same numbers bit for bit; renormEvery > 1 and k < n agree.
  const again = lyapunovSpectrum(lorenz63(), [1, 1, 1], {
    dt: 0.01,
    steps: 40000,
    transient: 1000,
    renormEvery: 5,
    k: 1,
  });
  assert.equal(again.exponents.length, 1);
  assert.equal(again.history.length, 8000);
  assert.ok(Math.abs(again.exponents[0] - exponents[0]) < 0.02, `${again.exponents[0]} vs ${exponents[0]}`);
});

test("Lorenz-96 (n = 8, F = 8): spectrum sums to the trace −n; λ1 > 0", () => {
  const l96 = lorenz96({ n: 8 });
  const { exponents } = lyapunovSpectrum(l96, l96.y0, { dt: 0.01, steps: 5000, transient: 500 });
  const sum = exponents.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum + 8) < 1e-3 * 8, `sum ${sum}`);
  assert.ok(exponents[0] > 0.5, `λ1 = ${exponents[0]}`);
});

test("double pendulum: DOP853 at rtol 1e-10 conserves the energy to 1e-8 relative over 20 s", () => {
  const p = doublePendulum();
  const y0 = [2, 1, 0, 0]; // chaotic regime
  const sol = solveIVP(p.rhs, [0, 20], y0, { method: "DOP853", rtol: 1e-10, atol: 1e-12 });
  assert.ok(sol.success, sol.message);
  const e0 = p.energy(y0);
  let worst = 0;
  for (const y of sol.y) worst = Math.max(worst, Math.abs(p.energy(y) - e0) / Math.abs(e0));
  assert.ok(worst < 1e-8, `relative energy drift ${worst}`);
});

test("bad input throws naming the argument", () => {
  const sys = lorenz63();
  assert.throws(() => lyapunovSpectrum(sys, [1, 1, 1], { dt: 0, steps: 10 }), /argument dt/);
  assert.throws(() => lyapunovSpectrum(sys, [1, 1, 1], { dt: 0.01, steps: 1.5 }), /argument steps/);
  assert.throws(() => lyapunovSpectrum(sys, [1, 1, 1], { dt: 0.01, steps: 10, transient: -1 }), /argument transient/);
  assert.throws(
    () => lyapunovSpectrum(sys, [1, 1, 1], { dt: 0.01, steps: 10, renormEvery: 0 }),
    /argument renormEvery/,
  );
  assert.throws(() => lyapunovSpectrum(sys, [1, 1, 1], { dt: 0.01, steps: 10, k: 4 }), /argument k/);
  assert.throws(() => lyapunovSpectrum(sys, [1, 1], { dt: 0.01, steps: 10 }), /argument y0/);
  assert.throws(() => lyapunovSpectrum(sys, [1, NaN, 1], { dt: 0.01, steps: 10 }), /argument y0/);
  assert.throws(() => lorenz63({ sigma: NaN }), /argument sigma/);
  assert.throws(() => lorenz96({ n: 3 }), /argument n/);
  assert.throws(() => rossler({ c: Infinity }), /argument c/);
  assert.throws(() => doublePendulum({ l2: 0 }), /argument l2/);
});
