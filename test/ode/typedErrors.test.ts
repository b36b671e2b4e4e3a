import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP, solveSecondOrder, OdeSolver, OdeArgumentError, OdeTypeError } from "../../lib/index";
import type { OdeOptions } from "../../lib/index";

// Every bad input to the lib/ode integrators: a wrong type is an OdeTypeError (a TypeError), a
// bad value an OdeArgumentError (a RangeError); each names the argument and shows the value.
const f = (_t: number, y: Float64Array) => [-y[0]];
const call =
  (opts: OdeOptions, y0: unknown = [1], tSpan: unknown = [0, 1], rhs: unknown = f) =>
  () =>
    solveIVP(rhs as never, tSpan as never, y0 as never, opts);

function typed(kind: "type" | "range", argument: string, pattern: RegExp) {
  return (e: unknown) => {
    const ok =
      kind === "type"
        ? e instanceof OdeTypeError && e instanceof TypeError
        : e instanceof OdeArgumentError && e instanceof RangeError;
    assert.ok(ok, `expected a ${kind} error, got ${String(e)}`);
    assert.equal((e as OdeTypeError).argument, argument);
    assert.match((e as Error).message, pattern);
    return true;
  };
}

test("solveIVP: wrong types are OdeTypeErrors naming the argument and value", () => {
  assert.throws(call({}, [1], [0, 1], "f"), typed("type", "f", /invalid argument f: expected a function, got string/));
  assert.throws(call({}, [1], "0,1"), typed("type", "tSpan", /expected \[t0, tFinal\], got 0,1/));
  assert.throws(call({}, [1], [0, "1"]), typed("type", "tSpan[1]", /expected a number, got string 1/));
  assert.throws(call({}, 1), typed("type", "y0", /expected an array of numbers, got number 1/));
  assert.throws(call({}, [1, "2"]), typed("type", "y0[1]", /expected a number, got string 2/));
  assert.throws(
    call({ rtol: "1e-3" as never }),
    typed("type", "rtol", /expected a number or an array of 1 numbers, got string 1e-3/),
  );
  assert.throws(call({ atol: [1e-6, "x"] as never }, [1, 1]), typed("type", "atol[1]", /got string x/));
  assert.throws(call({ method: 5 as never }), typed("type", "method", /expected a method name, got number/));
  assert.throws(call(null as never), typed("type", "options", /expected an object, got null/));
  assert.throws(call({ dense: "yes" as never }), typed("type", "dense", /expected a boolean, got string yes/));
  assert.throws(call({ maxStep: "1" as never }), typed("type", "maxStep", /expected a number, got string 1/));
  assert.throws(call({ tEval: 0.5 as never }), typed("type", "tEval", /expected an array of numbers, got number 0.5/));
  assert.throws(
    call({ events: [1] as never }),
    typed("type", "events[0]", /expected a function g\(t, y\), got number/),
  );
  assert.throws(
    call({ jacobian: {} as never }),
    typed("type", "jacobian", /expected a function \(t, y, jac\) => void, got object/),
  );
  const dirString = Object.assign((_t: number, y: Float64Array) => y[0], { direction: "up" });
  assert.throws(call({ events: dirString as never }), typed("type", "events[0].direction", /expected a number/));
});

test("solveIVP: bad values are OdeArgumentErrors naming the argument, value and component", () => {
  assert.throws(
    call({}, [1], [NaN, 1]),
    typed("range", "tSpan", /t0 must be finite and tFinal a number, got \[NaN, 1\]/),
  );
  assert.throws(call({}, [1, Infinity]), typed("range", "y0", /component 1 is Infinity/));
  assert.throws(call({ rtol: -1 }), typed("range", "rtol", /must be a finite number > 0, got -1/));
  assert.throws(
    call({ atol: [1e-6, NaN] }, [1, 1]),
    typed("range", "atol", /component 1 is NaN; each must be a finite number ≥ 0/),
  );
  assert.throws(call({ method: "RK45" as never }), typed("range", "method", /unknown method "RK45"/));
  assert.throws(call({ maxStep: 0 }), typed("range", "maxStep", /must be > 0, got 0/));
  assert.throws(call({ tEval: [0, 2] }), typed("range", "tEval", /entry 1 is 2, outside tSpan \[0, 1\]/));
  assert.throws(
    call({ errorNormComponents: 2 }),
    typed("range", "errorNormComponents", /must be an integer in \[1, 1\]/),
  );
  const nanDirection = Object.assign((_t: number, y: Float64Array) => y[0], { direction: NaN });
  assert.throws(call({ events: nanDirection }), typed("range", "events[0].direction", /must be a finite number/));
});

