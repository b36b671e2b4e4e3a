import { test } from "node:test";
import assert from "node:assert/strict";
import { lorenz63, rossler, lorenz96, doublePendulum, lyapunovSpectrum } from "../../lib/systems/chaos/index";
import { solveIVP } from "../../lib/index";

test("analytic Jacobians of Lorenz-63, Rössler and Lorenz-96 match central differences (rel. 1e-7)", () => {
  for (const sys of [lorenz63(), rossler(), lorenz96(8, 8)]) {
    const n = sys.n;
    const y = Float64Array.from({ length: n }, (_, i) => 1.3 - 0.7 * i + 0.2 * i * i);
    const J = new Float64Array(n * n);
    sys.jacobian(0, y, J);
    const fp = new Float64Array(n);
    const fm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const yp = y.slice();
      const ym = y.slice();
      yp[j] += 1e-6;
      ym[j] -= 1e-6;
      sys.rhs(0, yp, fp);
      sys.rhs(0, ym, fm);
      for (let i = 0; i < n; i++) {
        const fd = (fp[i] - fm[i]) / 2e-6;
        assert.ok(
          Math.abs(fd - J[i * n + j]) <= 1e-7 * Math.max(1, Math.abs(fd)),
          `${sys.name} J[${i}][${j}]: ${J[i * n + j]} vs ${fd}`,
        );
      }
    }
  }
});

test("Lorenz-63 Lyapunov spectrum: sum = −(σ+1+β) within 0.5%, λ1 = 0.906 ± 0.05 (Sprott 2003), λ2 ≈ 0", () => {
  const sys = lorenz63();
  const { exponents, history } = lyapunovSpectrum(sys, [1, 1, 1], { dt: 0.01, steps: 40000, transient: 1000 });
  const sum = exponents.reduce((a, b) => a + b, 0);
  const want = -(10 + 1 + 8 / 3);
  assert.ok(Math.abs(sum - want) < 0.005 * Math.abs(want), `sum ${sum} vs ${want}`);
  assert.ok(Math.abs(exponents[0] - 0.906) < 0.05, `λ1 = ${exponents[0]}`);
  assert.ok(Math.abs(exponents[1]) < 0.03, `λ2 = ${exponents[1]}`);
  assert.equal(history.length, 40000);
});

test("double pendulum: DOP853 conserves the energy to 1e-9 relative over 20 s; Lorenz-96 spectrum sum = −n (trace)", () => {
  const p = doublePendulum();
  const y0 = [2, 1, 0, 0]; // E ≈ 2.86 J, chaotic regime
  const sol = solveIVP(p.rhs, [0, 20], y0, { method: "DOP853", rtol: 1e-12, atol: 1e-12 });
  assert.ok(sol.success);
  const e0 = p.energy(y0);
  for (const y of sol.y) assert.ok(Math.abs(p.energy(y) - e0) <= 1e-9 * Math.abs(e0), `E = ${p.energy(y)} vs ${e0}`);
  // Lorenz-96's Jacobian has trace −n everywhere, so the full spectrum sums to −n.
  const l96 = lorenz96(8, 8);
  const { exponents } = lyapunovSpectrum(l96, l96.y0, { dt: 0.01, steps: 5000, transient: 500 });
  const sum = exponents.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum + 8) < 1e-3 * 8, `sum ${sum}`);
  assert.ok(exponents[0] > 0.5, `λ1 = ${exponents[0]} should be positive (chaotic at F = 8)`);
});
