import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import {
  mlpField,
  hybridField,
  hamiltonianField,
  augmentedField,
  fromLayersModel,
  odeint,
  odeintAdjoint,
  fit,
  saveWeights,
  loadWeights,
  TrainingDivergedError,
} from "../../lib/neural/index";
import { solveIVP } from "../../lib/index";

before(async () => {
  await ready();
});

// Data: a damped linear oscillator y' = A y, solved in float64.
const A = [
  [-0.1, 1],
  [-1, -0.1],
];
const times = Array.from({ length: 60 }, (_, i) => i * 0.1);
const sol = solveIVP(
  (_t, y) => [A[0][0] * y[0] + A[0][1] * y[1], A[1][0] * y[0] + A[1][1] * y[1]],
  [0, 5.9],
  [1.5, 0],
  {
    tEval: times,
    rtol: 1e-10,
    atol: 1e-12,
  },
);
const data = { t: times, y: sol.y.map((v) => Array.from(v)) };

test("fit: the loss falls, the training record is complete, numTensors stays flat, weights round-trip", async () => {
  const field = mlpField({ dim: 2, hidden: [16], activation: "tanh", seed: 21 });
  const tensors: number[] = [];
  const result = await fit(field, {
    data,
    iterations: 40,
    batchTime: 8,
    batchSize: 16,
    seed: 5,
    method: "rk4",
    step: 0.05,
    optimizer: tf.train.adam(2e-2),
    progress: "none",
    onIteration: () => tensors.push(tf.memory().numTensors),
  });
  const rec = result.record;
  assert.equal(rec.length, 40);
  const first = rec.slice(0, 5).reduce((s, r) => s + r.loss, 0) / 5;
  const last = rec.slice(-5).reduce((s, r) => s + r.loss, 0) / 5;
  assert.ok(last < 0.5 * first, `loss ${first} → ${last}`);
  for (const r of rec) {
    assert.ok(r.nfeForward > 0 && r.naccept > 0 && r.wallMs > 0 && Number.isFinite(r.gradNorm) && r.minStep > 0);
  }
  assert.equal(tensors[39], tensors[4], `numTensors ${tensors.join(",")}`);
  assert.deepEqual(result.frame().shape, [40, 9]);
  assert.equal(result.plot().data.length, 4);
  // Same seed, same data → the same first loss (reproducible minibatches and weights).
  const again = await fit(mlpField({ dim: 2, hidden: [16], activation: "tanh", seed: 21 }), {
    data,
    iterations: 1,
    batchTime: 8,
    batchSize: 16,
    seed: 5,
    method: "rk4",
    step: 0.05,
    progress: "none",
  });
  assert.equal(again.record[0].loss, rec[0].loss);
  const json = saveWeights(field);
  const copy = mlpField({ dim: 2, hidden: [16], activation: "tanh", seed: 99 });
  loadWeights(copy, json);
  const y0 = tf.tensor2d([[1, 0]]);
  assert.deepEqual(
    odeint(copy, y0, [0, 1], { method: "rk4", step: 0.1 }).arraySync(),
    odeint(field, y0, [0, 1], { method: "rk4", step: 0.1 }).arraySync(),
  );
  assert.throws(
    () => loadWeights(mlpField({ dim: 2, hidden: [8], seed: 1 }), json),
    /tensor 0 has shape \[2,16\], expected \[2,8\]/,
  );
});

test("fit stops with an error naming the iteration and the cause when the field blows up", async () => {
  const nn = mlpField({ dim: 2, hidden: [4], seed: 3 });
  // Known part y' = 5 y²: finite-time blow-up from y ≈ 1.5 within the window.
  const exploding = hybridField((_t, y) => tf.mul(tf.square(y), 5) as tf.Tensor2D, nn);
  await assert.rejects(
    () =>
      fit(exploding, {
        data,
        iterations: 5,
        batchTime: 20,
        batchSize: 4,
        seed: 1,
        method: "rk4",
        step: 0.1,
        progress: "none",
      }),
    (e: unknown) =>
      e instanceof TrainingDivergedError &&
      e.iteration === 1 &&
      /training diverged at iteration 1: .*(non-finite|loss is)/.test(e.message) &&
      /lower learning rate/.test(e.message),
  );
});

