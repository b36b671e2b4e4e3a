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
import { solveIVP, trainingFrame, trainingFigure } from "../../lib/index";
import { adam, sgd } from "../../lib/neural/training/hostOptimizer";
import { toField64 } from "../../lib/neural/fields/toField64";
import { discrete } from "../../lib/sensitivity/discrete";
import { adjoint } from "../../lib/sensitivity/adjoint";
import type { Field64 } from "../../lib/sensitivity/field64";
import type { GradientMethod } from "../../lib/sensitivity/gradientMethod";
import type { FitResult } from "../../lib/neural/training/fitOptions";

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
    batch: { time: 8, size: 16 },
    seed: 5,
    solver: { method: "RK4", step: 0.05 },
    optimizer: adam({ lr: 2e-2 }),
    progress: "none",
    onIteration: () => tensors.push(tf.memory().numTensors),
  });
  const rec = result.record;
  assert.equal(rec.length, 40);
  assert.equal(result.status, "completed");
  assert.equal(result.parameters, undefined, "a VectorField keeps its trained θ in its variables");
  const first = rec.slice(0, 5).reduce((s, r) => s + r.loss, 0) / 5;
  const last = rec.slice(-5).reduce((s, r) => s + r.loss, 0) / 5;
  assert.ok(last < 0.5 * first, `loss ${first} → ${last}`);
  for (const r of rec) {
    assert.ok(r.nfeForward > 0 && r.naccept > 0 && r.wallMs > 0 && Number.isFinite(r.gradNorm) && r.minStep > 0);
  }
  assert.equal(tensors[39], tensors[4], `numTensors ${tensors.join(",")}`);
  assert.ok(rec.every((r) => r.learningRate === 2e-2 && r.nfeBackward > 0));
  assert.deepEqual(trainingFrame(result).shape, [40, 10]);
  assert.equal(trainingFigure(result).data.length, 4);
  // Same seed, same data → the same first loss (reproducible minibatches and weights).
  const again = await fit(mlpField({ dim: 2, hidden: [16], activation: "tanh", seed: 21 }), {
    data,
    iterations: 1,
    batch: { time: 8, size: 16 },
    seed: 5,
    solver: { method: "RK4", step: 0.05 },
    progress: "none",
  });
  assert.equal(again.record[0].loss, rec[0].loss);
  const json = saveWeights(field);
  const copy = mlpField({ dim: 2, hidden: [16], activation: "tanh", seed: 99 });
  loadWeights(copy, json);
  const y0 = tf.tensor2d([[1, 0]]);
  assert.deepEqual(
    odeint(copy, y0, [0, 1], { method: "RK4", step: 0.1 }).arraySync(),
    odeint(field, y0, [0, 1], { method: "RK4", step: 0.1 }).arraySync(),
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
        batch: { time: 20, size: 4 },
        seed: 1,
        solver: { method: "RK4", step: 0.1 },
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
  const traj = odeint(ham, y, [0, 2], { method: "RK4", step: 0.01 }).arraySync() as number[][][];
  const H = (v: number[]) => 0.5 * (v[0] * v[0] + v[1] * v[1]);
  assert.ok(Math.abs(H(traj[1][0]) - H(traj[0][0])) < 1e-5);
  const aug = augmentedField(mlpField({ dim: 4, hidden: [4], seed: 2 }), 2);
  assert.deepEqual(aug.augment(tf.tensor2d([[1, 2]])).arraySync(), [[1, 2, 0, 0]]);
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, kernelInitializer: "zeros" })] });
  const lm = fromLayersModel(model);
  const { grads } = tf.variableGrads(
    () => tf.sum(odeint(lm, tf.tensor2d([[1, 1]]), [0, 1], { method: "RK4", step: 0.25 })) as tf.Scalar,
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
        tf.sum(tf.square(solver(lm2, tf.tensor2d([[1, 0.5]]), [0, 0.5, 1], { method: "RK4", step: 0.1 }))) as tf.Scalar,
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

/** The records of two runs agree in everything but wall time. */
function sameRecord(a: FitResult, b: FitResult, what: string): void {
  assert.equal(a.record.length, b.record.length, what);
  a.record.forEach((r, i) => assert.deepEqual({ ...r, wallMs: 0 }, { ...b.record[i], wallMs: 0 }, `${what}, row ${i}`));
}

test("the gradient method follows the registry: discrete() for DOPRI5, adjoint() for Rodas5; the loss falls either way", async () => {
  const make = () => mlpField({ dim: 2, hidden: [8], activation: "tanh", seed: 4 });
  const common = {
    data,
    iterations: 15,
    batch: { time: 6, size: 8 },
    seed: 2,
    loss: "mse" as const,
    optimizer: adam({ lr: 2e-2 }),
    progress: "none" as const,
  };
  const explicit = { method: "DOPRI5" as const, rtol: 1e-6, atol: 1e-8 };
  const byDefault = await fit(make(), { ...common, solver: explicit });
  sameRecord(byDefault, await fit(make(), { ...common, solver: explicit, gradient: discrete() }), "DOPRI5");
  const last = byDefault.record.slice(-3).reduce((s, r) => s + r.loss, 0) / 3;
  assert.ok(last < 0.5 * byDefault.record[0].loss, `DOPRI5: loss ${byDefault.record[0].loss} → ${last}`);
  const stiff = { method: "Rodas5" as const, rtol: 1e-6, atol: 1e-8 };
  const rodas = await fit(make(), { ...common, iterations: 5, solver: stiff });
  sameRecord(rodas, await fit(make(), { ...common, iterations: 5, solver: stiff, gradient: adjoint() }), "Rodas5");
  assert.ok(rodas.record.every((r) => r.nfeBackward > 0));
  // Both compute the gradient of the same loss: at the same weights, Rodas5 + adjoint and
  // DOPRI5 + discrete agree to the solvers' tolerance (first iteration, rel. 1e-3).
  const r0 = rodas.record[0];
  const d0 = byDefault.record[0];
  assert.ok(Math.abs(r0.loss - d0.loss) <= 1e-4 * d0.loss, `loss ${r0.loss} vs ${d0.loss}`);
  assert.ok(Math.abs(r0.gradNorm - d0.gradNorm) <= 1e-3 * d0.gradNorm, `‖g‖ ${r0.gradNorm} vs ${d0.gradNorm}`);
});

test("multiple shooting: the first loss equals the weighted MSE of every group solved in float64 (rel. 1e-5), and training lowers it", async () => {
  const make = () => mlpField({ dim: 2, hidden: [8], activation: "tanh", seed: 4 });
  const shooting = { groupSize: 6, continuityWeight: 10 };
  const common = {
    data,
    iterations: 1,
    seed: 1,
    solver: { method: "DOPRI5" as const, rtol: 1e-7, atol: 1e-9 },
    loss: "mse" as const,
    progress: "none" as const,
  };
  const first = await fit(make(), { ...common, multipleShooting: shooting, optimizer: sgd({ lr: 1e-3 }) });
  // Reference: groups start every 5 points (overlap 1) while a whole group fits in the 60 points,
  // each solved from its data point; weights 1, …, 1, 11 on the group's 6 times.
  const f64 = toField64(make());
  const rhs = (s: number, y: Float64Array, d: Float64Array) => f64.forward(s, y, d);
  const weights = [1, 1, 1, 1, 1, 11];
  const starts = Array.from({ length: Math.floor(59 / 5) }, (_, g) => 5 * g);
  const tGroup = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
  let loss = 0;
  tGroup.forEach((_, k) => {
    let sum = 0;
    for (const s of starts) {
      const sol = solveIVP(rhs, [0, 0.5], data.y[s], { method: "DOP853", rtol: 1e-12, atol: 1e-14, tEval: tGroup });
      for (let c = 0; c < 2; c++) sum += (sol.y[k][c] - data.y[s + k][c]) ** 2;
    }
    loss += (weights[k] * sum) / (2 * starts.length);
  });
  loss /= weights.reduce((a, b) => a + b, 0);
  const got = first.record[0].loss;
  assert.ok(Math.abs(got - loss) <= 1e-5 * loss, `fit ${got} vs reference ${loss}`);
  const trained = await fit(make(), {
    ...common,
    iterations: 30,
    multipleShooting: shooting,
    optimizer: adam({ lr: 2e-2 }),
  });
  assert.ok(
    trained.record[29].loss < 0.5 * trained.record[0].loss,
    `${trained.record[0].loss} → ${trained.record[29].loss}`,
  );
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
  const solver = { method: "DOPRI5" as const, rtol: 1e-9, atol: 1e-11 };
  const eigenError = async (d: typeof data | (typeof data)[number]) => {
    const field = mlpField({ dim: 2, hidden: [], activation: "identity", seed: 1, initStd: 0.1 });
    const r = await fit(field, {
      data: d,
      iterations: 1200,
      batch: { time: 5, size: 16 },
      seed: 2,
      solver,
      loss: "mse",
      optimizer: adam({ lr: 5e-2 }),
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

  // The exact field (W = Aᵀ, b = 0, a Field64 trained in place) has loss at the solver's error
  // on every window and shooting group: none crosses from one trajectory into the next (a
  // crossing window would cost O(1)). sgd at rate 0 keeps θ.
  const exact: Field64 = toField64(mlpField({ dim: 2, hidden: [], activation: "identity", seed: 1 }));
  // θ = W0 (row-major [in, out], so W0[i][j] = A[j][i]), b0.
  exact.parameters.set([A2[0][0], A2[1][0], A2[0][1], A2[1][1], 0, 0]);
  for (const extra of [{ batch: { time: 4, size: 8 } }, { multipleShooting: { groupSize: 5 } }]) {
    const r = await fit(exact, {
      data,
      iterations: 20,
      seed: 3,
      solver,
      loss: "mse",
      optimizer: sgd({ lr: 1e-300 }),
      schedule: () => 0,
      progress: "none",
      ...extra,
    });
    assert.ok(
      r.record.every((row) => row.loss < 1e-16),
      `${JSON.stringify(extra)}: losses up to ${Math.max(...r.record.map((row) => row.loss))}`,
    );
    assert.deepEqual(Array.from(r.parameters!), [A2[0][0], A2[1][0], A2[0][1], A2[1][1], 0, 0]);
  }

  // Trajectories on different time grids are refused, naming the trajectory and the index.
  const field = mlpField({ dim: 2, hidden: [], activation: "identity", seed: 1 });
  const bad = { t: t.map((s, i) => (i === 7 ? s + 0.01 : s)), y: data[1].y };
  await assert.rejects(
    () => fit(field, { data: [data[0], bad], iterations: 1, batch: { time: 3, size: 2 }, seed: 0, progress: "none" }),
    /trajectory 1: times must be uniformly spaced .* t\[7\]/,
  );
});

test("fit passes its gradient method through: the adjoint (full or seminorm) and discrete() give the same loss and gradient (rel. 1e-4) with their own backward work", async () => {
  const t = Array.from({ length: 40 }, (_, i) => i * 0.25);
  const circle = { t, y: t.map((s) => [2 * Math.cos(s), -2 * Math.sin(s)]) };
  const run = (gradient: GradientMethod) =>
    fit(mlpField({ dim: 2, hidden: [50], activation: "tanh", seed: 7 }), {
      data: circle,
      iterations: 3,
      batch: { time: 12, size: 8 },
      seed: 1,
      gradient,
      solver: { rtol: 1e-6, atol: 1e-8 },
      optimizer: sgd({ lr: 1e-3 }),
      schedule: () => 0,
      progress: "none",
    });
  const full = (await run(adjoint({ state: "reversed" }))).record;
  const semi = (await run(adjoint({ state: "reversed", norm: "seminorm" }))).record;
  const exact = (await run(discrete())).record;
  full.forEach((r, i) => {
    for (const other of [semi[i], exact[i]]) {
      assert.equal(other.loss, r.loss);
      assert.ok(Math.abs(other.gradNorm - r.gradNorm) <= 1e-4 * r.gradNorm, `${other.gradNorm} vs ${r.gradNorm}`);
    }
    // The seminorm leaves a_θ out of the backward error norm (Kidger et al. 2021): never more
    // steps. (Here, in float64, it takes the same 154 evaluations; the float32 tfjs adjoint of
    // earlier versions took fewer.)
    assert.ok(semi[i].nfeBackward <= r.nfeBackward, `seminorm ${semi[i].nfeBackward}, full ${r.nfeBackward}`);
    assert.notEqual(exact[i].nfeBackward, r.nfeBackward, "discrete and adjoint did the same backward work");
  });
});

test("early stopping: no improvement by minDelta for `patience` iterations stops training (status earlyStopped)", async () => {
  const field = mlpField({ dim: 2, hidden: [4], seed: 5 });
  const r = await fit(field, {
    data,
    iterations: 50,
    batch: { time: 4, size: 4 },
    seed: 1,
    solver: { method: "RK4", step: 0.1 },
    optimizer: sgd({ lr: 1e-9 }),
    earlyStopping: { patience: 3, minDelta: 1 },
    progress: "none",
  });
  // The first loss is the best (anything below +∞); no later one is 1 lower, so it stops at 1 + 3.
  assert.equal(r.status, "earlyStopped");
  assert.equal(r.stoppedEarly, true);
  assert.equal(r.record.length, 4);
});

test("a Field64 with 500 000 parameters trains in place; gradNorm is the analytic |∂L/∂a| of y' = a·y (rel. 1e-7)", async () => {
  // f(t, y) = θ₀·y; the other 499 999 parameters are unused (zero gradient, so SGD keeps them).
  const P = 500_000;
  const field: Field64 = {
    dim: 1,
    parameters: new Float64Array(P).fill(0.25),
    forward(_t, y, out) {
      for (let i = 0; i < y.length; i++) out[i] = this.parameters[0] * y[i];
    },
    vjp(_t, y, a, f, gy, gTheta, scale) {
      for (let i = 0; i < y.length; i++) {
        f[i] = this.parameters[0] * y[i];
        gy[i] = this.parameters[0] * a[i];
        gTheta[0] += scale * a[i] * y[i];
      }
    },
    jvp(_t, y, v, vTheta, f, out) {
      for (let i = 0; i < y.length; i++) {
        if (f) f[i] = this.parameters[0] * y[i];
        out[i] = this.parameters[0] * v[i] + (vTheta ? vTheta[0] * y[i] : 0);
      }
    },
    jacobian(_t, y, jy, jTheta) {
      jy.fill(0);
      for (let i = 0; i < y.length; i++) jy[i * y.length + i] = this.parameters[0];
      if (jTheta) {
        jTheta.fill(0);
        for (let i = 0; i < y.length; i++) jTheta[i * P] = y[i];
      }
    },
  };
  field.parameters[0] = -0.5;
  const t = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
  const r = await fit(field, {
    data: { t, y: t.map((s) => [Math.exp(-s)]) },
    iterations: 1,
    multipleShooting: { groupSize: 6, continuityWeight: 0 },
    seed: 0,
    solver: { rtol: 1e-10, atol: 1e-12 },
    loss: "mse",
    optimizer: sgd({ lr: 0.1 }),
    progress: "none",
  });
  // L = (1/6) Σ_k (e^{a t_k} − e^{−t_k})², ∂L/∂a = (1/6) Σ_k 2 (e^{a t_k} − e^{−t_k}) t_k e^{a t_k} at a = −0.5.
  const dLda = t.reduce((s, tk) => s + (2 * (Math.exp(-0.5 * tk) - Math.exp(-tk)) * tk * Math.exp(-0.5 * tk)) / 6, 0);
  assert.ok(
    Math.abs(r.record[0].gradNorm - Math.abs(dLda)) <= 1e-7 * Math.abs(dLda),
    `${r.record[0].gradNorm} vs ${dLda}`,
  );
  assert.ok(Math.abs(field.parameters[0] - (-0.5 - 0.1 * dLda)) <= 1e-9, `θ₀ = ${field.parameters[0]}`);
  assert.ok(field.parameters.subarray(1).every((w) => w === 0.25));
  assert.equal(r.parameters!.length, P);
});
