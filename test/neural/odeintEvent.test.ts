import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import { mlpField } from "../../lib/neural/fields/mlpField";
import { hybridField } from "../../lib/neural/fields/builders";
import { odeint } from "../../lib/neural/solve/odeint";
import { odeintAdjoint } from "../../lib/neural/solve/adjoint";
import { odeintEvent } from "../../lib/neural/solve/odeintEvent";
import { NeuralSolveError } from "../../lib/neural/errors";
import type { VectorField } from "../../lib/neural/fields/field";
import { OdeArgumentError } from "../../lib/ode/errors";

before(async () => {
  await ready();
});

/** dy/dt = a·y (dim 1) with the rate a as the one trainable variable. */
function growth(a: number): VectorField {
  const rate = tf.variable(tf.scalar(a), true, `rate_${Math.random().toString(36).slice(2)}`);
  const field: VectorField = {
    dim: 1,
    variables: [rate],
    apply: (_t, y, p) => tf.mul(y, p[0]) as tf.Tensor2D,
    forward: (t, y) => field.apply(t, y, field.variables),
  };
  return field;
}

/** y(t*) from [y0, y(t*)] (slice: gather's gradient is missing on the wasm backend). */
const atEvent = (solution: tf.Tensor3D) => solution.slice([1, 0, 0], [1, -1, -1]);

const interfaces = [
  ["odeint", odeint],
  ["odeintAdjoint", odeintAdjoint],
] as const;

for (const [name, solver] of interfaces) {
  test(`odeintEvent (${name}): y' = a y from y0 reaches 2 at t* = ln(2/y0)/a; dt*/da, dt*/dy0 analytic (rel. 1e-4)`, () => {
    const a = 0.8;
    const y0v = 1.25;
    const field = growth(a);
    const y0 = tf.tensor2d([[y0v]]);
    const options = {
      eventFn: (_t: tf.Scalar, y: tf.Tensor2D) => tf.sub(tf.sum(y), 2),
      tMax: 10,
      method: "DOPRI5" as const,
      rtol: 1e-7,
      atol: 1e-9,
      odeintInterface: solver,
    };
    const exact = Math.log(2 / y0v) / a;
    const ev = odeintEvent(field, y0, 0, options);
    // float32 states: the located time to 1e-6 relative, the state at it to 1e-6.
    assert.ok(Math.abs(ev.tEventValue - exact) <= 1e-6 * exact, `t* ${ev.tEventValue} vs ${exact}`);
    assert.ok(Math.abs(ev.tEvent.dataSync()[0] - exact) <= 1e-6 * exact);
    assert.deepEqual(ev.solution.shape, [2, 1, 1]);
    const yEnd = ev.solution.dataSync();
    assert.equal(yEnd[0], y0v);
    assert.ok(Math.abs(yEnd[1] - 2) < 1e-5, `y(t*) = ${yEnd[1]}`);
    // Gradients of t* (implicit function theorem) against d/da ln(2/y0)/a = −t*/a, d/dy0 = −1/(a y0).
    const { grads } = tf.variableGrads(() => odeintEvent(field, y0, 0, options).tEvent, field.variables);
    const dA = grads[field.variables[0].name].dataSync()[0];
    assert.ok(Math.abs(dA - -exact / a) <= 1e-4 * Math.abs(exact / a), `dt*/da ${dA} vs ${-exact / a}`);
    const dY0 = tf
      .grad((y: tf.Tensor) => odeintEvent(field, y as tf.Tensor2D, 0, options).tEvent)(y0)
      .dataSync()[0];
    assert.ok(Math.abs(dY0 - -1 / (a * y0v)) <= 1e-4 / (a * y0v), `dt*/dy0 ${dY0} vs ${-1 / (a * y0v)}`);
    // A loss of the state at the event: y(t*) = 2 whatever a is, so ∂y(t*)/∂a = 0.
    const gState = tf
      .variableGrads(() => tf.sum(atEvent(odeintEvent(field, y0, 0, options).solution)) as tf.Scalar, field.variables)
      .grads[field.variables[0].name].dataSync()[0];
    assert.ok(Math.abs(gState) < 1e-4, `d y(t*)/da = ${gState}, expected 0`);
  });

  test(`odeintEvent (${name}): a neural field's loss t* + ½|y(t*)|² has gradients matching central differences (rel. 2e-2)`, () => {
    // Rotation (known) plus a small network; the event is the first zero of q = y[0] from (1, 0).
    const nn = mlpField({ dim: 2, hidden: [6], activation: "tanh", seed: 5 });
    const field = hybridField(
      (_t, y) =>
        tf.matMul(
          y,
          tf.tensor2d([
            [0, -1],
            [1, 0],
          ]),
        ) as tf.Tensor2D,
      nn,
    );
    const y0v = [[1, 0.2]];
    const options = {
      eventFn: (_t: tf.Scalar, y: tf.Tensor2D) => tf.sum(y.slice([0, 0], [1, 1])),
      tMax: 5,
      method: "DOPRI5" as const,
      rtol: 1e-7,
      atol: 1e-9,
      odeintInterface: solver,
    };
    const loss = (y0: tf.Tensor2D) =>
      tf.tidy(() => {
        const ev = odeintEvent(field, y0, 0, options);
        return tf.add(ev.tEvent, tf.mul(0.5, tf.sum(tf.square(atEvent(ev.solution))))) as tf.Scalar;
      });
    const lossValue = (y0: number[][]) => tf.tidy(() => loss(tf.tensor2d(y0)).dataSync()[0]);
    const { grads } = tf.variableGrads(() => loss(tf.tensor2d(y0v)), field.variables);
    const eps = 1e-2;
    const w0 = field.variables[0];
    const g = grads[w0.name].dataSync();
    for (const idx of [0, 4, 9]) {
      const base = w0.dataSync().slice();
      const at = (delta: number) => {
        const p = base.slice();
        p[idx] += delta;
        w0.assign(tf.tensor(p, w0.shape));
        return lossValue(y0v);
      };
      const fd = (at(eps) - at(-eps)) / (2 * eps);
      w0.assign(tf.tensor(base, w0.shape));
      assert.ok(Math.abs(fd - g[idx]) <= 2e-2 * Math.abs(fd) + 1e-4, `weight ${idx}: grad ${g[idx]}, FD ${fd}`);
    }
    const gy = tf
      .grad((y: tf.Tensor) => loss(y as tf.Tensor2D))(tf.tensor2d(y0v))
      .dataSync();
    for (const c of [0, 1]) {
      const plus = y0v.map((r) => r.slice());
      plus[0][c] += eps;
      const minus = y0v.map((r) => r.slice());
      minus[0][c] -= eps;
      const fd = (lossValue(plus) - lossValue(minus)) / (2 * eps);
      assert.ok(Math.abs(fd - gy[c]) <= 2e-2 * Math.abs(fd) + 1e-4, `y0[${c}]: grad ${gy[c]}, FD ${fd}`);
    }
  });
}

