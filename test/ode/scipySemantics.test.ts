import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP, OdeArgumentError, OdeTypeError } from "../../lib/index";
import type { MethodName, OdeOptions } from "../../lib/index";
import { computeError, funLinear, funRational, jacLinear, linspace, solLinear, solRational } from "./scipyProblems";

// Our solve_ivp against scipy's own test suite (scipy/integrate/_ivp/tests/test_ivp.py): the
// same problems, tolerances and bounds. RK23 ↔ BS3, RK45 ↔ DOPRI5, Radau/BDF ↔ Rodas5/BDF.
const ADAPTIVE: MethodName[] = ["BS3", "DOPRI5", "Tsit5", "DOP853", "Rodas5", "BDF", "Auto"];
const ALL: [MethodName, OdeOptions][] = [
  ...ADAPTIVE.map((m): [MethodName, OdeOptions] => [m, {}]),
  ["Euler", { step: 0.1 }],
  ["Midpoint", { step: 0.1 }],
  ["RK4", { step: 0.1 }],
];
const rtol = 1e-3;
const atol = 1e-6;
const y0 = [1 / 3, 2 / 9];

for (const method of ADAPTIVE) {
  for (const span of [
    [5, 9],
    [5, 1],
  ] as [number, number][]) {
    test(`test_integration: ${method} on [${span}] within scipy's bound (scaled error < 5 at steps, dense, midpoint)`, () => {
      const r = solveIVP(funRational, span, y0, { method, rtol, atol, dense: true });
      assert.equal(r.status, "success", r.message);
      assert.equal(r.t[0], span[0]);
      assert.equal(r.t[r.t.length - 1], span[1]);
      if (method !== "Rodas5") {
        // scipy: nfev < 40 (DOP853 < 50). Rodas5 (8 stages + a Jacobian per step) has no scipy twin.
        assert.ok(r.stats.nfev < (method === "DOP853" ? 50 : 40), `nfev ${r.stats.nfev}`);
      }
      if (method === "BDF") {
        assert.ok(r.stats.njev > 0 && r.stats.njev < 3, `njev ${r.stats.njev}`);
        assert.ok(r.stats.nlu > 0 && r.stats.nlu < 10, `nlu ${r.stats.nlu}`);
      } else if (method !== "Rodas5") {
        assert.equal(r.stats.njev, 0);
        assert.equal(r.stats.nlu, 0);
      }
      r.t.forEach((t, i) => {
        const e = computeError(r.y[i], solRational(t), rtol, atol);
        assert.ok(e < 5, `step at t=${t}: scaled error ${e}`);
      });
      for (const t of [...linspace(span[0], span[1]), (span[0] + span[1]) / 2]) {
        const e = computeError(r.sol!(t), solRational(t), rtol, atol);
        assert.ok(e < 5, `sol(${t}): scaled error ${e}`);
      }
      // sol at the step ends reproduces the steps (scipy: rtol = atol = 1e-15; Tsit5's
      // interpolant sums its weights in another order, so 1e-14 relative here).
      r.t.forEach((t, i) => {
        const s = r.sol!(t);
        for (let m = 0; m < 2; m++) assert.ok(Math.abs(s[m] - r.y[i][m]) <= 1e-15 + 1e-14 * Math.abs(r.y[i][m]));
      });
    });
  }
}

for (const method of ["Rodas5", "BDF"] as MethodName[]) {
  test(`test_integration_const_jac: ${method} with a constant Jacobian, solution crossing zero (scaled error < 10 at steps, < 15 dense)`, () => {
    const r = solveIVP(funLinear, [0, 2], [0, 2], { method, rtol, atol, dense: true, jacobian: jacLinear });
    assert.equal(r.status, "success", r.message);
    assert.ok(r.stats.nfev < 100 || method === "Rodas5", `nfev ${r.stats.nfev}`);
    assert.ok(r.stats.nlu > 0 && r.stats.nlu < 15, `nlu ${r.stats.nlu}`);
    r.t.forEach((t, i) => {
      const e = computeError(r.y[i], solLinear(t), rtol, atol);
      assert.ok(e < 10, `step at t=${t}: scaled error ${e}`);
    });
    for (const t of linspace(0, 2)) {
      const e = computeError(r.sol!(t), solLinear(t), rtol, atol);
      assert.ok(e < 15, `sol(${t}): scaled error ${e}`);
    }
    r.t.forEach((t, i) => {
      const s = r.sol!(t);
      for (let m = 0; m < 2; m++) assert.ok(Math.abs(s[m] - r.y[i][m]) <= 1e-14 + 1e-14 * Math.abs(r.y[i][m]));
    });
  });
}