test("event functions and sol(t): a wrong return or argument type is a TypeError, a non-finite one a RangeError, with t", () => {
  const word = () => "zero" as unknown as number;
  assert.throws(
    call({ events: word }),
    typed("type", "events[0]", /returned string zero at t=0; it must return a number/),
  );
  const late = (t: number) => (t > 0.5 ? NaN : 1);
  assert.throws(
    call({ events: late }),
    typed("range", "events[0]", /returned NaN at t=0\.[5-9][0-9]*; it must return a finite number/),
  );
  const r = solveIVP(f, [0, 1], [1], { dense: true });
  assert.throws(() => r.sol!("0.5" as never), typed("type", "t", /expected a number, got string 0.5/));
  assert.throws(() => r.sol!(NaN), typed("range", "t", /must be finite, got NaN/));
  const s = new OdeSolver(f, 0, [1], 1);
  s.step();
  assert.throws(() => s.denseOutput()(Infinity), typed("range", "t", /must be finite, got Infinity/));
  assert.throws(
    () => s.interpolate(0.5, new Float64Array(2)),
    typed("range", "out", /has length 2 but the state has length 1/),
  );
  assert.throws(() => s.interpolate(0.5, [0] as never), typed("type", "out", /expected a Float64Array of length 1/));
});

test("solveSecondOrder: typed errors; an empty span and an empty state succeed as in solveIVP", () => {
  const spring = (_t: number, q: Float64Array, a: Float64Array) => {
    a[0] = -q[0];
  };
  assert.throws(
    () => solveSecondOrder("a" as never, [0, 1], [1], [0], { step: 0.1 }),
    typed("type", "accel", /got string/),
  );
  assert.throws(
    () => solveSecondOrder(spring, [0, 1], [1], ["0"] as never, { step: 0.1 }),
    typed("type", "v0", /component 0 is string 0/),
  );
  assert.throws(
    () => solveSecondOrder(spring, [0, 1], [1], [0], { step: "0.1" as never }),
    typed("type", "step", /got string 0.1/),
  );
  assert.throws(
    () => solveSecondOrder(spring, [0, 1], [Infinity], [0], { step: 0.1 }),
    typed("range", "q0", /component 0 is Infinity/),
  );
  assert.throws(
    () => solveSecondOrder(spring, [0, 1], [1], [0], { step: 2 }),
    typed("range", "step", /must be in \(0, \|tFinal − t0\|\] = \(0, 1\], got 2/),
  );
  const still = solveSecondOrder(spring, [3, 3], [1], [0.5], { step: 0.1 });
  assert.equal(still.status, "success");
  assert.deepEqual(still.t, [3]);
  assert.deepEqual([still.q[0][0], still.v[0][0]], [1, 0.5]);
  const empty = solveSecondOrder(spring, [0, 1], [], [], { step: 0.1 });
  assert.equal(empty.status, "success");
  assert.deepEqual(empty.t, [0, 1]);
});

test("all integrators report failure alike: status, success false, and a message with the time reached", () => {
  // y'' = y²·1e300 overflows in the first step from t = 0; the same message shape either way.
  const blowFirst = solveIVP((_t, y) => [y[1], y[0] * y[0] * 1e300], [0, 1], [1, 0], { method: "RK4", step: 0.1 });
  const blowSecond = solveSecondOrder((_t, q, a) => (a[0] = q[0] * q[0] * 1e300), [0, 1], [1], [0], { step: 0.1 });
  for (const r of [blowFirst, blowSecond]) {
    assert.equal(r.status, "nonFinite");
    assert.equal(r.success, false);
    assert.match(r.message, /^non-finite (state|position|velocity) component [01] in the step from t=0 with h=0\.1/);
  }
  const ok1 = solveIVP((_t, y) => [y[1], -y[0]], [0, 1], [1, 0], { method: "RK4", step: 0.1 });
  const ok2 = solveSecondOrder((_t, q, a) => (a[0] = -q[0]), [0, 1], [1], [0], { step: 0.1 });
  assert.equal(ok1.message, ok2.message);
  assert.equal(ok1.message, "the solver reached the end of the interval, t=1");
  // A stepper's failure inside the step-by-step solver carries the same status and message.
  const s = new OdeSolver((_t, y) => [y[0] * y[0]], 0, [1], 2, { rtol: 1e-6 });
  let message: string | null = null;
  while (s.status === "running") message = s.step();
  const r = solveIVP((_t, y) => [y[0] * y[0]], [0, 2], [1], { rtol: 1e-6 });
  assert.equal(s.failure, r.status);
  assert.equal(message, r.message);
  const reached = Number(/at t=([0-9.e+-]+)/.exec(r.message)![1]);
  assert.ok(Math.abs(reached - 1) < 1e-3, r.message); // y = 1/(1 − t) blows up at t = 1
});
