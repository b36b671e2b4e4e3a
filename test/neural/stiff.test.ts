import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { mlpField, hybridField, toField64, fit, float64Rhs, float64Jacobian } from "../../lib/neural/index";
import { lossAndGradient } from "../../lib/sensitivity/lossAndGradient";
import { adjoint } from "../../lib/sensitivity/adjoint";
import type { Field64 } from "../../lib/sensitivity/field64";
import type { MethodName } from "../../lib/ode/types";
import { solveIVP, problemSet } from "../../lib/index";
import { ready } from "../../lib/neural/backend";

before(async () => {
  await ready();
});

/** Loss and gradients of a solve through the continuous adjoint (lib/sensitivity's default for stiff methods). */
function adjointLoss(
  field: Field64,
  y0: Float64Array,
  t: number[],
  targets: Float64Array[],
  o: { method: MethodName; rtol: number; atol: number; loss: "mse" },
) {
  const solver = { method: o.method, rtol: o.rtol, atol: o.atol };
  const r = lossAndGradient(field, y0, t, targets, { solver, gradient: adjoint(), loss: o.loss });
  return { loss: r.loss, grads: r.grads, ...r.stats };
}

// A stiff linear field y' = W y with W = 0.9·A, A having eigenvalues −1 and −1000 (a fast and a
// slow mode, as in reaction kinetics): a linear layer (no hidden layer) whose dynamics are stiff.
const A = [
  [-500.5, 499.5],
  [499.5, -500.5],
];

function stiffField() {
  const field = mlpField({ dim: 2, hidden: [], activation: "identity", seed: 1 });
  // W = Aᵀ·0.9 (tfjs layout x·W), b = 0: a stiff start 10% away from the truth.
  field.variables[0].assign(tf.tensor2d(A.map((r, i) => r.map((_, j) => 0.9 * A[j][i]))));
  return field;
}

test("a stiff neural ODE differentiates through Rodas5 and BDF: adjoint gradients match finite differences; explicit steps stall", () => {
  const mlp = toField64(stiffField());
  const t = [0, 0.05, 0.1];
  const y0 = Float64Array.from([2, 0]);
  const targets = [Float64Array.from([2, 0]), Float64Array.from([1, 0.9]), Float64Array.from([0.9, 0.9])];
  const tight = { rtol: 1e-10, atol: 1e-12, loss: "mse" as const };
  const eps = 1e-6;
  const fd = Array.from({ length: mlp.parameters.length }, (_, p) => {
    const keep = mlp.parameters[p];
    mlp.parameters[p] = keep + eps;
    const lp = adjointLoss(mlp, y0, t, targets, { ...tight, method: "BDF" }).loss;
    mlp.parameters[p] = keep - eps;
    const lm = adjointLoss(mlp, y0, t, targets, { ...tight, method: "BDF" }).loss;
    mlp.parameters[p] = keep;
    return (lp - lm) / (2 * eps);
  });
  const scale = Math.max(...fd.map(Math.abs));
  // Rodas5 interpolates z(t) with its 4th-order dense output across the fast transient. Measured
  // 1.1e-3 (BDF 2.6e-5) with a_θ by quadrature, adjoint()'s default for stiff methods; 1.9e-2 when
  // a_θ rode in the Rodas5 state (the old fused adjoint, tolerance 3e-2 then).
  for (const [method, tol] of [
    ["BDF", 2e-3],
    ["Rodas5", 1e-2],
  ] as const) {
    const g = adjointLoss(mlp, y0, t, targets, { method, rtol: 1e-8, atol: 1e-10, loss: "mse" });
    g.grads.forEach((x, i) =>
      assert.ok(Math.abs(x - fd[i]) <= tol * scale, `${method} θ[${i}]: adjoint ${x}, FD ${fd[i]}`),
    );
  }
  // Over the whole record the explicit method is held back by the fast mode (|hλ| ≲ 3.3 with λ ≈ −900).
  const rhs = (s: number, y: Float64Array, d: Float64Array) => mlp.forward(s, y, d);
  const explicit = solveIVP(rhs, [0, 20], [2, 0], { method: "DOPRI5", rtol: 1e-6, atol: 1e-9 });
  const stiffSolve = solveIVP(rhs, [0, 20], [2, 0], { method: "Rodas5", rtol: 1e-6, atol: 1e-9 });
  assert.ok(
    explicit.stats.nsteps > 20 * stiffSolve.stats.nsteps,
    `steps: DOPRI5 ${explicit.stats.nsteps}, Rodas5 ${stiffSolve.stats.nsteps}`,
  );
});

