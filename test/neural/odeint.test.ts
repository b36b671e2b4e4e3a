import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import { mlpField } from "../../lib/neural/fields/mlpField";
import { hybridField, hamiltonianField } from "../../lib/neural/fields/builders";
import { odeint } from "../../lib/neural/solve/odeint";
import { odeintAdjoint } from "../../lib/neural/solve/adjoint";
import { resnetFromField } from "../../lib/neural/solve/resnet";
import { shadowSolve } from "../../lib/neural/solve/shadowSolve";
import { emptySensitivityStats } from "../../lib/sensitivity/gradientMethod";
import { toField64 } from "../../lib/neural/fields/toField64";
import type { VectorField } from "../../lib/neural/fields/field";

before(async () => {
  await ready();
});

const t = [0, 0.25, 0.5, 0.75, 1];
const makeField = (seed = 7) => mlpField({ dim: 2, hidden: [8], activation: "tanh", seed });
const y0Values = [
  [1, 0.5],
  [-0.3, 0.8],
];

/** A scalar loss of the trajectory: mean of squares weighted per time (so every output matters). */
function loss(traj: tf.Tensor3D): tf.Scalar {
  const w = tf.tensor1d(t.map((_, i) => i + 1)).reshape([t.length, 1, 1]);
  return tf.mean(tf.mul(tf.square(traj), w)) as tf.Scalar;
}

function lossValue(field: VectorField, solver: typeof odeint, y0: number[][], method: "RK4" | "DOPRI5"): number {
  return tf.tidy(
    () => loss(solver(field, tf.tensor2d(y0), t, { method, step: 0.05, rtol: 1e-6, atol: 1e-8 })).dataSync()[0],
  );
}

test("odeint with fixed weights matches the float64 solveIVP of the same field (shadowSolve drift < 1e-5)", () => {
  const field = makeField();
  for (const method of ["RK4", "DOPRI5", "Tsit5", "BS3"] as const) {
    const report = shadowSolve(field, tf.tensor2d(y0Values), t, { method, step: 0.01, rtol: 1e-7, atol: 1e-9 });
    assert.equal(report.float64.status, "success");
    assert.ok(report.maxDrift < 1e-5, `${method}: drift ${report.maxDrift}`);
  }
});

for (const [name, solver] of [
  ["odeint (backprop)", odeint],
  ["odeintAdjoint", odeintAdjoint],
] as const) {
  test(`${name}: gradients w.r.t. weights and y0 match central finite differences (rel. 3e-2, float32)`, () => {
    const field = makeField(11);
    const method = "RK4";
    const { grads } = tf.variableGrads(
      () => loss(solver(field, tf.tensor2d(y0Values), t, { method, step: 0.05 })),
      field.variables,
    );
    const w0 = field.variables[0];
    const g = grads[w0.name].dataSync();
    const eps = 1e-2;
    for (const idx of [0, 3, 9]) {
      const base = w0.dataSync().slice();
      const plus = base.slice();
      plus[idx] += eps;
      w0.assign(tf.tensor(plus, w0.shape));
      const lp = lossValue(field, solver, y0Values, method);
      const minus = base.slice();
      minus[idx] -= eps;
      w0.assign(tf.tensor(minus, w0.shape));
      const lm = lossValue(field, solver, y0Values, method);
      w0.assign(tf.tensor(base, w0.shape));
      const fd = (lp - lm) / (2 * eps);
      assert.ok(Math.abs(fd - g[idx]) <= 3e-2 * Math.abs(fd) + 1e-4, `weight ${idx}: grad ${g[idx]}, FD ${fd}`);
    }
    tf.dispose(grads);
    // Initial state.
    const y0 = tf.tensor2d(y0Values);
    const gy = tf
      .grad((y: tf.Tensor) => loss(solver(field, y as tf.Tensor2D, t, { method, step: 0.05 })))(y0)
      .arraySync() as number[][];
    const plus = y0Values.map((r) => r.slice());
    plus[1][0] += eps;
    const minus = y0Values.map((r) => r.slice());
    minus[1][0] -= eps;
    const fd = (lossValue(field, solver, plus, method) - lossValue(field, solver, minus, method)) / (2 * eps);
    assert.ok(Math.abs(fd - gy[1][0]) <= 3e-2 * Math.abs(fd) + 1e-4, `y0[1][0]: grad ${gy[1][0]}, FD ${fd}`);
  });
}