test("odeintEvent: no sign change before tMax, g(t0) = 0 and a fixed-step method without step are clear errors", () => {
  const field = growth(0.5);
  const y0 = tf.tensor2d([[1]]);
  const eventFn = (_t: tf.Scalar, y: tf.Tensor2D) => tf.sub(tf.sum(y), 100);
  assert.throws(
    () => odeintEvent(field, y0, 0, { eventFn, tMax: 1 }),
    (e: unknown) =>
      e instanceof NeuralSolveError &&
      e.status === "noEvent" &&
      /keeps the sign of g\(t0\) = -99 up to tMax = 1/.test(e.message),
  );
  assert.throws(
    () => odeintEvent(field, y0, 0, { eventFn: (_t, y) => tf.sub(tf.sum(y), 1), tMax: 1 }),
    (e: unknown) => e instanceof OdeArgumentError && /invalid argument eventFn: is 0 at t0 = 0/.test(e.message),
  );
  assert.throws(
    () => odeintEvent(field, y0, 0, { eventFn, tMax: 20, method: "RK4" }),
    /invalid argument step: method "RK4" is fixed-step and needs options.step/,
  );
  assert.throws(
    () => odeintEvent(field, y0, 0, { eventFn, tMax: 0 }),
    /invalid argument tMax: must be a finite number ≠ t0 = 0, got 0/,
  );
});

test("odeintEvent backwards in time (tMax < t0, torchdiffeq's reverse_time): y' = a y from 2 back to 1.25 at t* = −ln(1.6)/a", () => {
  const a = 0.8;
  const field = growth(a);
  const ev = odeintEvent(field, tf.tensor2d([[2]]), 0, {
    eventFn: (_t, y) => tf.sub(tf.sum(y), 1.25),
    tMax: -10,
    rtol: 1e-7,
    atol: 1e-9,
  });
  const exact = -Math.log(1.6) / a;
  assert.ok(Math.abs(ev.tEventValue - exact) <= 1e-6 * Math.abs(exact), `t* ${ev.tEventValue} vs ${exact}`);
  const dA = tf
    .variableGrads(
      () =>
        odeintEvent(field, tf.tensor2d([[2]]), 0, {
          eventFn: (_t, y) => tf.sub(tf.sum(y), 1.25),
          tMax: -10,
          rtol: 1e-7,
          atol: 1e-9,
        }).tEvent,
      field.variables,
    )
    .grads[field.variables[0].name].dataSync()[0];
  // d/da (−ln 1.6 / a) = −t*/a.
  assert.ok(Math.abs(dA - -exact / a) <= 1e-4 * Math.abs(exact / a), `dt*/da ${dA} vs ${-exact / a}`);
});

test("odeintEvent keeps tf.memory().numTensors flat over repeated gradient evaluations (both interfaces)", () => {
  const nn = mlpField({ dim: 2, hidden: [6], activation: "tanh", seed: 5 });
  const field = hybridField(
    (_t, y) =>
      tf.matMul(
        y,
        tf.tensor2d([
          [0, -1],
          [1, 0],
        ]),
      ) as tf.Tensor2D,
    nn,
  );
  for (const [name, solver] of interfaces) {
    const options = {
      eventFn: (_t: tf.Scalar, y: tf.Tensor2D) => tf.sum(y.slice([0, 0], [1, 1])),
      tMax: 5,
      odeintInterface: solver,
    };
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { value, grads } = tf.variableGrads(() => {
        const ev = odeintEvent(field, tf.tensor2d([[1, 0.2]]), 0, options);
        return tf.add(ev.tEvent, tf.sum(ev.solution)) as tf.Scalar;
      }, field.variables);
      tf.dispose([value, grads]);
      counts.push(tf.memory().numTensors);
    }
    assert.equal(counts[3], counts[1], `${name}: numTensors ${counts.join(",")}`);
  }
});