test("test_events: zeros of y0 − y1^0.7 and y1^0.6 − y0, filtered by direction, forward and backward, every method", () => {
  const e1 = (_t: number, y: Float64Array) => y[0] - y[1] ** 0.7;
  const e2 = (_t: number, y: Float64Array) => y[1] ** 0.6 - y[0];
  const e3 = Object.assign((t: number) => t - 7.4, { terminal: true });
  const dir = (g: (t: number, y: Float64Array) => number, direction: number) =>
    Object.assign(g.bind(null), { direction });
  for (const method of ADAPTIVE) {
    const fwd = solveIVP(funRational, [5, 8], y0, { method, events: [e1, e2] });
    assert.equal(fwd.status, "success");
    assert.equal(fwd.tEvents![0].length, 1);
    assert.equal(fwd.tEvents![1].length, 1);
    assert.ok(fwd.tEvents![0][0] > 5.3 && fwd.tEvents![0][0] < 5.7, `${method}: ${fwd.tEvents![0][0]}`);
    assert.ok(fwd.tEvents![1][0] > 7.3 && fwd.tEvents![1][0] < 7.7, `${method}: ${fwd.tEvents![1][0]}`);
    assert.ok(Math.abs(e1(0, fwd.yEvents![0][0])) < 1e-8);
    assert.ok(Math.abs(e2(0, fwd.yEvents![1][0])) < 1e-8);

    const up = solveIVP(funRational, [5, 8], y0, { method, events: [dir(e1, 1), dir(e2, 1)] });
    assert.deepEqual([up.tEvents![0].length, up.tEvents![1].length], [1, 0]);
    const down = solveIVP(funRational, [5, 8], y0, { method, events: [dir(e1, -1), dir(e2, -1)] });
    assert.deepEqual([down.tEvents![0].length, down.tEvents![1].length], [0, 1]);

    const term = solveIVP(funRational, [5, 8], y0, { method, events: [e1, e2, e3], dense: true });
    assert.equal(term.status, "event");
    assert.deepEqual(
      term.tEvents!.map((t) => t.length),
      [1, 0, 1],
    );
    assert.ok(Math.abs(term.tEvents![2][0] - 7.4) < 1e-12);
    // Termination by an event leaves the interpolant intact (scipy: scaled error < 5).
    for (const t of linspace(5, term.t[term.t.length - 1])) {
      assert.ok(computeError(term.sol!(t), solRational(t), rtol, atol) < 5, `${method} sol(${t})`);
    }
    const yE = solRational(term.tEvents![0][0]);
    term.yEvents![0][0].forEach((v, m) => assert.ok(Math.abs(v - yE[m]) <= 1e-6 + 1e-3 * Math.abs(yE[m])));

    // Backward from t = 8, where y = (4/9, 20/81): the same zeros, directions reversed.
    const back = solveIVP(funRational, [8, 5], [4 / 9, 20 / 81], { method, events: [e1, e2] });
    assert.equal(back.tEvents![0].length, 1);
    assert.equal(back.tEvents![1].length, 1);
    assert.ok(back.tEvents![0][0] > 5.3 && back.tEvents![0][0] < 5.7);
    assert.ok(back.tEvents![1][0] > 7.3 && back.tEvents![1][0] < 7.7);
    const backDown = solveIVP(funRational, [8, 5], [4 / 9, 20 / 81], { method, events: [dir(e1, -1), dir(e2, -1)] });
    assert.deepEqual([backDown.tEvents![0].length, backDown.tEvents![1].length], [1, 0]);
    const backTerm = solveIVP(funRational, [8, 5], [4 / 9, 20 / 81], { method, events: [e1, e2, e3], dense: true });
    assert.equal(backTerm.status, "event");
    assert.deepEqual(
      backTerm.tEvents!.map((t) => t.length),
      [0, 1, 1],
    );
    for (const t of linspace(backTerm.t[backTerm.t.length - 1], 8)) {
      assert.ok(computeError(backTerm.sol!(t), solRational(t), rtol, atol) < 5, `${method} backward sol(${t})`);
    }
  }
});