test("adjoint and backprop gradients agree (DOPRI5, rel. 1e-2); both report backward evaluations", () => {
  const field = makeField(3);
  const statsB = emptySensitivityStats();
  const statsA = emptySensitivityStats();
  const opts = { method: "DOPRI5" as const, rtol: 1e-6, atol: 1e-8 };
  const gb = tf.variableGrads(
    () => loss(odeint(field, tf.tensor2d(y0Values), t, { ...opts, stats: statsB })),
    field.variables,
  );
  const ga = tf.variableGrads(
    () => loss(odeintAdjoint(field, tf.tensor2d(y0Values), t, { ...opts, stats: statsA })),
    field.variables,
  );
  for (const v of field.variables) {
    const b = gb.grads[v.name].dataSync();
    const a = ga.grads[v.name].dataSync();
    const scale = Math.max(...Array.from(b, Math.abs));
    b.forEach((x, i) =>
      assert.ok(Math.abs(x - a[i]) <= 1e-2 * scale + 1e-6, `${v.name}[${i}]: backprop ${x}, adjoint ${a[i]}`),
    );
  }
  assert.ok(statsB.nfeForward > 0 && statsA.nfeForward > 0);
  assert.ok(statsA.nfeBackward > 0, "adjoint backward NFE");
  // Backprop's reverse sweep: one vector–Jacobian product per needed stage of each accepted
  // step, so between 1 and DOPRI5's 7 stages per step.
  assert.ok(
    statsB.nfeBackward >= statsB.naccept && statsB.nfeBackward <= 7 * statsB.naccept,
    `backprop: ${statsB.nfeBackward} backward evaluations for ${statsB.naccept} steps`,
  );
  tf.dispose([gb.grads, ga.grads]);
});

test("odeintAdjoint through Rodas5 and BDF on a stiff hybrid gives backprop-through-DOPRI5's gradient (rel. 1e-5, float32 outputs)", () => {
  // y' = diag(−1000, −1) y + nn(y): stiffness ratio 1000; the known part also in float64 so the
  // solve is exact float64. Both gradients approximate the continuous one to ~rtol; measured
  // agreement 1.4e-8 (Rodas5) and 1.1e-11 (BDF) of the largest entry.
  const nn = mlpField({ dim: 2, hidden: [6], activation: "tanh", seed: 3 });
  const K = tf.tensor2d([
    [-1000, 0],
    [0, -1],
  ]);
  const field = hybridField((_t, y) => tf.matMul(y, K) as tf.Tensor2D, nn, {
    rhs: (_t, y, d) => {
      d[0] = -1000 * y[0];
      d[1] = -y[1];
    },
    jacobian: (_t, _y, J) => J.set([-1000, 0, 0, -1]),
  });
  const y0 = tf.tensor2d(y0Values);
  const grads = (solver: typeof odeint, method: "DOPRI5" | "Rodas5" | "BDF") => {
    const stats = emptySensitivityStats();
    const { value, grads } = tf.variableGrads(
      () => loss(solver(field, y0, t, { method, rtol: 1e-9, atol: 1e-11, stats })),
      field.variables,
    );
    const g = field.variables.flatMap((v) => Array.from(grads[v.name].dataSync()));
    tf.dispose([value, grads]);
    return { g, stats };
  };
  const ref = grads(odeint, "DOPRI5");
  const scale = Math.max(...ref.g.map(Math.abs));
  for (const method of ["Rodas5", "BDF"] as const) {
    const r = grads(odeintAdjoint, method);
    r.g.forEach((x, i) =>
      assert.ok(Math.abs(x - ref.g[i]) <= 1e-5 * scale, `${method} θ[${i}]: ${x} vs backprop ${ref.g[i]}`),
    );
    // The stiff solvers take far fewer steps than DOPRI5's stability-limited ones.
    assert.ok(r.stats.naccept < ref.stats.naccept / 1.4, `${method}: ${r.stats.naccept} vs ${ref.stats.naccept} steps`);
    assert.ok(r.stats.nfeBackward > 0);
  }
});

