import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { adam, fromTfOptimizer, rmsprop, sgd } from "../../lib/neural/training/hostOptimizer";
import type { Optimizer } from "../../lib/neural/training/hostOptimizer";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";

test("adam: the first step is lr·g/(|g| + ε) per component, ε = 1e-7 by default (m̂ = g, v̂ = g²; Kingma & Ba 2015, Alg. 1), 1e-15 rel.", () => {
  const lr = 0.05;
  const g = Float64Array.from([3, -0.2, 1e-3, 0]);
  const theta = Float64Array.from([1, 2, 3, 4]);
  adam({ lr }).create(4).step(theta, g);
  [1, 2, 3, 4].forEach((t0, i) => {
    const expected = t0 - (lr * g[i]) / (Math.abs(g[i]) + 1e-7);
    assert.ok(Math.abs(theta[i] - expected) <= 1e-15 * Math.abs(expected), `θ${i} = ${theta[i]}, expected ${expected}`);
  });
});

test("sgd, adam, rmsprop: a step's learning-rate argument replaces the optimizer's (θ − lr·g for SGD, exact)", () => {
  const g = Float64Array.from([0.5, -2]);
  const a = Float64Array.from([1, 1]);
  sgd({ lr: 10 }).create(2).step(a, g, 0.1);
  assert.deepEqual(Array.from(a), [1 - 0.1 * 0.5, 1 + 0.1 * 2]);
  // The first Adam step moves θ_i by lr·g/(|g| + ε): with the lr passed, not the configured one.
  const b = Float64Array.from([1, 1]);
  adam({ lr: 10 }).create(2).step(b, g, 0.25);
  g.forEach((gi, i) => {
    const expected = 1 - (0.25 * gi) / (Math.abs(gi) + 1e-7);
    assert.ok(Math.abs(b[i] - expected) <= 1e-15, `θ${i} = ${b[i]}, expected ${expected}`);
  });
  // RMSProp's first step: lr·g/√((1 − decay)·g² + ε).
  const c = Float64Array.from([1, 1]);
  rmsprop({ lr: 10, epsilon: 0 }).create(2).step(c, g, 0.01);
  g.forEach((gi, i) => {
    const expected = 1 - (0.01 * gi) / Math.sqrt(0.1 * gi * gi);
    assert.ok(Math.abs(c[i] - expected) <= 1e-15, `θ${i} = ${c[i]}, expected ${expected}`);
  });
});

/**
 * The float64 twin against tfjs's own optimizer: 50 steps on the quadratic ½Σ c_i θ_i²
 * (gradient c_i θ_i), agreeing to float32 precision (1e-5).
 */
function againstTfjs(host: Optimizer, tfOpt: tf.Optimizer): void {
  const c = [1, 4, 0.25];
  const state = host.create(3);
  const theta = Float64Array.from([1, -1, 2]);
  const v = tf.variable(tf.tensor1d([1, -1, 2]));
  for (let k = 0; k < 50; k++) {
    state.step(
      theta,
      Float64Array.from(theta, (t, i) => c[i] * t),
    );
    tfOpt.minimize(() => tf.sum(tf.mul(tf.tensor1d(c), tf.square(v))).mul(0.5) as tf.Scalar, false, [v]);
  }
  const ref = v.dataSync();
  theta.forEach((t, i) => assert.ok(Math.abs(t - ref[i]) <= 1e-5, `${host.name} θ${i}: ${t} vs tfjs ${ref[i]}`));
  // and it descends: every |θ_i| below its start
  [1, 1, 2].forEach((t0, i) => assert.ok(Math.abs(theta[i]) < t0, `${host.name} θ${i} = ${theta[i]}`));
  v.dispose();
  tfOpt.dispose();
}

test("float64 twins of tf.train's SGD, Adam, RMSProp (plain, momentum, centred) follow tfjs over 50 steps (1e-5)", () => {
  const makers: (() => tf.Optimizer)[] = [
    () => tf.train.sgd(0.05),
    () => tf.train.adam(0.03),
    () => tf.train.adam(0.02, 0.8, 0.99, 1e-6),
    () => tf.train.rmsprop(0.01),
    () => tf.train.rmsprop(0.01, 0.9, 0.5),
    () => tf.train.rmsprop(0.005, 0.95, 0.3, 1e-6, true),
  ];
  for (const make of makers) againstTfjs(fromTfOptimizer(make()), make());
  // The factories' defaults are tfjs's (Adam: β 0.9, 0.999, ε 1e-7; RMSProp: decay 0.9, ε 1e-7).
  againstTfjs(adam({ lr: 0.03 }), tf.train.adam(0.03));
  againstTfjs(rmsprop({ lr: 0.01 }), tf.train.rmsprop(0.01));
  againstTfjs(sgd({ lr: 0.05 }), tf.train.sgd(0.05));
  const twin = fromTfOptimizer(tf.train.adam(0.03));
  assert.equal(twin.name, "Adam");
  assert.equal(twin.learningRate, 0.03);
});