// Robertson (ROBER, Hairer & Wanner II §IV.1): A → B (k1 = 0.04), 2B → B + C (k2 = 3e7),
// B + C → A + C (k3 = 1e4). The known physics of the universal differential equation below are the
// two fast reactions (the stiff part); a network learns the slow one from data.
const fastReactions = {
  rhs: (_t: number, y: Float64Array, d: Float64Array) => {
    const r2 = 3e7 * y[1] * y[1];
    const r3 = 1e4 * y[1] * y[2];
    d[0] = r3;
    d[1] = -r2 - r3;
    d[2] = r2;
  },
  jacobian: (_t: number, y: Float64Array, J: Float64Array) => {
    J.fill(0);
    J[1] = 1e4 * y[2];
    J[2] = 1e4 * y[1];
    J[4] = -6e7 * y[1] - 1e4 * y[2];
    J[5] = -1e4 * y[1];
    J[7] = 6e7 * y[1];
  },
};
const fastReactionsTf = (_t: number, y: tf.Tensor2D) =>
  tf.tidy(() => {
    const [, b, c] = tf.split(y, 3, 1);
    const r2 = tf.mul(3e7, tf.square(b));
    const r3 = tf.mul(1e4, tf.mul(b, c));
    return tf.concat([r3, tf.neg(tf.add(r2, r3)), r2], 1) as tf.Tensor2D;
  });

/** Hybrid field whose network starts at zero output (so the first solve starts at the known physics). */
function roberHybrid(seed: number) {
  // Glorot-uniform first layer (std ≈ 0.37 for 3 → 8) and a zero last layer, so training starts from the
  // known physics alone. (With N(0, 0.3²) weights and seed 3 the correction drives B negative within
  // four iterations and 2B → B + C then blows up: a training failure, not a solver one.)
  const nn = mlpField({ dim: 3, hidden: [8], activation: "tanh", seed });
  const L = nn.variables.length;
  nn.variables[L - 2].assign(tf.zerosLike(nn.variables[L - 2]));
  nn.variables[L - 1].assign(tf.zerosLike(nn.variables[L - 1]));
  return { nn, field: hybridField(fastReactionsTf, nn, fastReactions) };
}

test("fused Jacobians: ∂f/∂y and ∂f/∂θ of an MLP and of a hybrid field match central differences (rel. 1e-6)", () => {
  const nn = mlpField({ dim: 3, hidden: [5], activation: "tanh", seed: 4, timeDependent: true });
  const { field } = roberHybrid(5);
  field.variables.forEach((v, k) => v.assign(tf.randomNormal(v.shape, 0, 0.3, "float32", 10 + k)));
  for (const fused of [toField64(nn), toField64(field)]) {
    const y = Float64Array.from([0.8, 2e-5, 0.2, 0.5, 1e-5, 0.4]); // a batch of two states
    const n = y.length;
    const P = fused.parameters.length;
    const jy = new Float64Array(n * n);
    const jTheta = new Float64Array(n * P);
    fused.jacobian(0.3, y, jy, jTheta);
    const fp = new Float64Array(n);
    const fm = new Float64Array(n);
    const check = (analytic: (i: number) => number, what: string) => {
      for (let i = 0; i < n; i++) {
        const fd = (fp[i] - fm[i]) / 2e-7;
        const scale = Math.max(1, Math.abs(analytic(i)));
        assert.ok(Math.abs(fd - analytic(i)) / scale < 1e-6, `${what}, row ${i}: analytic ${analytic(i)}, FD ${fd}`);
      }
    };
    for (let j = 0; j < n; j++) {
      const h = 1e-7;
      const keep = y[j];
      y[j] = keep + h;
      fused.forward(0.3, y, fp);
      y[j] = keep - h;
      fused.forward(0.3, y, fm);
      y[j] = keep;
      // Central differences with step 1e-7 scaled to 2e-7 in `check`; rows use the same step.
      for (let i = 0; i < n; i++) {
        fp[i] *= 1e-7 / h;
        fm[i] *= 1e-7 / h;
      }
      check((i) => jy[i * n + j], `∂f/∂y column ${j}`);
    }
    for (let p = 0; p < P; p++) {
      const keep = fused.parameters[p];
      fused.parameters[p] = keep + 1e-7;
      fused.forward(0.3, y, fp);
      fused.parameters[p] = keep - 1e-7;
      fused.forward(0.3, y, fm);
      fused.parameters[p] = keep;
      check((i) => jTheta[i * P + p], `∂f/∂θ column ${p}`);
    }
  }
});