test("test_max_step and test_first_step: |h| ≤ maxStep, the first step is firstStep, accuracy kept (every method, both directions)", () => {
  for (const method of ADAPTIVE) {
    for (const span of [
      [5, 9],
      [5, 1],
    ] as [number, number][]) {
      const r = solveIVP(funRational, span, y0, { method, rtol, atol, maxStep: 0.5, firstStep: 0.1, dense: true });
      assert.equal(r.status, "success");
      assert.equal(r.t[r.t.length - 1], span[1]);
      assert.ok(Math.abs(Math.abs(r.t[1] - 5) - 0.1) < 1e-15, `${method}: first step ${r.t[1] - 5}`);
      for (let i = 1; i < r.t.length; i++) assert.ok(Math.abs(r.t[i] - r.t[i - 1]) <= 0.5 + 1e-15);
      r.t.forEach((t, i) => assert.ok(computeError(r.y[i], solRational(t), rtol, atol) < 5));
      for (const t of linspace(span[0], span[1])) assert.ok(computeError(r.sol!(t), solRational(t), rtol, atol) < 5);
    }
  }
});

test("test_t_eval_early_event: a terminal event before the first tEval gives empty output", () => {
  const early = Object.assign((t: number) => t - 7, { terminal: true });
  const tEval = linspace(7.5, 9, 16);
  for (const method of ADAPTIVE) {
    const r = solveIVP(funRational, [5, 9], y0, { method, rtol, atol, tEval, events: early });
    assert.ok(r.success);
    assert.equal(r.status, "event");
    assert.deepEqual(r.t, []);
    assert.deepEqual(r.y, []);
    assert.equal(r.tEvents![0].length, 1);
    assert.ok(Math.abs(r.tEvents![0][0] - 7) < 1e-14, `${r.tEvents![0][0]}`);
  }
});

test("test_no_integration / test_zero_interval: tSpan [4, 4] returns y0 with success, and sol is the constant y0 (every method)", () => {
  for (const [method, extra] of ALL) {
    const r = solveIVP((_t, y) => [-y[0], -y[1]], [4, 4], [2, 3], { method, ...extra, dense: true });
    assert.equal(r.status, "success", `${method}: ${r.message}`);
    assert.ok(r.success);
    assert.deepEqual(r.t, [4]);
    assert.deepEqual(Array.from(r.y[0]), [2, 3]);
    assert.equal(r.stats.nfev, 0);
    for (const t of [4, 5, 6, 3]) assert.deepEqual(Array.from(r.sol!(t)), [2, 3]);
    const withEval = solveIVP((_t, y) => [-y[0], -y[1]], [4, 4], [2, 3], { method, ...extra, tEval: [4, 4] });
    assert.deepEqual(withEval.t, [4, 4]);
  }
});

test("test_empty: an empty state is a successful no-op on [0, 10] and on [0, ∞) (every method)", () => {
  for (const [method, extra] of ALL) {
    for (const tFinal of [10, Infinity]) {
      const r = solveIVP(() => [], [0, tFinal], [], { method, ...extra, dense: true });
      assert.equal(r.status, "success", `${method}: ${r.message}`);
      assert.deepEqual(r.t, [0, tFinal]);
      assert.equal(r.y.length, 2);
      assert.equal(r.y[1].length, 0);
      assert.equal(r.sol!(10).length, 0);
      assert.equal(r.stats.nfev, 0);
    }
  }
});