test("builders: hybrid = known + nn; Hamiltonian field of H=(q²+p²)/2 is (p, −q); augmented pads zeros; a LayersModel trains", async () => {
  const nn = mlpField({ dim: 2, hidden: [4], seed: 8 });
  const y = tf.tensor2d([[0.3, -0.7]]);
  const hybrid = hybridField((_t, s) => tf.mul(s, -2) as tf.Tensor2D, nn);
  const diff = tf.sub(hybrid.forward(0, y), tf.add(nn.forward(0, y), tf.mul(y, -2)));
  assert.ok(tf.max(tf.abs(diff)).dataSync()[0] < 1e-6);
  const ham = hamiltonianField((s) => tf.mul(tf.sum(tf.square(s), 1, true), 0.5) as tf.Tensor2D, 2);
  assert.deepEqual(
    Array.from(ham.forward(0, y).dataSync()).map((v) => +v.toFixed(6)),
    [-0.7, -0.3],
  );
  // Energy of the flow of a Hamiltonian field is conserved (RK4, small step): |ΔH| < 1e-5.
  const traj = odeint(ham, y, [0, 2], { method: "rk4", step: 0.01 }).arraySync() as number[][][];
  const H = (v: number[]) => 0.5 * (v[0] * v[0] + v[1] * v[1]);
  assert.ok(Math.abs(H(traj[1][0]) - H(traj[0][0])) < 1e-5);
  const aug = augmentedField(mlpField({ dim: 4, hidden: [4], seed: 2 }), 2);
  assert.deepEqual(aug.augment(tf.tensor2d([[1, 2]])).arraySync(), [[1, 2, 0, 0]]);
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, kernelInitializer: "zeros" })] });
  const lm = fromLayersModel(model);
  const { grads } = tf.variableGrads(
    () => tf.sum(odeint(lm, tf.tensor2d([[1, 1]]), [0, 1], { method: "rk4", step: 0.25 })) as tf.Scalar,
    lm.variables,
  );
  assert.equal(Object.keys(grads).length, 2);
  assert.ok(Object.values(grads).every((g) => tf.max(tf.abs(g)).dataSync()[0] > 0));
  // The same LayersModel field with the adjoint: gradients equal backprop's (rel. 1e-4, fixed-step RK4).
  const deep = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [2], units: 6, activation: "tanh" }), tf.layers.dense({ units: 2 })],
  });
  const lm2 = fromLayersModel(deep);
  const gradsOf = (solver: typeof odeint) =>
    tf.variableGrads(
      () =>
        tf.sum(tf.square(solver(lm2, tf.tensor2d([[1, 0.5]]), [0, 0.5, 1], { method: "rk4", step: 0.1 }))) as tf.Scalar,
      lm2.variables,
    ).grads;
  const gb = gradsOf(odeint);
  const ga = gradsOf(odeintAdjoint);
  for (const v of lm2.variables) {
    const b = gb[v.name].dataSync();
    const a = ga[v.name].dataSync();
    const scale = Math.max(...Array.from(b, Math.abs));
    b.forEach((x, i) =>
      assert.ok(Math.abs(x - a[i]) <= 1e-4 * scale, `${v.name}[${i}]: backprop ${x}, adjoint ${a[i]}`),
    );
  }
  tf.dispose([gb, ga]);
});

test("fit with the fused float64 engine: the loss falls, numTensors stays flat, NFE is recorded both ways", async () => {
  const field = mlpField({ dim: 2, hidden: [16], activation: "tanh", seed: 21 });
  const tensors: number[] = [];
  const result = await fit(field, {
    data,
    iterations: 40,
    batchTime: 8,
    batchSize: 16,
    seed: 5,
    engine: "fused",
    method: "dopri5",
    rtol: 1e-6,
    atol: 1e-8,
    optimizer: tf.train.adam(2e-2),
    progress: "none",
    onIteration: () => tensors.push(tf.memory().numTensors),
  });
  const rec = result.record;
  const first = rec.slice(0, 5).reduce((s, r) => s + r.loss, 0) / 5;
  const last = rec.slice(-5).reduce((s, r) => s + r.loss, 0) / 5;
  assert.ok(last < 0.5 * first, `loss ${first} → ${last}`);
  assert.ok(rec.every((r) => r.nfeForward > 0 && r.nfeBackward > 0));
  assert.equal(tensors[39], tensors[4], `numTensors ${tensors.join(",")}`);
});