test("optimizers: bad hyper-parameters, buffer lengths and tf.train classes without a twin are named with their values", () => {
  const named = (f: () => unknown, kind: typeof OdeArgumentError | typeof OdeTypeError, re: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof kind && re.test((e as Error).message));
  named(() => adam({ lr: 0 }), OdeArgumentError, /invalid argument lr: must be a finite number > 0, got 0/);
  named(() => adam({ lr: 1, beta1: 1 }), OdeArgumentError, /invalid argument beta1: must be in \[0, 1\), got 1/);
  named(() => adam({ lr: 1, epsilon: -1 }), OdeArgumentError, /epsilon: must be a finite number ≥ 0, got -1/);
  named(
    () => sgd({ lr: "0.1" as unknown as number }),
    OdeTypeError,
    /invalid argument lr: expected a number, got "0.1"/,
  );
  named(() => rmsprop({ lr: 1, decay: 1.5 }), OdeArgumentError, /invalid argument decay: must be in \[0, 1\), got 1.5/);
  named(() => rmsprop({ lr: 1, momentum: -0.1 }), OdeArgumentError, /momentum: must be a finite number ≥ 0, got -0.1/);
  named(() => adam(0.1 as unknown as { lr: number }), OdeTypeError, /invalid argument adam: expected \{ lr/);
  named(() => adam({ lr: 1 }).create(1.5), OdeArgumentError, /nParams: must be a non-negative integer, got 1\.5/);
  const a = adam({ lr: 1 }).create(3);
  named(
    () => a.step(new Float64Array(3), new Float64Array(2)),
    OdeArgumentError,
    /Adam.step needs theta and grad of length 3, got 3 and 2/,
  );
  named(
    () => a.step(new Float64Array(3), new Float64Array(3), NaN),
    OdeArgumentError,
    /invalid argument lr: Adam.step needs a finite learning rate ≥ 0, got NaN/,
  );
  named(
    () => fromTfOptimizer(tf.train.adagrad(0.1)),
    OdeArgumentError,
    /invalid argument optimizer: tf.train optimizer "Adagrad" has no float64 twin; use adam/,
  );
  named(() => fromTfOptimizer({} as tf.Optimizer), OdeTypeError, /expected a tf.train optimizer/);
});

test("rmsprop epsilonPlacement 'outside' is torch.optim.RMSprop's update θ −= lr·g/(√v + ε) (exact), 'inside' tfjs's √(v + ε); bad value named", () => {
  const lr = 0.01;
  const decay = 0.99;
  const eps = 1e-8;
  const grads = [
    [0.3, -2e-5, 0],
    [0.1, 4e-5, 1e-9],
    [-0.2, -1e-5, 3e-9],
  ];
  for (const placement of ["outside", "inside"] as const) {
    const theta = Float64Array.from([1, -1, 0.5]);
    const ref = Array.from(theta);
    const v = [0, 0, 0];
    const opt = rmsprop({ lr, decay, epsilon: eps, epsilonPlacement: placement }).create(3);
    for (const g of grads) {
      opt.step(theta, Float64Array.from(g));
      for (let p = 0; p < 3; p++) {
        v[p] = decay * v[p] + (1 - decay) * g[p] * g[p];
        ref[p] -= (lr * g[p]) / (placement === "outside" ? Math.sqrt(v[p]) + eps : Math.sqrt(v[p] + eps));
      }
    }
    assert.deepEqual(Array.from(theta), ref);
  }
  // The first PyTorch step moves a small-gradient parameter by ≈ lr/√(1 − decay) = 10·lr; the
  // tfjs step, with √ε = 1e-4 ≫ 0.1·|g| in the denominator, about a hundredth of that.
  const steps = (["outside", "inside"] as const).map((placement) => {
    const a = Float64Array.from([0]);
    rmsprop({ lr, decay, epsilon: eps, epsilonPlacement: placement })
      .create(1)
      .step(a, Float64Array.from([1e-5]));
    return -a[0];
  });
  assert.ok(Math.abs(steps[0] - 10 * lr) < 0.02 * 10 * lr, `outside: ${steps[0]}`);
  assert.ok(steps[1] < 0.02 * steps[0], `inside: ${steps[1]} vs outside ${steps[0]}`);
  assert.throws(
    () => rmsprop({ lr, epsilonPlacement: "both" as never }),
    /invalid argument epsilonPlacement: unknown value "both"; expected "inside" \(tfjs\) or "outside" \(PyTorch\)/,
  );
});
