import { test } from "node:test";
import assert from "node:assert/strict";
import {
  lorenz63,
  rossler,
  lorenz96,
  doublePendulum,
  lyapunovSpectrum,
  LyapunovRunError,
  lyapunovBlocks,
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

test("Lorenz-63 Lyapunov spectrum: sum = −(σ+1+β) to 1e-5 relative, λ1 = 0.9056 ± 0.02 (Sprott 2003), λ2 ≈ 0", () => {
  const { exponents, history } = lyapunovSpectrum(lorenz63(), [1, 1, 1], {
    dt: 0.01,
    steps: 40000,
    transient: 1000,
  });
  const sum = exponents.reduce((a, b) => a + b, 0);
  // The trace of the Jacobian is the constant −(σ+1+β), so Σλ is exact up to RK4's O(h⁴) error
  // (measured 1e-4 absolute at h = 0.01); λ1 = 0.9056 (Sprott, Chaos and Time-Series Analysis,
  // 2003) is a time average whose T = 400 estimate fluctuates by ~0.01 (measured 0.898).
  const want = -(10 + 1 + 8 / 3);
  assert.ok(Math.abs(sum - want) < 1e-5 * Math.abs(want), `sum ${sum} vs ${want}`);
  assert.ok(Math.abs(exponents[0] - 0.9056) < 0.02, `λ1 = ${exponents[0]}`);
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

test("the systems' rhs, Jacobian and energy reject buffers of the wrong length, naming argument, expected and actual", () => {
  const systems: DynamicalSystem[] = [lorenz63(), rossler(), lorenz96({ n: 5 }), doublePendulum()];
  for (const sys of systems) {
    const n = sys.n;
    const y = Float64Array.from(sys.y0);
    const d = new Float64Array(n);
    const J = new Float64Array(n * n);
    // The augmented state of a Lyapunov run (n + n·n) is what the old lyapunovSpectrum passed.
    const augmented = new Float64Array(n + n * n);
    const msg = (fn: string, arg: string, want: number, got: number) =>
      new RegExp(
        `invalid argument ${arg}: has length ${got}, needs ${want} \\(${sys.name.split(" (")[0]} ${fn}, at t = 2\\)$`,
      );
    assert.throws(() => sys.rhs(2, augmented, d), msg("rhs", "y", n, augmented.length));
    assert.throws(() => sys.rhs(2, y, new Float64Array(n + 1)), msg("rhs", "dydt", n, n + 1));
    assert.throws(() => sys.jacobian(2, augmented, J), msg("jacobian", "y", n, augmented.length));
    const shortJ = new Float64Array(n).fill(5);
    assert.throws(() => sys.jacobian(2, y, shortJ), msg("jacobian", "jac", n * n, n));
    assert.ok(
      shortJ.every((v) => v === 5),
      `${sys.name}: no partial write before the error`,
    );
    sys.rhs(2, y, d);
    sys.jacobian(2, y, J);
    assert.ok(d.every(Number.isFinite) && J.every(Number.isFinite), `${sys.name} at the right lengths`);
  }
  assert.throws(
    () => doublePendulum().energy([1, 2, 3]),
    /invalid argument y: has length 3, needs 4 \(double pendulum energy\)$/,
  );
  assert.throws(
    () => lorenz63().rhs(0, undefined as unknown as Float64Array, new Float64Array(3)),
    (e: Error) =>
      e instanceof TypeError &&
      /invalid argument y: expected an array of 3 numbers \(Lorenz-63 rhs, at t = 0\), got undefined$/.test(e.message),
  );
});

test("lyapunovSpectrum hands rhs and jacobian the state alone (length n), never the augmented state", () => {
  const l63 = lorenz63();
  const seen = new Set<string>();
  const strict: DynamicalSystem = {
    ...l63,
    rhs: (t, y, d) => {
      seen.add(`rhs ${y.length} ${d.length}`);
      l63.rhs(t, y, d);
    },
    jacobian: (t, y, J) => {
      seen.add(`jacobian ${y.length} ${J.length}`);
      l63.jacobian(t, y, J);
    },
  };
  const a = lyapunovSpectrum(strict, [1, 1, 1], { dt: 0.01, steps: 500, k: 2 });
  assert.deepEqual([...seen].sort(), ["jacobian 3 9", "rhs 3 3"]);
  // Same numbers as the unwrapped system, bit for bit.
  const b = lyapunovSpectrum(l63, [1, 1, 1], { dt: 0.01, steps: 500, k: 2 });
  assert.deepEqual(Array.from(a.exponents), Array.from(b.exponents));
});

test("a run that diverges or degenerates throws a LyapunovRunError (a RangeError) naming time, component and dt", () => {
  // y' = y² from y0 = 1 blows up at t = 1 (y = 1/(1 − t)); its tangent w' = 2y w overflows first.
  const blowUp: DynamicalSystem = {
    name: "blow-up",
    n: 1,
    y0: [1],
    rhs: (_t, y, d) => {
      d[0] = y[0] * y[0];
    },
    jacobian: (_t, y, J) => {
      J[0] = 2 * y[0];
    },
  };
  assert.throws(
    () => lyapunovSpectrum(blowUp, [1], { dt: 0.01, steps: 1000 }),
    (e: Error) => {
      assert.ok(e instanceof LyapunovRunError && e instanceof RangeError, String(e));
      assert.equal(e.name, "LyapunovRunError");
      assert.equal(e.component, 0);
      assert.ok(e.t > 1 && e.t < 1.2, `t = ${e.t}`);
      assert.match(
        e.message,
        /tangent vector 0 degenerated \(norm (Infinity|NaN)\) at t = 1\.\d+ with dt = 0\.01, renormEvery = 1: the flow diverges there/,
      );
      return true;
    },
  );
  // A right-hand side that turns NaN at t > 0.5075 (in component 1): the state check names it at
  // the end of the step that crossed it, t = 0.51.
  const nanAfter: DynamicalSystem = {
    ...lorenz63(),
    rhs: (t, y, d) => {
      lorenz63().rhs(t, y, d);
      if (t > 0.5075) d[1] = NaN;
    },
  };
  assert.throws(
    () => lyapunovSpectrum(nanAfter, [1, 1, 1], { dt: 0.01, steps: 100, transient: 10 }),
    (e: Error) =>
      e instanceof LyapunovRunError &&
      e.component === 1 &&
      Math.abs(e.t - 0.51) < 1e-9 &&
      /state component 1 became non-finite \(NaN\) at t = 0\.51\d* with dt = 0\.01; the system diverges/.test(
        e.message,
      ),
  );
  // A Jacobian that returns NaN makes the tangent vectors degenerate at the first renormalisation.
  const nanJacobian: DynamicalSystem = { ...lorenz63(), jacobian: (_t, _y, J) => J.fill(NaN) };
  assert.throws(
    () => lyapunovSpectrum(nanJacobian, [1, 1, 1], { dt: 0.01, steps: 10, transient: 3, renormEvery: 2 }),
    (e: Error) =>
      e instanceof LyapunovRunError &&
      e.component === 0 &&
      /tangent vector 0 degenerated \(norm NaN\) at t = 0\.02 with dt = 0\.01, renormEvery = 2: the flow diverges there, or lower dt or renormEvery/.test(
        e.message,
      ),
  );
});

test("lyapunovSpectrum: a wrong type is a TypeError naming the argument", () => {
  const l63 = lorenz63();
  const opts = { dt: 0.01, steps: 10 };
  assert.throws(
    () => lyapunovSpectrum(null as unknown as DynamicalSystem, [1, 1, 1], opts),
    (e: Error) => e instanceof TypeError && /invalid argument sys: must be an object/.test(e.message),
  );
  assert.throws(
    () => lyapunovSpectrum({ ...l63, rhs: undefined as unknown as DynamicalSystem["rhs"] }, [1, 1, 1], opts),
    (e: Error) =>
      e instanceof TypeError && /invalid argument sys.rhs: must be a function .*got undefined/.test(e.message),
  );
  assert.throws(
    () => lyapunovSpectrum({ ...l63, jacobian: 3 as unknown as DynamicalSystem["jacobian"] }, [1, 1, 1], opts),
    (e: Error) =>
      e instanceof TypeError && /invalid argument sys.jacobian: must be a function .*got number/.test(e.message),
  );
  assert.throws(
    () => lyapunovSpectrum({ ...l63, n: 2.5 }, [1, 1, 1], opts),
    (e: Error) =>
      e instanceof RangeError && /invalid argument sys.n: must be a positive integer, got 2.5/.test(e.message),
  );
  assert.throws(
    () => lyapunovSpectrum(l63, 5 as unknown as number[], opts),
    (e: Error) => e instanceof TypeError && /invalid argument y0: must be an array of 3 numbers, got 5/.test(e.message),
  );
  assert.throws(
    () => lyapunovSpectrum(l63, [1, 1, 1], undefined as unknown as { dt: number; steps: number }),
    (e: Error) => e instanceof TypeError && /invalid argument options: must be an object/.test(e.message),
  );
});

test("lyapunovBlocks: block means of a linear system are its exponents (spread 1e-12); their average is the run's estimate", () => {
  // y' = diag(0.3, −0.5) y: log R_ii grows by exactly log|R_RK4(hμ_i)| every step, so every block has the same mean.
  const diag: DynamicalSystem = {
    name: "diagonal",
    n: 2,
    y0: [1, 1],
    rhs: (_t, y, d) => {
      d[0] = 0.3 * y[0];
      d[1] = -0.5 * y[1];
    },
    jacobian: (_t, _y, J) => {
      J[0] = 0.3;
      J[1] = 0;
      J[2] = 0;
      J[3] = -0.5;
    },
  };
  const run = lyapunovSpectrum(diag, [1, 1], { dt: 0.01, steps: 1000 });
  const { means, stdErr } = lyapunovBlocks(run, 10);
  assert.equal(means.length, 10);
  for (const m of means) {
    assert.ok(Math.abs(m[0] - 0.3) < 1e-9 && Math.abs(m[1] + 0.5) < 1e-9, `block means ${m}`);
  }
  assert.ok(
    stdErr.every((v) => v < 1e-12),
    `stdErr ${Array.from(stdErr)}`,
  );
  // Lorenz-63: equal blocks average to the whole run's exponents; the standard error is the spread / √B.
  const l63 = lyapunovSpectrum(lorenz63(), [1, 1, 1], { dt: 0.01, steps: 20000, transient: 500 });
  const b = lyapunovBlocks(l63, 8);
  for (let i = 0; i < 3; i++) {
    const avg = b.means.reduce((a, m) => a + m[i], 0) / 8;
    assert.ok(Math.abs(avg - l63.exponents[i]) < 1e-12, `exponent ${i}: ${avg} vs ${l63.exponents[i]}`);
    const sd = Math.sqrt(b.means.reduce((a, m) => a + (m[i] - avg) ** 2, 0) / 7);
    assert.ok(Math.abs(b.stdErr[i] - sd / Math.sqrt(8)) < 1e-15);
  }
  assert.ok(b.stdErr[0] > 0 && b.stdErr[0] < 0.05, `λ1 standard error ${b.stdErr[0]} at T = 200`);
  assert.throws(
    () => lyapunovBlocks(run, 1),
    /invalid argument blocks: must be an integer in \[2, 1000\] \(rows of history\), got 1/,
  );
  assert.throws(() => lyapunovBlocks(run, 2.5), /invalid argument blocks/);
});
