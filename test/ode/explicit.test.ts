import { test } from "node:test";
import assert from "node:assert/strict";
import { methods, solveIVP } from "../../lib/index";
import type { MethodName } from "../../lib/index";

// y' = y cos t, y(0) = 1  →  y = exp(sin t): smooth, time-dependent, analytic.
const expSin = (t: number, y: Float64Array, dy: Float64Array) => {
  dy[0] = y[0] * Math.cos(t);
};
const expSinExact = (t: number) => Math.exp(Math.sin(t));

// Harmonic oscillator y'' = -ω² y as a first-order system.
const omega = 2;
const oscillator = (_t: number, y: Float64Array, dy: Float64Array) => {
  dy[0] = y[1];
  dy[1] = -omega * omega * y[0];
};

const fixedOrders: [MethodName, number][] = [
  ["Euler", 1],
  ["Midpoint", 2],
  ["RK4", 4],
];
const adaptiveOrders: [MethodName, number][] = [
  ["BS3", 3],
  ["DOPRI5", 5],
  ["Tsit5", 5],
  ["DOP853", 8],
];

/** Error at t = T with a constant step h: fixed methods use `step`, adaptive ones are pinned by maxStep with huge tolerances. */
function errorWithStep(method: MethodName, h: number, T: number): number {
  const opts = methods[method].fixedStep
    ? { method, step: h }
    : { method, firstStep: h, maxStep: h, rtol: 1e10, atol: 1e10 };
  const r = solveIVP(expSin, [0, T], [1], opts);
  assert.equal(r.status, "success");
  return Math.abs(r.y[r.y.length - 1][0] - expSinExact(T));
}

for (const [method, order] of [...fixedOrders, ...adaptiveOrders]) {
  test(`${method}: observed order ${order} under step halving (tolerance ±0.35)`, () => {
    // Steps chosen so the error is well above round-off and in the asymptotic regime.
    const h = order >= 8 ? 0.5 : order >= 5 ? 0.2 : order >= 3 ? 0.05 : 0.01;
    const T = 4;
    const e1 = errorWithStep(method, h, T);
    const e2 = errorWithStep(method, h / 2, T);
    const e3 = errorWithStep(method, h / 4, T);
    const p1 = Math.log2(e1 / e2);
    const p2 = Math.log2(e2 / e3);
    assert.ok(Math.abs(p2 - order) < 0.35, `observed orders ${p1.toFixed(2)}, ${p2.toFixed(2)} (expected ${order})`);
  });
}

for (const [method] of adaptiveOrders) {
  test(`${method}: harmonic oscillator against cos/sin at rtol 1e-9 (error < 1e-6)`, () => {
    const r = solveIVP(oscillator, [0, 10], [1, 0], { method, rtol: 1e-9, atol: 1e-12 });
    assert.equal(r.status, "success");
    assert.ok(r.success);
    r.t.forEach((t, i) => {
      assert.ok(Math.abs(r.y[i][0] - Math.cos(omega * t)) < 1e-6, `y0 at t=${t}`);
      assert.ok(Math.abs(r.y[i][1] + omega * Math.sin(omega * t)) < 2e-6, `y1 at t=${t}`);
    });
    assert.equal(r.stats.naccept + r.stats.nreject, r.stats.nsteps);
  });

  test(`${method}: dense output sol(t) matches the analytic solution between steps (error < 1e-6)`, () => {
    const r = solveIVP(expSin, [0, 10], [1], { method, rtol: 1e-10, atol: 1e-12, dense: true });
    assert.ok(r.sol);
    let worst = 0;
    for (let i = 0; i <= 997; i++) {
      const t = (10 * i) / 997;
      worst = Math.max(worst, Math.abs(r.sol(t)[0] - expSinExact(t)));
    }
    assert.ok(worst < 1e-6, `worst dense error ${worst}`);
    // Past the end, sol extrapolates the last step's interpolant (scipy's OdeSolution): a small
    // fraction of a step out, it still follows the solution.
    const past = Math.abs(r.sol(10.001)[0] - expSinExact(10.001));
    assert.ok(past < 1e-6, `extrapolated error ${past}`);
  });

  test(`${method}: tEval output and backward integration agree with exp(-t)`, () => {
    const tEval = [2, 1.5, 1, 0.25, 0];
    const r = solveIVP((_t, y) => [-y[0]], [2, 0], [Math.exp(-2)], { method, rtol: 1e-10, atol: 1e-14, tEval });
    assert.deepEqual(r.t, tEval);
    r.t.forEach((t, i) => assert.ok(Math.abs(r.y[i][0] - Math.exp(-t)) < 1e-9, `at t=${t}: ${r.y[i][0]}`));
  });
}

