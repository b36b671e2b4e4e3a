import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { mlpField, FusedMlp, fusedAdjointLoss } from "../../lib/neural/index";
import { solveIVP } from "../../lib/index";
import { ready } from "../../lib/neural/backend";

before(async () => {
  await ready();
});

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
  const mlp = new FusedMlp(stiffField());
  const t = [0, 0.05, 0.1];
  const y0 = Float64Array.from([2, 0]);
  const targets = [Float64Array.from([2, 0]), Float64Array.from([1, 0.9]), Float64Array.from([0.9, 0.9])];
  const tight = { rtol: 1e-10, atol: 1e-12, loss: "mse" as const };
  const eps = 1e-6;
  const fd = Array.from({ length: mlp.nParams }, (_, p) => {
    const keep = mlp.theta[p];
    mlp.theta[p] = keep + eps;
    const lp = fusedAdjointLoss(mlp, y0, t, targets, { ...tight, method: "BDF" }).loss;
    mlp.theta[p] = keep - eps;
    const lm = fusedAdjointLoss(mlp, y0, t, targets, { ...tight, method: "BDF" }).loss;
    mlp.theta[p] = keep;
    return (lp - lm) / (2 * eps);
  });
  const scale = Math.max(...fd.map(Math.abs));
  // Rodas5 interpolates z(t) with its 4th-order dense output across the fast transient: 3% here.
  for (const [method, tol] of [
    ["BDF", 2e-3],
    ["Rodas5", 3e-2],
  ] as const) {
    const g = fusedAdjointLoss(mlp, y0, t, targets, { method, rtol: 1e-8, atol: 1e-10, loss: "mse" });
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