test("test_duplicate_timestamps: tFinal = ∞ ended by a terminal event; sol extrapolates past it (upward cannon)", () => {
  // x'' = −g from x = 0, v = 0.01: x = 0.01 t − g t²/2 returns to 0 at t = 0.02/g. scipy's
  // reference values: t_event 0.00203943, sol(0.01) = (−0.00039033, −0.08806632).
  const g = 9.80665;
  const hitGround = Object.assign((_t: number, y: Float64Array) => y[0], { terminal: true, direction: -1 });
  for (const method of ADAPTIVE) {
    const r = solveIVP((_t, y) => [y[1], -g], [0, Infinity], [0, 0.01], {
      method,
      maxStep: (0.05 * 0.001) / g,
      events: hitGround,
      dense: true,
    });
    assert.equal(r.status, "event", r.message);
    assert.ok(r.success);
    // BDF starts at order 1 (error O(h) per step at rtol 1e-3); the rest meet scipy's rtol 1e-5.
    const tol = method === "BDF" ? 1e-4 : 1e-5;
    assert.ok(Math.abs(r.tEvents![0][0] - 0.02 / g) <= 1e-8 + tol * (0.02 / g), `${method}: ${r.tEvents![0][0]}`);
    assert.ok(Math.abs(r.yEvents![0][0][0]) < 1e-9);
    assert.ok(Math.abs(r.yEvents![0][0][1] + 0.01) < (method === "BDF" ? 1e-6 : 1e-9));
    assert.equal(r.t[r.t.length - 1], r.tEvents![0][0]);
    if (method === "DOPRI5" || method === "BS3") {
      // 0.01 is ~1600 steps past the event; only the low-degree interpolants extrapolate that far
      // without amplifying round-off (DOPRI5 is scipy's RK45, whose result this is).
      const s = r.sol!(0.01);
      assert.ok(Math.abs(s[0] - (0.01 * 0.01 - (g * 0.01 ** 2) / 2)) <= 1e-8 + 1e-5 * 0.00039033, `${method}: ${s[0]}`);
      assert.ok(Math.abs(s[1] - (0.01 - g * 0.01)) <= 1e-8 + 1e-5 * 0.08806632, `${method}: ${s[1]}`);
    }
  }
  // Backward to −∞ works the same way: y' = 1 from y(0) = 0 reaches y = −3 at t = −3.
  const at3 = Object.assign((_t: number, y: Float64Array) => y[0] + 3, { terminal: true });
  const back = solveIVP(() => [1], [0, -Infinity], [0], { events: at3 });
  assert.equal(back.status, "event");
  assert.ok(Math.abs(back.tEvents![0][0] + 3) < 1e-12);
});

test("an infinite end time without a terminal event is an OdeArgumentError naming tSpan", () => {
  const f = (_t: number, y: Float64Array) => [-y[0]];
  assert.throws(
    () => solveIVP(f, [0, Infinity], [1]),
    (e: unknown) =>
      e instanceof OdeArgumentError &&
      e instanceof RangeError &&
      /invalid argument tSpan: tFinal is Infinity: an infinite end time needs a terminal event/.test(e.message),
  );
  const nonTerminal = Object.assign((_t: number, y: Float64Array) => y[0] - 0.5, { terminal: false });
  assert.throws(() => solveIVP(f, [0, Infinity], [1], { events: nonTerminal }), /needs a terminal event/);
  assert.throws(() => solveIVP(f, [Infinity, 0], [1]), /invalid argument tSpan: t0 must be finite/);
});

for (const count of [3, 4]) {
  test(`test_event_terminal_integer: terminal = ${count} stops at the ${count}-th zero of cos t (every method)`, () => {
    for (const method of ADAPTIVE) {
      const zero = Object.assign((_t: number, y: Float64Array) => y[0], { terminal: count });
      const r = solveIVP((_t, y) => [y[1], -y[0]], [0, 100], [1, 0], { method, events: zero });
      assert.equal(r.status, "event", `${method}: ${r.message}`);
      assert.equal(r.tEvents![0].length, count);
      assert.equal(r.yEvents![0].length, count);
      // scipy: y_events[:, 0] = 0 to 1e-14 (the root is found on the interpolant).
      r.yEvents![0].forEach((y) => assert.ok(Math.abs(y[0]) < 1e-14, `${method}: ${y[0]}`));
      // The zeros are π/2 + kπ to the accuracy of the default rtol 1e-3.
      r.tEvents![0].forEach((t, k) => assert.ok(Math.abs(t - (Math.PI / 2 + k * Math.PI)) < 5e-3, `${method}: ${t}`));
      assert.equal(r.t[r.t.length - 1], r.tEvents![0][count - 1]);
      assert.match(r.message, new RegExp(`event 0, occurrence ${count}\\) occurred at t=`));
    }
  });
}

