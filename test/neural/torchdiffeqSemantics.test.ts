import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import { mlpField } from "../../lib/neural/fields/mlpField";
import { odeint } from "../../lib/neural/solve/odeint";
import { odeintAdjoint } from "../../lib/neural/solve/adjoint";
import { emptySensitivityStats } from "../../lib/sensitivity/gradientMethod";
import type { VectorField } from "../../lib/neural/fields/field";

before(async () => {
  await ready();
});

let uid = 0;
const variable = (values: number[][]) => tf.variable(tf.tensor2d(values), true, `semantics_${++uid}`);

test("odeintAdjoint: a parameter the field does not use gets a zero gradient (torchdiffeq), the used one the analytic value", () => {
  // dy/dt = y·A with A = [[0, 1], [−1, 0]] (rotation) plus an unused variable.
  const A = variable([
    [0, 1],
    [-1, 0],
  ]);
  const unused = variable([[3, 4]]);
  const field: VectorField = {
    dim: 2,
    variables: [A, unused],
    apply: (_t, y, p) => tf.matMul(y, p[0] as tf.Tensor2D),
    forward: (t, y) => field.apply(t, y, field.variables),
  };
  const y0 = tf.tensor2d([[1, 0]]);
  const t = [0, 0.5, 1];
  const { grads } = tf.variableGrads(
    () => tf.sum(odeintAdjoint(field, y0, t, { method: "RK4", step: 0.01 })) as tf.Scalar,
    field.variables,
  );
  assert.deepEqual(Array.from(grads[unused.name].dataSync()), [0, 0]);
  // Backprop through the same solve gives the same gradient for A (rel. 1e-4).
  const ref = tf
    .variableGrads(() => tf.sum(odeint(field, y0, t, { method: "RK4", step: 0.01 })) as tf.Scalar, [A])
    .grads[A.name].dataSync();
  grads[A.name]
    .dataSync()
    .forEach((g, i) =>
      assert.ok(Math.abs(g - ref[i]) <= 1e-4 * Math.max(1, Math.abs(ref[i])), `A[${i}]: ${g} vs ${ref[i]}`),
    );
});

test("odeintAdjoint: a field that ignores the state (dy/dt = c) has the exact gradients y(T) = y0 + cT, not 'Cannot compute gradient'", () => {
  const c = variable([[0.5, -2]]);
  const field: VectorField = {
    dim: 2,
    variables: [c],
    apply: (_t, y, p) => tf.mul(tf.onesLike(y), p[0]) as tf.Tensor2D,
    forward: (t, y) => field.apply(t, y, field.variables),
  };
  const y0v = [
    [1, 2],
    [-1, 0.5],
  ];
  const T = 1.5;
  const loss = (y0: tf.Tensor2D) =>
    tf.sum(tf.square(odeintAdjoint(field, y0, [0, T], { method: "DOPRI5" }))) as tf.Scalar;
  const { grads } = tf.variableGrads(() => loss(tf.tensor2d(y0v)), [c]);
  // L = Σ_k Σ_b |y_b(t_k)|², y_b(T) = y0_b + cT: ∂L/∂c = 2T Σ_b y_b(T), ∂L/∂y0_b = 2 y0_b + 2 y_b(T).
  const yT = y0v.map((r) => r.map((v, i) => v + [0.5, -2][i] * T));
  const dc = [0, 1].map((i) => 2 * T * (yT[0][i] + yT[1][i]));
  grads[c.name]
    .dataSync()
    .forEach((g, i) => assert.ok(Math.abs(g - dc[i]) <= 1e-5 * Math.abs(dc[i]), `c[${i}]: ${g} vs ${dc[i]}`));
  const gy = tf
    .grad((y: tf.Tensor) => loss(y as tf.Tensor2D))(tf.tensor2d(y0v))
    .arraySync() as number[][];
  gy.forEach((row, b) =>
    row.forEach((g, i) => {
      const want = 2 * y0v[b][i] + 2 * yT[b][i];
      assert.ok(Math.abs(g - want) <= 1e-5 * Math.abs(want), `y0[${b}][${i}]: ${g} vs ${want}`);
    }),
  );
});

test("t = [t0] returns [y0] from odeint and odeintAdjoint, with ∂/∂y0 the identity and zero parameter gradients", () => {
  const field = mlpField({ dim: 2, hidden: [4], seed: 1 });
  const y0v = [
    [0.3, -0.7],
    [1, 2],
  ];
  for (const solver of [odeint, odeintAdjoint]) {
    const out = solver(field, tf.tensor2d(y0v), [0.25]);
    assert.deepEqual(out.shape, [1, 2, 2]);
    assert.deepEqual(out.arraySync(), [y0v.map((r) => r.map((v) => Math.fround(v)))]);
    const gy = tf.grad((y: tf.Tensor) => tf.sum(tf.square(solver(field, y as tf.Tensor2D, [0.25]))))(tf.tensor2d(y0v));
    assert.deepEqual(
      gy.arraySync(),
      y0v.map((r) => r.map((v) => Math.fround(2 * Math.fround(v)))),
    );
  }
  for (const solver of [odeint, odeintAdjoint]) {
    const { grads } = tf.variableGrads(
      () => tf.sum(solver(field, tf.tensor2d(y0v), [0.25])) as tf.Scalar,
      field.variables,
    );
    for (const v of field.variables)
      assert.ok(
        grads[v.name].dataSync().every((g) => g === 0),
        `${solver.name}: ${v.name}`,
      );
  }
  assert.throws(
    () => odeint(field, tf.tensor2d(y0v), []),
    /invalid argument t: is empty; it needs at least the initial time/,
  );
});

test("odeintAdjoint adjointNorm 'seminorm': the gradient agrees with the full norm's (rel. 1e-4) with fewer backward evaluations", () => {
  // 2-50-2 (the size of torchdiffeq's ode_demo): 252 parameters against 4 state components.
  const field = mlpField({ dim: 2, hidden: [50], activation: "tanh", seed: 7 });
  const y0 = tf.tensor2d([
    [1, 0.5],
    [-0.3, 0.8],
  ]);
  const t = [0, 1.25, 2.5, 3.75, 5];
  const run = (adjointNorm: "full" | "seminorm") => {
    const stats = emptySensitivityStats();
    const { grads } = tf.variableGrads(
      () =>
        tf.mean(
          tf.square(odeintAdjoint(field, y0, t, { method: "DOPRI5", rtol: 1e-6, atol: 1e-8, stats, adjointNorm })),
        ) as tf.Scalar,
      field.variables,
    );
    return { grads: field.variables.map((v) => Array.from(grads[v.name].dataSync())), nfe: stats.nfeBackward };
  };
  const full = run("full");
  const semi = run("seminorm");
  const scale = Math.max(...full.grads.flat().map(Math.abs));
  full.grads
    .flat()
    .forEach((g, i) =>
      assert.ok(Math.abs(g - semi.grads.flat()[i]) <= 1e-4 * scale, `θ[${i}]: ${g} vs ${semi.grads.flat()[i]}`),
    );
  assert.ok(semi.nfe < full.nfe, `backward NFE: seminorm ${semi.nfe}, full ${full.nfe}`);
  assert.throws(
    () => odeint(field, y0, t, { adjointNorm: "seminorm" }),
    /invalid argument adjointNorm: "seminorm" sets the norm of odeintAdjoint's backward solve; odeint differentiates by backprop/,
  );
});