test("multiple shooting: groups cover the trajectory, both engines give the same loss, and training lowers it", async () => {
  const make = () => mlpField({ dim: 2, hidden: [8], activation: "tanh", seed: 4 });
  const common = {
    data,
    iterations: 1,
    batchTime: 2,
    batchSize: 1,
    seed: 1,
    method: "dopri5" as const,
    rtol: 1e-7,
    atol: 1e-9,
    loss: "mse" as const,
    progress: "none" as const,
  };
  const shooting = { groupSize: 6, continuityWeight: 10 };
  const tfjs = await fit(make(), { ...common, multipleShooting: shooting, optimizer: tf.train.sgd(0) });
  const fused = await fit(make(), {
    ...common,
    multipleShooting: shooting,
    engine: "fused",
    optimizer: tf.train.sgd(0),
  });
  assert.ok(
    Math.abs(tfjs.record[0].loss - fused.record[0].loss) < 1e-5 * fused.record[0].loss,
    `${tfjs.record[0].loss} vs ${fused.record[0].loss}`,
  );
  const trained = await fit(make(), {
    ...common,
    iterations: 30,
    multipleShooting: shooting,
    engine: "fused",
    optimizer: tf.train.adam(2e-2),
  });
  assert.ok(
    trained.record[29].loss < 0.5 * trained.record[0].loss,
    `${trained.record[0].loss} → ${trained.record[29].loss}`,
  );
  await assert.rejects(
    () => fit(make(), { ...common, multipleShooting: { groupSize: 1 } }),
    /invalid argument multipleShooting.groupSize: must be an integer in \[2, 60\]/,
  );
});

test("fused engine's float64 host optimizers follow tfjs's SGD, Adam and RMSProp (weights after 25 iterations agree to 1e-4)", async () => {
  const t = Array.from({ length: 30 }, (_, i) => i * 0.1);
  const y = t.map((s) => [Math.cos(s), -Math.sin(s)]);
  for (const make of [() => tf.train.sgd(0.05), () => tf.train.adam(0.01), () => tf.train.rmsprop(0.01, 0.9, 0.5)]) {
    const weights: number[][] = [];
    for (const hostOptimizer of [true, false]) {
      const field = mlpField({ dim: 2, hidden: [8], activation: "tanh", seed: 21 });
      const optimizer = make();
      await fit(field, {
        data: { t, y },
        iterations: 25,
        batchTime: 5,
        batchSize: 4,
        seed: 3,
        engine: "fused",
        method: "rk4",
        step: 0.05,
        loss: "mse",
        optimizer,
        hostOptimizer,
        progress: "none",
      });
      optimizer.dispose();
      weights.push(field.variables.flatMap((v) => Array.from(v.dataSync())));
    }
    const name = make().getClassName();
    weights[0].forEach((w, i) =>
      assert.ok(
        Math.abs(w - weights[1][i]) <= 1e-4 * Math.max(1, Math.abs(w)),
        `${name} θ[${i}]: host ${w}, tfjs ${weights[1][i]}`,
      ),
    );
  }
});