test("test_event_terminal_iv: terminal undefined, false and 0 all mean non-terminal; −1, 3.5 and 'yes' are rejected", () => {
  const f = (_t: number, y: Float64Array) => [y[1], -y[0]];
  const withTerminal = (terminal: unknown) =>
    solveIVP(f, [0, 100], [1, 0], {
      events: Object.assign((_t: number, y: Float64Array) => y[0], { terminal }) as never,
    });
  const ref = withTerminal(undefined);
  assert.equal(ref.tEvents![0].length, 32); // π/2 + kπ < 100 for k = 0..31
  assert.deepEqual(withTerminal(0).tEvents, ref.tEvents);
  assert.deepEqual(withTerminal(false).tEvents, ref.tEvents);
  assert.deepEqual(withTerminal(true).tEvents![0].length, 1);
  for (const bad of [-1, 3.5, NaN]) {
    assert.throws(
      () => withTerminal(bad),
      (e: unknown) =>
        e instanceof OdeArgumentError &&
        e.message ===
          `invalid argument events[0].terminal: must be a boolean or a positive integer (stop at that occurrence), got ${bad}`,
    );
  }
  assert.throws(
    () => withTerminal("yes"),
    (e: unknown) =>
      e instanceof OdeTypeError && e instanceof TypeError && /events\[0\]\.terminal.*got string yes/.test(e.message),
  );
});

test("OdeSolution: sol extrapolates outside the solved interval from the nearest step (exact for y = t²)", () => {
  // y' = 2t, y(0) = 0: y = t². Every adaptive interpolant has degree ≥ 2 in t, so extrapolating
  // the first or last step reproduces t² up to round-off, forward and backward.
  for (const method of ADAPTIVE) {
    for (const span of [
      [0, 10],
      [10, 0],
    ] as [number, number][]) {
      const r = solveIVP((t) => [2 * t], span, [span[0] ** 2], { method, rtol: 1e-8, atol: 1e-10, dense: true });
      // Half a step and one step beyond each end (farther out, the polynomial amplifies round-off by θ^degree).
      const k = r.t.length - 1;
      const hFirst = r.t[1] - r.t[0];
      const hLast = r.t[k] - r.t[k - 1];
      // Measured against the global error already present at that end (BDF's is ~2e-7 at t = 0).
      const endError = (i: number) => r.y[i][0] - r.t[i] ** 2;
      for (const [t, i] of [
        [r.t[0] - hFirst / 2, 0],
        [r.t[0] - hFirst, 0],
        [r.t[k] + hLast / 2, k],
        [r.t[k] + hLast, k],
      ]) {
        const v = r.sol!(t)[0];
        assert.ok(Math.abs(v - t * t - endError(i)) < 1e-9 * (1 + t * t), `${method} [${span}] sol(${t}) = ${v}`);
      }
    }
  }
});

