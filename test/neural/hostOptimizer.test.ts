import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { adam, hostOptimizerFor } from "../../lib/neural/hostOptimizer";
import { OdeArgumentError } from "../../lib/ode/errors";

test("adam: the first step is lr·g/(|g| + ε) per component (m̂ = g, v̂ = g²; Kingma & Ba 2015, Alg. 1), 1e-15 rel.", () => {
  const lr = 0.05;
  const g = Float64Array.from([3, -0.2, 1e-3, 0]);
  const theta = Float64Array.from([1, 2, 3, 4]);
  adam(4, { learningRate: lr }).step(theta, g);
  [1, 2, 3, 4].forEach((t0, i) => {
    const expected = t0 - (lr * g[i]) / (Math.abs(g[i]) + 1e-8);
    assert.ok(Math.abs(theta[i] - expected) <= 1e-15 * Math.abs(expected), `θ${i} = ${theta[i]}, expected ${expected}`);
  });
});

test("adam: float64 twin of tf.train.adam — 50 steps on the quadratic ½Σ c_i θ_i² agree to float32 precision (1e-5)", () => {
  const c = [1, 4, 0.25];
  const lr = 0.03;
  const host = hostOptimizerFor(tf.train.adam(lr), 3)!;
  assert.equal(host.name, "Adam");
  const theta = Float64Array.from([1, -1, 2]);
  const v = tf.variable(tf.tensor1d([1, -1, 2]));
  const opt = tf.train.adam(lr);
  for (let k = 0; k < 50; k++) {
    host.step(
      theta,
      Float64Array.from(theta, (t, i) => c[i] * t),
    );
    opt.minimize(() => tf.sum(tf.mul(tf.tensor1d(c), tf.square(v))).mul(0.5) as tf.Scalar, false, [v]);
  }
  const ref = v.dataSync();
  theta.forEach((t, i) => assert.ok(Math.abs(t - ref[i]) <= 1e-5, `θ${i}: ${t} vs tfjs ${ref[i]}`));
  // and it descends: every |θ_i| below its start
  [1, 1, 2].forEach((t0, i) => assert.ok(Math.abs(theta[i]) < t0, `θ${i} = ${theta[i]}`));
});

test("adam: bad hyper-parameters and buffer lengths are named with their values", () => {
  assert.throws(
    () => adam(3, { learningRate: 0 }),
    (e: unknown) => e instanceof OdeArgumentError && /learningRate: must be a finite number > 0, got 0/.test(e.message),
  );
  assert.throws(
    () => adam(3, { learningRate: 1, beta1: 1 }),
    (e: unknown) => e instanceof OdeArgumentError && /beta1: must be in \[0, 1\), got 1/.test(e.message),
  );
  assert.throws(
    () => adam(3, { learningRate: 1, epsilon: -1 }),
    (e: unknown) => e instanceof OdeArgumentError && /epsilon: must be a finite number ≥ 0, got -1/.test(e.message),
  );
  assert.throws(
    () => adam(1.5, { learningRate: 1 }),
    (e: unknown) =>
      e instanceof OdeArgumentError && /nParams: must be a non-negative integer, got 1\.5/.test(e.message),
  );
  const a = adam(3, { learningRate: 1 });
  assert.throws(
    () => a.step(new Float64Array(3), new Float64Array(2)),
    (e: unknown) =>
      e instanceof OdeArgumentError && /Adam.step needs theta and grad of length 3, got 3 and 2/.test(e.message),
  );
});