test("fit on several trajectories: a linear field recovers A (eigenvalues −1, −4) from four initial conditions, better than from one", async () => {
  // y' = A y, A = [[−2, 1], [2, −3]]: eigenvalues −1 and −4. Windows must not cross from one
  // trajectory into the next (the data jump there), or the loss could not reach ~1e-12.
  const A2 = [
    [-2, 1],
    [2, -3],
  ];
  const t = Array.from({ length: 21 }, (_, i) => i * 0.1);
  const solveFrom = (y0: number[]) => ({
    t,
    y: solveIVP(
      (_t, y, d) => {
        d[0] = A2[0][0] * y[0] + A2[0][1] * y[1];
        d[1] = A2[1][0] * y[0] + A2[1][1] * y[1];
      },
      [0, 2],
      y0,
      { method: "DOP853", rtol: 1e-12, atol: 1e-14, tEval: t },
    ).y.map((r) => Array.from(r)),
  });
  const data = [
    [1, 0],
    [0, 1],
    [1, 1],
    [-1, 0.5],
  ].map(solveFrom);
  const eigenError = async (d: typeof data | (typeof data)[number]) => {
    const field = mlpField({ dim: 2, hidden: [], activation: "identity", seed: 1, initStd: 0.1 });
    const r = await fit(field, {
      data: d,
      iterations: 1200,
      batchTime: 5,
      batchSize: 16,
      seed: 2,
      engine: "fused",
      method: "dopri5",
      rtol: 1e-9,
      atol: 1e-11,
      loss: "mse",
      optimizer: tf.train.adam(5e-2),
      progress: "none",
    });
    // dy/dt = Wᵀ y + b; eigenvalues of the 2 × 2 Wᵀ from its trace and determinant.
    const W = field.variables[0].arraySync() as number[][];
    const tr = W[0][0] + W[1][1];
    const det = W[0][0] * W[1][1] - W[0][1] * W[1][0];
    const disc = Math.sqrt(tr * tr - 4 * det);
    const eig = [(tr + disc) / 2, (tr - disc) / 2];
    return { loss: r.record[r.record.length - 1].loss, error: Math.max(Math.abs(eig[0] + 1), Math.abs(eig[1] + 4)) };
  };
  const several = await eigenError(data);
  assert.ok(several.loss < 1e-10, `loss ${several.loss}`);
  assert.ok(several.error < 2e-3, `eigenvalue error ${several.error}`);
  const one = await eigenError(data[0]);
  assert.ok(one.error > several.error, `one trajectory ${one.error} vs several ${several.error}`);

  // Both engines see the same windows and shooting groups over several trajectories.
  const make = () => mlpField({ dim: 2, hidden: [8], activation: "tanh", seed: 4 });
  for (const extra of [{}, { multipleShooting: { groupSize: 5 } }]) {
    const common = {
      data,
      iterations: 1,
      batchTime: 4,
      batchSize: 8,
      seed: 3,
      loss: "mse" as const,
      progress: "none" as const,
    };
    const a = (await fit(make(), { ...common, ...extra, optimizer: tf.train.sgd(0) })).record[0].loss;
    const b = (await fit(make(), { ...common, ...extra, engine: "fused", optimizer: tf.train.sgd(0) })).record[0].loss;
    assert.ok(Math.abs(a - b) < 1e-5 * b, `tfjs ${a} vs fused ${b} (${JSON.stringify(extra)})`);
  }

  // Trajectories on different time grids are refused, naming the trajectory and the index.
  const field = mlpField({ dim: 2, hidden: [], activation: "identity", seed: 1 });
  const bad = { t: t.map((s, i) => (i === 7 ? s + 0.01 : s)), y: data[1].y };
  await assert.rejects(
    () => fit(field, { data: [data[0], bad], iterations: 1, batchTime: 3, batchSize: 2, seed: 0, progress: "none" }),
    /trajectory 1: times must be uniformly spaced .* t\[7\]/,
  );
});

test("fit on the tfjs engine honours adjointNorm: seminorm changes the backward steps, not the gradient (rel. 1e-4)", async () => {
  const t = Array.from({ length: 40 }, (_, i) => i * 0.25);
  const circle = { t, y: t.map((s) => [2 * Math.cos(s), -2 * Math.sin(s)]) };
  const run = (adjointNorm: "full" | "seminorm") =>
    fit(mlpField({ dim: 2, hidden: [50], activation: "tanh", seed: 7 }), {
      data: circle,
      iterations: 3,
      batchTime: 12,
      batchSize: 8,
      seed: 1,
      gradient: "adjoint",
      adjointNorm,
      rtol: 1e-6,
      atol: 1e-8,
      optimizer: tf.train.sgd(0),
      progress: "none",
    });
  const full = (await run("full")).record;
  const semi = (await run("seminorm")).record;
  full.forEach((r, i) => {
    assert.equal(semi[i].loss, r.loss);
    assert.ok(Math.abs(semi[i].gradNorm - r.gradNorm) <= 1e-4 * r.gradNorm, `${semi[i].gradNorm} vs ${r.gradNorm}`);
  });
  assert.ok(
    semi.some((r, i) => r.nfeBackward !== full[i].nfeBackward),
    `backward NFE full ${full.map((r) => r.nfeBackward)}, seminorm ${semi.map((r) => r.nfeBackward)}`,
  );
});
