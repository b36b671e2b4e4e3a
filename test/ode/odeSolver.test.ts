import { test } from "node:test";
import assert from "node:assert/strict";
import { OdeSolver, OdeStateError, OdeArgumentError, solveIVP } from "../../lib/index";
import type { MethodName, OdeSolverOptions } from "../../lib/index";
import { funRational, solRational, computeError } from "./scipyProblems";

// scipy's OdeSolver (scipy/integrate/_ivp/base.py) and its tests test_classes,
// test_no_integration_class and test_max_step in test_ivp.py.
const ADAPTIVE: MethodName[] = ["BS3", "DOPRI5", "Tsit5", "DOP853", "Rodas5", "BDF", "Auto"];
const ALL: [MethodName, OdeSolverOptions][] = [
  ...ADAPTIVE.map((m): [MethodName, OdeSolverOptions] => [m, {}]),
  ["Euler", { step: 0.1 }],
  ["RK4", { step: 0.1 }],
];
const y0 = [1 / 3, 2 / 9];

test("test_classes: a solver toward tBound = ∞ starts running, steps once, and its dense output starts at y0", () => {
  for (const [method, extra] of ALL) {
    const s = new OdeSolver(funRational, 5, y0, Infinity, { method, ...extra });
    assert.equal(s.n, 2);
    assert.equal(s.status, "running");
    assert.equal(s.tBound, Infinity);
    assert.equal(s.direction, 1);
    assert.equal(s.t, 5);
    assert.deepEqual(Array.from(s.y), y0);
    assert.equal(s.stepSize, null);
    assert.equal(s.tOld, null);
    assert.ok(s.stats.nfev > 0, "f(t0, y0) is evaluated at construction");
    assert.equal(s.stats.nlu, 0);
    assert.throws(
      () => s.denseOutput(),
      (e: unknown) => e instanceof OdeStateError && /denseOutput\(\) before the first step \(t=5\)/.test(e.message),
    );
    assert.equal(s.step(), null);
    assert.equal(s.status, "running");
    assert.ok(s.t > 5);
    assert.equal(s.tOld, 5);
    assert.notDeepEqual(Array.from(s.y), y0);
    assert.ok(s.stepSize! > 0);
    assert.equal(s.stats.naccept, 1);
    const sol = s.denseOutput();
    sol(5).forEach((v, m) => assert.ok(Math.abs(v - y0[m]) <= 1e-15 * Math.abs(y0[m]), `${method}: ${v}`));
    // The last step's interpolant against the exact solution, inside the step (scipy's bound).
    const mid = (s.tOld! + s.t) / 2;
    assert.ok(computeError(sol(mid), solRational(mid), 1e-3, 1e-6) < 5, method);
  }
});

test("test_no_integration_class: t0 = tBound and an empty state finish on the first step with a constant dense output", () => {
  for (const [method, extra] of ALL) {
    const s = new OdeSolver((_t, y) => [-y[0], -y[1]], 0, [10, 0], 0, { method, ...extra });
    assert.equal(s.step(), null);
    assert.equal(s.status, "finished");
    const sol = s.denseOutput();
    assert.deepEqual(Array.from(sol(0)), [10, 0]);
    assert.deepEqual(Array.from(sol(2)), [10, 0]);
    assert.equal(s.stats.nfev, 0);

    const empty = new OdeSolver(() => [], 0, [], Infinity, { method, ...extra });
    empty.step();
    assert.equal(empty.status, "finished");
    assert.equal(empty.t, Infinity);
    assert.equal(empty.denseOutput()(100).length, 0);
  }
});

test("stepping an OdeSolver to the end gives solveIVP's steps bit for bit (solveIVP runs on it)", () => {
  for (const [method, extra] of ALL) {
    for (const tBound of [9, 1]) {
      const s = new OdeSolver(funRational, 5, y0, tBound, { method, ...extra, rtol: 1e-6 });
      const ts = [s.t];
      const ys = [Array.from(s.y)];
      while (s.status === "running") {
        assert.equal(s.step(), null);
        ts.push(s.t);
        ys.push(Array.from(s.y));
      }
      assert.equal(s.status, "finished");
      assert.equal(s.t, tBound);
      const r = solveIVP(funRational, [5, tBound], y0, { method, ...extra, rtol: 1e-6 });
      assert.deepEqual(ts, r.t, `${method} → ${tBound}`);
      assert.deepEqual(
        ys,
        r.y.map((y) => Array.from(y)),
      );
      assert.equal(s.stats.nfev, r.stats.nfev);
      assert.equal(s.stats.minStep, r.stats.minStep);
      assert.ok(s.stats.minStep > 0 && s.stats.minStep < Infinity);
    }
  }
});

test("interactive use: step y' = −y toward ∞ until t > 5; y and the last step's dense output follow exp(−t)", () => {
  for (const method of ADAPTIVE) {
    const s = new OdeSolver((_t, y, dy) => void (dy[0] = -y[0]), 0, [1], Infinity, { method, rtol: 1e-8, atol: 1e-12 });
    while (s.t <= 5) assert.equal(s.step(), null, method);
    assert.equal(s.status, "running");
    assert.ok(Math.abs(s.y[0] - Math.exp(-s.t)) < 1e-6 * Math.exp(-s.t), `${method}: ${s.y[0]} vs ${Math.exp(-s.t)}`);
    const sol = s.denseOutput();
    const mid = (s.tOld! + s.t) / 2;
    assert.ok(Math.abs(sol(mid)[0] - Math.exp(-mid)) < 1e-6 * Math.exp(-mid), method);
  }
});

test("test_max_step: a failed step sets status 'failed' with a message naming t; stepping again is an OdeStateError", () => {
  for (const method of ADAPTIVE) {
    const s = new OdeSolver(funRational, 5, y0, 9, { method, maxStep: 1e-20 });
    let message: string | null = null;
    for (let i = 0; i < 3 && message === null; i++) message = s.step();
    assert.equal(s.status, "failed", method);
    assert.equal(s.failure, "stepSizeUnderflow");
    assert.match(message!, /step size underflow at t=5/);
    assert.equal(s.message, message);
    assert.throws(
      () => s.step(),
      (e: unknown) =>
        e instanceof OdeStateError &&
        e.status === "failed" &&
        /^step\(\) on a failed solver at t=5 \(step size underflow/.test(e.message),
    );
  }
  const done = new OdeSolver(funRational, 5, y0, 5.5, {});
  while (done.status === "running") done.step();
  assert.throws(() => done.step(), /step\(\) on a finished solver at t=5.5; only a running solver steps/);
});

test("OdeSolver validates like solveIVP and rejects the output options it does not use", () => {
  assert.throws(() => new OdeSolver(funRational, 5, y0, 9, { method: "RK45" as MethodName }), OdeArgumentError);
  assert.throws(
    () => new OdeSolver(funRational, 5, y0, 9, { tEval: [6] } as OdeSolverOptions),
    /invalid argument tEval: does not apply to the step-by-step OdeSolver \(use solveIVP\)/,
  );
  assert.throws(() => new OdeSolver(funRational, 5, y0, NaN), /invalid argument tBound: is NaN/);
  assert.throws(() => new OdeSolver(funRational, "5" as never, y0, 9), TypeError);
});