test("in-place and returning right-hand sides give identical results", () => {
  const a = solveIVP(oscillator, [0, 3], [1, 0], { rtol: 1e-8 });
  const b = solveIVP((_t, y) => [y[1], -omega * omega * y[0]], [0, 3], [1, 0], { rtol: 1e-8 });
  assert.deepEqual(a.t, b.t);
  assert.deepEqual(a.y[a.y.length - 1], b.y[b.y.length - 1]);
});

test("events: a falling ball hits the ground at sqrt(2h/g) (terminal, direction −1)", () => {
  const g = 9.81;
  const ground = Object.assign((_t: number, y: Float64Array) => y[0], { terminal: true, direction: -1 });
  for (const method of ["DOPRI5", "Tsit5", "DOP853", "BS3"] as MethodName[]) {
    const r = solveIVP((_t, y) => [y[1], -g], [0, 10], [10, 0], { method, events: ground, rtol: 1e-8 });
    const exact = Math.sqrt((2 * 10) / g);
    assert.equal(r.status, "event");
    assert.ok(r.success);
    assert.equal(r.tEvents![0].length, 1);
    assert.ok(Math.abs(r.tEvents![0][0] - exact) < 1e-10, `${method}: ${r.tEvents![0][0]} vs ${exact}`);
    assert.ok(Math.abs(r.t[r.t.length - 1] - exact) < 1e-10);
    assert.ok(Math.abs(r.yEvents![0][0][0]) < 1e-9);
  }
});

test("events: non-terminal zeros of cos t, filtered by direction", () => {
  const both = (t: number, y: Float64Array) => y[0];
  const up = Object.assign((t: number, y: Float64Array) => y[0], { direction: 1 });
  // y = (cos t, -sin t): zeros of cos at π/2 + kπ; upward crossings at 3π/2 + 2kπ.
  const r = solveIVP((_t, y) => [y[1], -y[0]], [0, 20], [1, 0], { rtol: 1e-10, atol: 1e-12, events: [both, up] });
  assert.equal(r.status, "success");
  const zeros = Array.from({ length: 6 }, (_, k) => Math.PI / 2 + k * Math.PI);
  assert.equal(r.tEvents![0].length, zeros.length);
  r.tEvents![0].forEach((t, k) => assert.ok(Math.abs(t - zeros[k]) < 1e-8, `zero ${k}: ${t}`));
  const ups = [1.5 * Math.PI, 3.5 * Math.PI, 5.5 * Math.PI];
  assert.equal(r.tEvents![1].length, ups.length);
  r.tEvents![1].forEach((t, k) => assert.ok(Math.abs(t - ups[k]) < 1e-8));
});

test("failures are reported with the time reached: blow-up of y' = y² at t = 1", () => {
  const r = solveIVP((_t, y) => [y[0] * y[0]], [0, 2], [1], { rtol: 1e-6 });
  assert.equal(r.success, false);
  assert.ok(r.status === "stepSizeUnderflow" || r.status === "nonFinite", r.status);
  const m = /t=([0-9.e+-]+)/.exec(r.message);
  assert.ok(m, r.message);
  assert.ok(Math.abs(Number(m[1]) - 1) < 1e-3, r.message);
});