test("stiff hybrid (Robertson fast reactions + network): Rodas5 and BDF adjoint gradients with analytic Jacobians match finite differences", () => {
  const { field } = roberHybrid(7);
  field.variables.forEach((v, k) => v.assign(tf.randomNormal(v.shape, 0, 0.02, "float32", 20 + k)));
  const fused = toField64(field);
  const rober = problemSet.rober;
  const t = [0, 1, 4];
  const truth = solveIVP(rober.rhs, [0, 4], rober.y0, { method: "Rodas5", rtol: 1e-10, atol: 1e-14, tEval: t });
  const y0 = Float64Array.from(rober.y0);
  const tight = { method: "BDF" as const, rtol: 1e-11, atol: 1e-14, loss: "mse" as const };
  const eps = 1e-6;
  const fd = Array.from({ length: fused.parameters.length }, (_, p) => {
    const keep = fused.parameters[p];
    fused.parameters[p] = keep + eps;
    const lp = adjointLoss(fused, y0, t, truth.y, tight).loss;
    fused.parameters[p] = keep - eps;
    const lm = adjointLoss(fused, y0, t, truth.y, tight).loss;
    fused.parameters[p] = keep;
    return (lp - lm) / (2 * eps);
  });
  const scale = Math.max(...fd.map(Math.abs));
  for (const method of ["BDF", "Rodas5"] as const) {
    const g = adjointLoss(fused, y0, t, truth.y, { method, rtol: 1e-9, atol: 1e-13, loss: "mse" });
    assert.ok(g.minStep > 0 && Number.isFinite(g.minStep), `${method}: min step ${g.minStep}`);
    g.grads.forEach((x, i) =>
      assert.ok(Math.abs(x - fd[i]) <= 1e-3 * scale, `${method} θ[${i}]: adjoint ${x}, FD ${fd[i]}`),
    );
  }
});

test("a universal differential equation trains on Robertson data through Rodas5; DOPRI5 stalls on the same field", async () => {
  const rober = problemSet.rober;
  const t = Array.from({ length: 21 }, (_, k) => 2 * k);
  const truth = solveIVP(rober.rhs, [0, 40], rober.y0, {
    method: "Rodas5",
    rtol: 1e-10,
    atol: 1e-14,
    tEval: t,
    jacobian: rober.jacobian,
  });
  const { field } = roberHybrid(3);
  const tensorsAt: number[] = [];
  const result = await fit(field, {
    onIteration: (row) => (row.iteration === 2 || row.iteration === 120) && tensorsAt.push(tf.memory().numTensors),
    data: { t, y: truth.y.map((r) => Array.from(r)) },
    iterations: 120,
    batch: { time: t.length, size: 1 },
    seed: 1,
    solver: { method: "Rodas5", rtol: 1e-6, atol: 1e-10 },
    loss: "mse",
    optimizer: tf.train.adam(3e-3),
    progress: "none",
  });
  // Flat after the optimizer's slots exist (iteration 2 → 120).
  assert.equal(tensorsAt[1], tensorsAt[0]);
  const first = result.record[0].loss;
  const last = result.record[result.record.length - 1].loss;
  assert.ok(last < 1e-3 * first, `loss ${first} → ${last}`);
  assert.ok(result.record.every((r) => r.minStep > 0 && Number.isFinite(r.minStep)));
  // The trained UDE reproduces the data at t = 40 (A and C to 0.02 absolute of the totals ≈ 1).
  const f = float64Rhs(field);
  const jac = float64Jacobian(field);
  const trained = solveIVP(f, [0, 40], rober.y0, { method: "Rodas5", rtol: 1e-8, atol: 1e-12, jacobian: jac });
  const end = trained.y[trained.y.length - 1];
  const want = truth.y[truth.y.length - 1];
  assert.ok(Math.abs(end[0] - want[0]) < 0.02 && Math.abs(end[2] - want[2]) < 0.02, `y(40) ${end} vs ${want}`);
  // An explicit method on the same trained field runs out of steps long before t = 40.
  const explicit = solveIVP(f, [0, 40], rober.y0, { method: "DOPRI5", rtol: 1e-6, atol: 1e-10, maxSteps: 20000 });
  assert.equal(explicit.status, "maxSteps", explicit.message);
  assert.ok(trained.stats.nsteps < 500, `Rodas5 steps ${trained.stats.nsteps}`);
});
