import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mlpField, toField64 } from "../../lib/neural/index";
import { lossAndGradient, adjoint } from "../../lib/sensitivity/index";
import { ready } from "../../lib/neural/backend";
import { solveIVP } from "../../lib/index";

before(async () => {
  await ready();
});

// Rodas5 differences ∂f/∂t one-sidedly. The adjoint's backward solve over [1e-8, 0] interpolates
// the forward solution, which starts at t = 0; a probe at t − √u·max(1, |t|) ≈ −5e-9 fell
// before it and the gradient threw a RangeError.
test("fused adjoint through Rodas5 with an observation at t = 1e-8: gradient matches central differences (1e-5 of the largest)", () => {
  // Time-dependent field, so ∂f/∂t (and where it is probed) enters the backward solve.
  const field = toField64(mlpField({ dim: 2, hidden: [6], activation: "tanh", timeDependent: true, seed: 11 }));
  const t = [0, 1e-8, 0.5, 1];
  const y0 = Float64Array.from([0.7, -0.3]);
  const targets = t.map((s) => Float64Array.from([Math.cos(s), Math.sin(s)]));
  // Both parameter adjoints: the quadrature (Rodas5's default) and [a, a_θ] through the solver.
  const grads = (["quadrature", "augmented"] as const).map(
    (parameters) =>
      lossAndGradient(field, y0, t, targets, {
        solver: { method: "Rodas5", rtol: 1e-10, atol: 1e-12 },
        gradient: adjoint({ parameters }),
        loss: "mse",
      }).grads,
  );
  const eps = 1e-6;
  const tight = {
    solver: { method: "DOP853" as const, rtol: 1e-13, atol: 1e-14 },
    gradient: adjoint(),
    loss: "mse" as const,
  };
  const fd = Array.from({ length: field.parameters.length }, (_, p) => {
    const keep = field.parameters[p];
    field.parameters[p] = keep + eps;
    const lp = lossAndGradient(field, y0, t, targets, tight).loss;
    field.parameters[p] = keep - eps;
    const lm = lossAndGradient(field, y0, t, targets, tight).loss;
    field.parameters[p] = keep;
    return (lp - lm) / (2 * eps);
  });
  const scale = Math.max(...fd.map(Math.abs));
  assert.ok(scale > 1e-3, `gradient scale ${scale}`);
  for (const g of grads)
    g.forEach((x, i) =>
      assert.ok(Math.abs(x - fd[i]) <= 1e-5 * scale, `θ[${i}]: adjoint ${x}, central difference ${fd[i]}`),
    );
});

test("Rodas5 evaluates f only inside [t0, tBound], forward and backward, on spans shorter than its ∂f/∂t probe", () => {
  for (const [t0, t1] of [
    [0, 1e-8],
    [1e-8, 0],
    [5, 5 + 1e-9],
    [-3, -3 - 1e-9],
  ] as const) {
    const lo = Math.min(t0, t1);
    const hi = Math.max(t0, t1);
    const seen: number[] = [];
    // y' = −(1 + t)·y: time-dependent, so ∂f/∂t ≠ 0 is probed.
    const f = (t: number, y: Float64Array, d: Float64Array) => {
      seen.push(t);
      if (t < lo || t > hi) throw new RangeError(`f called at t=${t}, outside [${lo}, ${hi}]`);
      d[0] = -(1 + t) * y[0];
    };
    const r = solveIVP(f, [t0, t1], [1], { method: "Rodas5", rtol: 1e-10, atol: 1e-12 });
    assert.equal(r.status, "success", r.message);
    // Exact: y = exp(−(t − t0) − (t² − t0²)/2).
    const exact = Math.exp(-(t1 - t0) - (t1 * t1 - t0 * t0) / 2);
    assert.ok(Math.abs(r.y.at(-1)![0] - exact) < 1e-14, `y(${t1}) = ${r.y.at(-1)![0]} vs ${exact}`);
    assert.ok(seen.length > 0);
  }
});
