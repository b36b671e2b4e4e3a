import { test, before } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../../lib/neural/backend";
import { constantSchedule, cosineDecay, exponentialDecay, stepDecay } from "../../lib/neural/training/schedules";
import { adam, sgd } from "../../lib/neural/training/hostOptimizer";
import { HamiltonianNetwork } from "../../lib/neural/training/hnn";
import { fit } from "../../lib/neural/training/fit";
import { mlpField } from "../../lib/neural/fields/mlpField";
import { toField64 } from "../../lib/neural/fields/toField64";
import { minibatchSampler } from "../../lib/neural/training/minibatches";
import { lossAndGradient } from "../../lib/sensitivity/lossAndGradient";
import { discrete } from "../../lib/sensitivity/discrete";
import { solveIVP } from "../../lib/ode/solveIVP";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";

before(async () => {
  await ready();
});

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

test("schedules: each value equals its formula at k = iteration − 1 (1e-15 relative)", () => {
  const its = [1, 2, 3, 7, 10, 11, 50, 99, 100, 101, 250];
  const c = constantSchedule(3e-3);
  its.forEach((it) => assert.equal(c(it), 3e-3));
  const e = exponentialDecay({ lr: 0.1, rate: 0.5, steps: 10 });
  const es = exponentialDecay({ lr: 0.1, rate: 0.5, steps: 10, staircase: true });
  its.forEach((it) => {
    assert.ok(rel(e(it), 0.1 * 0.5 ** ((it - 1) / 10)) <= 1e-15, `exponential at ${it}: ${e(it)}`);
    assert.ok(rel(es(it), 0.1 * 0.5 ** Math.floor((it - 1) / 10)) <= 1e-15, `staircase at ${it}: ${es(it)}`);
  });
  // Halves every 10 iterations: iteration 11 has half the rate of iteration 1.
  assert.ok(rel(e(11), 0.05) <= 1e-15);
  // Cosine annealing (Loshchilov & Hutter 2017, eq. 5): lr at k = 0, the mean at k = T/2, minLr from k = T.
  const cos = cosineDecay({ lr: 1e-2, iterations: 100, minLr: 1e-4 });
  its.forEach((it) => {
    const k = Math.min(it - 1, 100);
    const expected = 1e-4 + 0.5 * (1e-2 - 1e-4) * (1 + Math.cos((Math.PI * k) / 100));
    assert.ok(rel(cos(it), expected) <= 1e-15, `cosine at ${it}: ${cos(it)} vs ${expected}`);
  });
  assert.equal(cos(1), 1e-2);
  assert.ok(rel(cos(51), (1e-2 + 1e-4) / 2) <= 1e-15);
  assert.equal(cos(101), 1e-4);
  assert.equal(cos(500), 1e-4);
  assert.equal(cosineDecay({ lr: 1, iterations: 4 })(5), 0);
  const s = stepDecay({ lr: 0.2, factor: 0.1, every: 100 });
  its.forEach((it) => assert.ok(rel(s(it), 0.2 * 0.1 ** Math.floor((it - 1) / 100)) <= 1e-15, `step at ${it}`));
  assert.equal(s(100), 0.2);
  assert.ok(rel(s(101), 0.02) <= 1e-15);
});

test("schedules: bad arguments are typed errors naming the argument and value", () => {
  const named = (f: () => unknown, kind: typeof OdeArgumentError | typeof OdeTypeError, re: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof kind && re.test((e as Error).message));
  named(() => constantSchedule(0), OdeArgumentError, /invalid argument lr: must be a finite number > 0, got 0/);
  named(() => exponentialDecay({ lr: 1, rate: 1.5, steps: 1 }), OdeArgumentError, /rate: must be in \(0, 1\].*got 1.5/);
  named(
    () => exponentialDecay({ lr: 1, rate: 0.5, steps: 0.5 }),
    OdeArgumentError,
    /steps: must be an integer ≥ 1, got 0.5/,
  );
  named(
    () => exponentialDecay({ lr: 1, rate: 0.5, steps: 2, staircase: 1 as unknown as boolean }),
    OdeTypeError,
    /staircase: expected a boolean, got 1/,
  );
  named(() => cosineDecay({ lr: 1, iterations: 0 }), OdeArgumentError, /iterations: must be an integer ≥ 1, got 0/);
  named(
    () => cosineDecay({ lr: 1e-3, iterations: 10, minLr: 1e-2 }),
    OdeArgumentError,
    /minLr: must be a finite number in \[0, lr = 0.001\], got 0.01/,
  );
  named(() => stepDecay({ lr: 1, factor: 2, every: 3 }), OdeArgumentError, /factor: must be in \(0, 1\].*got 2/);
  named(
    () => stepDecay({ lr: "1" as unknown as number, factor: 0.5, every: 3 }),
    OdeTypeError,
    /lr: expected a number, got "1"/,
  );
  named(
    () => cosineDecay(null as unknown as { lr: number; iterations: number }),
    OdeTypeError,
    /cosineDecay: expected/,
  );
});

// A linear field dy/dt = Wᵀy + b on data from y' = A y (eigenvalues −1 ± 2i), sampled every 0.1.
const A = [
  [-1, 2],
  [-2, -1],
];
const times = Array.from({ length: 30 }, (_, i) => i * 0.1);
const data = {
  t: times,
  y: solveIVP(
    (_t, y, d) => {
      d[0] = A[0][0] * y[0] + A[0][1] * y[1];
      d[1] = A[1][0] * y[0] + A[1][1] * y[1];
    },
    [0, times[29]],
    [1, 0.5],
    { method: "DOP853", rtol: 1e-12, atol: 1e-14, tEval: times },
  ).y.map((r) => Array.from(r)),
};