test("a tensor-only field (tfjs evaluations through tensorField64) gives the float64 dense field's outputs and gradients (rel. 1e-6; measured 9e-8)", () => {
  const field = makeField(21);
  // The same network without its dense-layer description: toField64 falls back to tensorField64.
  const tensorOnly: VectorField = {
    dim: field.dim,
    variables: field.variables,
    apply: (s, y, p) => field.apply(s, y, p),
    forward: (s, y) => field.forward(s, y),
  };
  for (const solver of [odeint, odeintAdjoint]) {
    const run = (f: VectorField) => {
      const { value, grads } = tf.variableGrads(
        () => loss(solver(f, tf.tensor2d(y0Values), t, { method: "DOPRI5", rtol: 1e-7, atol: 1e-9 })),
        field.variables,
      );
      const g = field.variables.flatMap((v) => Array.from(grads[v.name].dataSync()));
      const v = value.dataSync()[0];
      tf.dispose([value, grads]);
      return { v, g };
    };
    const a = run(field);
    const b = run(tensorOnly);
    assert.ok(Math.abs(a.v - b.v) <= 1e-6 * Math.abs(a.v), `${solver.name} loss ${a.v} vs ${b.v}`);
    const scale = Math.max(...a.g.map(Math.abs));
    a.g.forEach((x, i) =>
      assert.ok(Math.abs(x - b.g[i]) <= 1e-6 * scale, `${solver.name} θ[${i}]: float64 ${x}, tensor-only ${b.g[i]}`),
    );
  }
});

test("a field that takes gradients itself (hamiltonianField, H = ω(q² + p²)/2) through odeint and odeintAdjoint: y(T) and ∂q(T)/∂ω analytic (rel. 1e-5)", () => {
  // The flow is a rotation at angular speed ω: q(T) = q0 cos ωT + p0 sin ωT, so
  // ∂q(T)/∂ω = T(−q0 sin ωT + p0 cos ωT) = T·p(T).
  const omega = tf.variable(tf.scalar(1.3), true, "odeint_omega");
  const ham = hamiltonianField((y, p) => tf.mul(tf.mul(tf.sum(tf.square(y), 1, true), 0.5), p[0]) as tf.Tensor2D, 2, [
    omega,
  ]);
  const [q0, p0, T] = [0.6, -0.4, 1.5];
  const w = 1.3;
  const qT = q0 * Math.cos(w * T) + p0 * Math.sin(w * T);
  const pT = -q0 * Math.sin(w * T) + p0 * Math.cos(w * T);
  for (const solver of [odeint, odeintAdjoint]) {
    const opts = { method: "DOPRI5" as const, rtol: 1e-8, atol: 1e-10 };
    const y = solver(ham, tf.tensor2d([[q0, p0]]), [0, T], opts).arraySync() as number[][][];
    assert.ok(
      Math.abs(y[1][0][0] - qT) <= 1e-5 && Math.abs(y[1][0][1] - pT) <= 1e-5,
      `${solver.name}: y(T) ${y[1][0]}`,
    );
    const { value, grads } = tf.variableGrads(
      () => tf.sum(solver(ham, tf.tensor2d([[q0, p0]]), [0, T], opts).slice([1, 0, 0], [1, 1, 1])) as tf.Scalar,
      [omega],
    );
    const g = grads[omega.name].dataSync()[0];
    assert.ok(Math.abs(g - T * pT) <= 1e-5 * Math.abs(T * pT), `${solver.name}: ∂q(T)/∂ω ${g} vs ${T * pT}`);
    tf.dispose([value, grads]);
  }
});

test("ResNet of depth 12000 (beyond the default step budget) is float64 Euler of the same field (rel. 1e-6: float32 output)", () => {
  const field = makeField(5);
  const f64 = toField64(field);
  const L = 12000;
  const h = 1 / L;
  const y = Float64Array.from(y0Values.flat());
  const k = new Float64Array(y.length);
  for (let l = 0; l < L; l++) {
    f64.forward(l * h, y, k);
    for (let i = 0; i < y.length; i++) y[i] += h * k[i];
  }
  const res = tf.tidy(() => resnetFromField(field, L, 1)(tf.tensor2d(y0Values)).dataSync());
  y.forEach((v, i) => assert.ok(Math.abs(res[i] - v) <= 1e-6 * Math.abs(v), `component ${i}: ${res[i]} vs ${v}`));
});