test("test_array_rtol: rtol per component; a tighter component is more accurate; [r, r] steps exactly as r", () => {
  const f = (_t: number, y: Float64Array) => [y[0], y[1]];
  const end = (rt: number | number[]) => {
    const r = solveIVP(f, [0, 1], [1, 1], { rtol: rt });
    const y = r.y[r.y.length - 1];
    return { r, err: Math.hypot(y[0] - Math.E, y[1] - Math.E) };
  };
  const loose = end([1e-1, 1e-1]);
  const tight = end([1e-1, 1e-10]);
  assert.ok(tight.err < loose.err, `${tight.err} vs ${loose.err}`);
  const scalar = end(1e-1);
  assert.deepEqual(scalar.r.t, loose.r.t);
  for (const method of ADAPTIVE) {
    const a = solveIVP(funRational, [5, 9], y0, { method, rtol: 1e-6 });
    const b = solveIVP(funRational, [5, 9], y0, { method, rtol: [1e-6, 1e-6] });
    assert.deepEqual(a.t, b.t, method);
  }
  assert.throws(
    () => solveIVP(f, [0, 1], [1, 1], { rtol: [1e-3] }),
    /invalid argument rtol: has length 1 but y0 has length 2/,
  );
  assert.throws(
    () => solveIVP(f, [0, 1], [1, 1], { rtol: [1e-3, 0] }),
    /invalid argument rtol: component 1 is 0; each must be a finite number > 0/,
  );
});

test("atol = 0 is pure relative control: y' = −y to t = 20 (y = 2e-9) keeps relative error ≤ 100·rtol; atol 1e-6 does not", () => {
  const exact = Math.exp(-20);
  for (const method of ADAPTIVE) {
    const rel = (a: number) => {
      const r = solveIVP((_t, y) => [-y[0]], [0, 20], [1], { method, rtol: 1e-6, atol: a });
      assert.equal(r.status, "success", r.message);
      return Math.abs(r.y[r.y.length - 1][0] - exact) / exact;
    };
    const pure = rel(0);
    const mixed = rel(1e-6);
    assert.ok(pure < 1e-4, `${method}: relative error ${pure} with atol 0`);
    assert.ok(mixed > 1e-3, `${method}: relative error ${mixed} with atol 1e-6`);
  }
  assert.throws(
    () => solveIVP((_t, y) => [-y[0], -y[1]], [0, 1], [1, 0], { atol: 0 }),
    /invalid argument atol: component 1 is 0 and y0 component 1 is 0: pure relative control/,
  );
});

test("test_integration_zero_rhs: y' = 0 keeps y exactly (every method)", () => {
  for (const [method, extra] of ALL) {
    const r = solveIVP((_t, _y, dy) => dy.fill(0), [0, 10], [1, 1, 1], { method, ...extra });
    assert.equal(r.status, "success");
    for (const y of r.y) assert.deepEqual(Array.from(y), [1, 1, 1]);
  }
});

test("test_tbound_respected (gh-17341, gh-8848, gh-9198): f is never evaluated outside tSpan (every method, both directions)", () => {
  for (const method of ADAPTIVE) {
    for (const [a, b] of [
      [0, 1e-4],
      [1e-4, 0],
      [100, 200],
    ]) {
      const f = (t: number, y: Float64Array) => {
        if ((t - a) * (t - b) > 0) throw new RangeError(`${method}: f evaluated at t=${t}, outside [${a}, ${b}]`);
        return [2 * y[0]];
      };
      const r = solveIVP(f, [a, b], [1], { method, dense: true, maxStep: Math.abs(b - a) });
      assert.equal(r.status, "success", r.message);
      // y = e^{2(t − a)}: on the short spans the solve is also right to rtol (on [100, 200] y grows to 1e86).
      const y = r.y[r.y.length - 1][0];
      if (Math.abs(b - a) < 1) assert.ok(Math.abs(y - Math.exp(2 * (b - a))) < 1e-3, `${method}: ${y}`);
    }
  }
});

test("test_t_eval_dense_output: asking for sol does not change the output at tEval", () => {
  const tEval = linspace(5, 9, 10);
  for (const method of ADAPTIVE) {
    const plain = solveIVP(funRational, [5, 9], y0, { method, rtol, atol, tEval });
    const dense = solveIVP(funRational, [5, 9], y0, { method, rtol, atol, tEval, dense: true });
    assert.deepEqual(plain.t, tEval);
    assert.deepEqual(dense.t, plain.t);
    assert.deepEqual(
      dense.y.map((y) => Array.from(y)),
      plain.y.map((y) => Array.from(y)),
    );
    plain.t.forEach((t, i) => assert.ok(computeError(plain.y[i], solRational(t), rtol, atol) < 5));
  }
});