test("fit applies the schedule's rate per iteration: θ after 30 iterations equals a hand-rolled Adam loop (1e-12 rel.), and the record holds each rate", async () => {
  const make = () => mlpField({ dim: 2, hidden: [], activation: "identity", seed: 4, initStd: 0.3 });
  const schedule = cosineDecay({ lr: 5e-2, iterations: 30, minLr: 1e-3 });
  const iterations = 30;
  const solver = { method: "DOPRI5" as const, rtol: 1e-8, atol: 1e-10 };
  const trained = make();
  const result = await fit(trained, {
    data,
    iterations,
    batch: { time: 5, size: 8 },
    seed: 7,
    solver,
    optimizer: adam({ lr: 1 }),
    schedule,
    loss: "mse",
    progress: "none",
  });
  assert.deepEqual(
    result.record.map((r) => r.learningRate),
    Array.from({ length: iterations }, (_, k) => schedule(k + 1)),
  );
  // The reference: the same minibatches and gradients, Adam written out (Kingma & Ba 2015,
  // Algorithm 1, with powers βᵗ), the rate of iteration t from the schedule's formula.
  const field = toField64(make());
  const theta = field.parameters;
  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  const sample = minibatchSampler([data], 5, 8, null, 7);
  const gradient = discrete();
  for (let t = 1; t <= iterations; t++) {
    const lr = 1e-3 + 0.5 * (5e-2 - 1e-3) * (1 + Math.cos((Math.PI * (t - 1)) / 30));
    const b = sample();
    const g = lossAndGradient(field, b.y0, b.t, b.targets, { solver, gradient, loss: "mse" }).grads;
    for (let p = 0; p < theta.length; p++) {
      m[p] = 0.9 * m[p] + 0.1 * g[p];
      v[p] = 0.999 * v[p] + 0.001 * g[p] * g[p];
      theta[p] -= (lr * (m[p] / (1 - 0.9 ** t))) / (Math.sqrt(v[p] / (1 - 0.999 ** t)) + 1e-7);
    }
  }
  // fit wrote θ back to the float32 variables: compare there (float32 rounding, 1e-7 rel.) and
  // against a float64 Field64 model trained in place (1e-12 rel.).
  const got = trained.variables.flatMap((x) => Array.from(x.dataSync()));
  got.forEach((w, p) => assert.ok(rel(w, theta[p]) <= 1e-7, `θ${p}: fit ${w}, reference ${theta[p]}`));
  const direct = toField64(make());
  const r64 = await fit(direct, {
    data,
    iterations,
    batch: { time: 5, size: 8 },
    seed: 7,
    solver,
    optimizer: adam({ lr: 1 }),
    schedule,
    loss: "mse",
    progress: "none",
  });
  direct.parameters.forEach((w, p) =>
    assert.ok(rel(w, theta[p]) <= 1e-12, `θ${p}: fit on the Field64 ${w}, reference ${theta[p]}`),
  );
  assert.deepEqual(Array.from(r64.parameters!), Array.from(direct.parameters));
  // The schedule mattered: with Adam's own constant rate 5e-2 the weights differ.
  const constant = toField64(make());
  await fit(constant, {
    data,
    iterations,
    batch: { time: 5, size: 8 },
    seed: 7,
    solver,
    optimizer: adam({ lr: 5e-2 }),
    loss: "mse",
    progress: "none",
  });
  assert.ok(
    constant.parameters.some((w, p) => rel(w, theta[p]) > 1e-3),
    "a constant rate gave the scheduled weights",
  );
});

test("HamiltonianNetwork.fit takes the same optimizer and schedule: SGD with stepDecay equals θ ← θ − lr_t·∇L by hand (exact)", async () => {
  const ys = Array.from({ length: 20 }, (_, s) => [Math.sin(0.3 * s), Math.cos(0.7 * s)]);
  const dydt = ys.map(([q, p]) => [p, -q]);
  const schedule = stepDecay({ lr: 0.05, factor: 0.5, every: 2 });
  const trained = new HamiltonianNetwork({ dim: 2, hidden: 5, seed: 2 });
  const losses = await trained.fit(ys, dydt, { iterations: 6, optimizer: sgd({ lr: 1 }), schedule });
  const ref = new HamiltonianNetwork({ dim: 2, hidden: 5, seed: 2 });
  const grads = [ref.W1, ref.b1, ref.w2].map((p) => new Float64Array(p.length));
  for (let it = 1; it <= 6; it++) {
    const loss = ref.lossAndGradient(ys, dydt, grads);
    assert.equal(losses[it - 1], loss, `loss at iteration ${it}`);
    const lr = 0.05 * 0.5 ** Math.floor((it - 1) / 2);
    const flat = [...grads[0], ...grads[1], ...grads[2]];
    ref.theta.forEach((_, p) => (ref.theta[p] -= lr * flat[p]));
  }
  assert.deepEqual(Array.from(trained.theta), Array.from(ref.theta));
  await assert.rejects(
    () => trained.fit(ys, dydt, { iterations: 1, optimizer: sgd({ lr: 1 }), learningRate: 0.1 }),
    (e: unknown) =>
      e instanceof OdeArgumentError && /learningRate: 0.1 and optimizer exclude each other/.test((e as Error).message),
  );
});