test("ResNet of depth L converges to the ODE solution at order 1", () => {
  const field = makeField(5);
  const y0 = tf.tensor2d(y0Values);
  const exact = tf.tidy(() => odeint(field, y0, [0, 1], { method: "DOPRI5", rtol: 1e-7, atol: 1e-9 }).gather(1));
  const errs = [8, 16, 32, 64].map((L) =>
    tf.tidy(() => tf.max(tf.abs(tf.sub(resnetFromField(field, L, 1)(y0), exact))).dataSync()[0]),
  );
  for (let i = 1; i < errs.length; i++) {
    const order = Math.log2(errs[i - 1] / errs[i]);
    assert.ok(
      Math.abs(order - 1) < 0.15,
      `orders ${errs.map((e, k) => (k ? Math.log2(errs[k - 1] / e).toFixed(2) : "")).join(" ")}`,
    );
  }
});

test("training loops keep tf.memory().numTensors flat (odeint and odeintAdjoint, 15 iterations each)", () => {
  const field = makeField(9);
  const target = tf.tensor3d(
    t.map(() => y0Values),
    [t.length, 2, 2],
  );
  for (const solver of [odeint, odeintAdjoint]) {
    const opt = tf.train.adam(1e-2);
    const counts: number[] = [];
    for (let it = 0; it < 15; it++) {
      opt.minimize(
        () =>
          tf.mean(
            tf.square(tf.sub(solver(field, tf.tensor2d(y0Values), t, { method: "RK4", step: 0.1 }), target)),
          ) as tf.Scalar,
      );
      counts.push(tf.memory().numTensors);
    }
    assert.equal(counts[14], counts[4], `${solver.name}: numTensors ${counts.join(",")}`);
    opt.dispose();
  }
});

test("adjoint memory does not grow with the number of steps; backprop's does (float64 buffers held for the gradient)", () => {
  // The solve keeps for its gradient only float64 arrays (no tensors): the discrete method each
  // evaluation's state and activations, the adjoint (z integrated backwards, Chen et al. 2018,
  // Algorithm 1) only the outputs. Their backing stores are counted by arrayBuffers; a batch of
  // 64 makes each evaluation's record a few KB.
  const field = makeField(13);
  const y0 = Array.from({ length: 64 }, (_, i) => [Math.sin(i), Math.cos(i)]);
  const held = (solver: typeof odeint, step: number) => {
    let bytes = 0;
    const { value, grads } = tf.variableGrads(() => {
      const base = process.memoryUsage().arrayBuffers;
      const out = solver(field, tf.tensor2d(y0), t, { method: "RK4", step });
      bytes = process.memoryUsage().arrayBuffers - base;
      return loss(out);
    }, field.variables);
    tf.dispose([value, grads]);
    return bytes;
  };
  const [b1, b2] = [held(odeint, 0.05), held(odeint, 0.0125)];
  const [a1, a2] = [held(odeintAdjoint, 0.05), held(odeintAdjoint, 0.0125)];
  assert.ok(b2 > 2.5 * b1, `backprop holds ${b1} → ${b2} bytes for 4× the steps`);
  assert.ok(a2 < 1.3 * a1, `adjoint holds ${a1} → ${a2} bytes for 4× the steps`);
  assert.ok(a2 < 0.2 * b2, `adjoint ${a2} bytes against backprop's ${b2}`);
});

test("bad input: wrong y0 shape, non-monotone t, unknown method name the argument", () => {
  const field = makeField();
  assert.throws(
    () => odeint(field, tf.tensor2d([[1, 2, 3]]), t),
    /invalid argument y0: must be \[batch, 2\], got \[1, 3\]/,
  );
  assert.throws(
    () => odeint(field, tf.tensor2d(y0Values), [0, 1, 0.5]),
    /invalid argument t: must be strictly monotone; entry 2 is 0.5 after 1/,
  );
  assert.throws(
    () => odeint(field, tf.tensor2d(y0Values), t, { method: "rk4" as "RK4" }),
    /invalid argument method: unknown method "rk4"; expected one of Euler, Midpoint, RK4, BS3, DOPRI5, Tsit5, DOP853, Rodas5, BDF, Auto/,
  );
  assert.throws(() => mlpField({ dim: 2, hidden: [0], seed: 1 }), /invalid argument hidden: entry 0 is 0/);
});