test("failures: maxSteps and a non-finite derivative name the time", () => {
  const r = solveIVP(oscillator, [0, 100], [1, 0], { maxSteps: 20 });
  assert.equal(r.status, "maxSteps");
  assert.match(r.message, /maximum number of steps \(20\) reached at t=/);
  const nan = solveIVP((t, y) => [t < 0.5 ? -y[0] : NaN], [0, 1], [1], { method: "RK4", step: 0.1 });
  assert.equal(nan.status, "nonFinite");
  assert.match(nan.message, /non-finite state component 0 in the step from t=0\.(4|5)/);
  const nanAdaptive = solveIVP((t, y) => [t < 0.5 ? -y[0] : NaN], [0, 1], [1]);
  assert.equal(nanAdaptive.status, "nonFinite");
  assert.match(nanAdaptive.message, /t=0\.[45]/);
});

test("invalid arguments throw errors that name the argument and value", () => {
  const f = (_t: number, y: Float64Array) => [-y[0]];
  assert.throws(() => solveIVP(f, [0, NaN], [1]), /invalid argument tSpan/);
  assert.throws(() => solveIVP(f, [0, 1], [1, NaN]), /invalid argument y0: component 1 is NaN/);
  assert.throws(
    () => solveIVP(f, [0, 1], [1], { rtol: 0 }),
    /invalid argument rtol: must be a finite number > 0, got 0/,
  );
  assert.throws(
    () => solveIVP(f, [0, 1], [1], { atol: -1 }),
    /invalid argument atol: must be a finite number ≥ 0, got -1/,
  );
  assert.throws(
    () => solveIVP(f, [0, 1], [1, 2], { atol: [1e-6] }),
    /invalid argument atol: has length 1 but y0 has length 2/,
  );
  assert.throws(() => solveIVP(f, [0, 1], [1, 2], { atol: [1e-6, -1] }), /atol: component 1 is -1/);
  assert.throws(() => solveIVP(f, [0, 1], [1], { method: "RK45" as MethodName }), /unknown method "RK45"/);
  assert.throws(() => solveIVP(f, [0, 1], [1], { method: "RK4" }), /invalid argument step: method RK4 is fixed-step/);
  assert.throws(
    () => solveIVP(f, [0, 1], [1], { tEval: [0, 2] }),
    /invalid argument tEval: entry 1 is 2, outside tSpan/,
  );
  assert.throws(() => solveIVP(f, [0, 1], [1], { tEval: [0.5, 0.2] }), /tEval: must be sorted/);
  assert.throws(() => solveIVP(f, [0, 1], [1], { maxSteps: 1.5 }), /maxSteps: must be a positive integer/);
  assert.throws(() => solveIVP(f, [0, 1], [1], { firstStep: -1 }), /firstStep/);
  assert.throws(() => solveIVP(() => [1, 2], [0, 1], [1]), /returned length 2, expected length 1/);
});

test("recordSteps records every attempt: accepted and rejected counts match stats, times are contiguous", () => {
  const r = solveIVP(oscillator, [0, 10], [1, 0], { method: "DOPRI5", rtol: 1e-6, recordSteps: true, firstStep: 1 });
  assert.ok(r.steps);
  assert.equal(r.steps.length, r.stats.nsteps);
  assert.equal(r.steps.filter((s) => s.accepted).length, r.stats.naccept);
  assert.equal(r.steps.filter((s) => !s.accepted).length, r.stats.nreject);
  assert.ok(r.stats.nreject > 0, "a first step of 1 must be rejected at rtol 1e-6");
  let t = 0;
  for (const s of r.steps) {
    assert.equal(s.t, t);
    if (s.accepted) {
      assert.ok(s.error <= 1);
      t += s.h;
    } else assert.ok(s.error > 1);
  }
  assert.ok(Math.abs(t - 10) < 1e-12);
});
