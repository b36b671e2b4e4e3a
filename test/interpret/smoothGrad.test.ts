import { test } from "node:test";
import assert from "node:assert/strict";
import type { AttributionTarget } from "../../lib/interpret/target";
import { smoothGrad, noisyPoints } from "../../lib/interpret/smoothGrad";
import { saliency } from "../../lib/interpret/saliency";
import { A3, expm, linearField, mlpCase, relError } from "./fixtures";

const w = Float64Array.from([0.5, -1, 2]);
/** F(y0) = (wᵀy(T))² = (vᵀy0)², v = e^{TAᵀ}w, for y' = Ay: a quadratic with ∇F(x) = 2v vᵀx. */
const squaredProjection: AttributionTarget = {
  scalar: (y) => {
    const yT = y[y.length - 1];
    const s = w[0] * yT[0] + w[1] * yT[1] + w[2] * yT[2];
    const cot: (Float64Array | null)[] = y.map(() => null);
    cot[y.length - 1] = w.map((wi) => 2 * s * wi);
    return { value: s * s, cotangents: cot };
  },
};

test("quadratic F: SmoothGrad = ∇F at the mean noisy point exactly (1e-9), and within 4 standard errors of ∇F(x), whose error falls as 1/√n", () => {
  const field = linearField();
  const x = Float64Array.from([1, -0.5, 2]);
  const t = [0, 1];
  const E = expm(A3, 1);
  const v = [0, 1, 2].map((i) => E[i] * w[0] + E[3 + i] * w[1] + E[6 + i] * w[2]);
  const grad = (p: ArrayLike<number>) => {
    const s = v[0] * p[0] + v[1] * p[1] + v[2] * p[2];
    return v.map((vi) => 2 * s * vi);
  };
  const sigma = 0.3;
  const solver = { method: "DOPRI5" as const, rtol: 1e-12, atol: 1e-14 };
  const errors: number[] = [];
  for (const samples of [100, 1600]) {
    const r = smoothGrad(field, x, t, squaredProjection, { sigma, samples, seed: 7, solver });
    const pts = noisyPoints(x, new Float64Array(3).fill(sigma), samples, 7).slice(1);
    const mean = [0, 1, 2].map((i) => pts.reduce((a, p) => a + p[i], 0) / samples);
    assert.ok(
      relError(r.attributions, grad(mean)) < 1e-9,
      `vs ∇F(mean point): ${relError(r.attributions, grad(mean))}`,
    );
    const exact = grad(x);
    for (let i = 0; i < 3; i++)
      assert.ok(
        Math.abs(r.attributions[i] - exact[i]) < 4 * r.standardError[i],
        `n = ${samples}, input ${i}: ${r.attributions[i]} vs ${exact[i]} (se ${r.standardError[i]})`,
      );
    errors.push(Math.hypot(...[0, 1, 2].map((i) => r.standardError[i])));
  }
  // 16× the samples: the standard error falls by ≈ 4 (1/√n), here between 3 and 5.3.
  const ratio = errors[0] / errors[1];
  assert.ok(ratio > 3 && ratio < 5.3, `standard error ratio ${ratio}`);
});

test("SmoothGrad is seeded (same seed: identical; another seed: different), σ = 0 gives saliency, and batched = one by one (RK4, 1e-13)", () => {
  const { field, y0, t } = mlpCase();
  const solver = { method: "RK4" as const, step: 0.05 };
  const target = { component: 1 };
  const a = smoothGrad(field, y0, t, target, { sigma: 0.1, samples: 20, seed: 3, solver });
  const b = smoothGrad(field, y0, t, target, { sigma: 0.1, samples: 20, seed: 3, solver });
  const c = smoothGrad(field, y0, t, target, { sigma: 0.1, samples: 20, seed: 4, solver });
  assert.deepEqual(Array.from(a.attributions), Array.from(b.attributions));
  assert.ok(relError(a.attributions, c.attributions) > 1e-4, "another seed, other noise");
  const s = saliency(field, y0, t, target, { solver });
  const zero = smoothGrad(field, y0, t, target, { sigma: 0, samples: 5, solver });
  assert.ok(relError(zero.attributions, s.gradient) < 1e-13, `σ = 0: ${relError(zero.attributions, s.gradient)}`);
  const one = smoothGrad(field, y0, t, target, { sigma: 0.1, samples: 20, seed: 3, solver, batch: false });
  assert.ok(
    relError(one.attributions, a.attributions) < 1e-13,
    `batched vs not ${relError(one.attributions, a.attributions)}`,
  );
  // 301 points: chunks of MAX_BATCH (256) states, two solves, the same numbers as one by one.
  const many = smoothGrad(field, y0, t, target, { sigma: 0.1, samples: 300, seed: 3, solver });
  assert.equal(many.stats.solves, 2);
  const manyOne = smoothGrad(field, y0, t, target, { sigma: 0.1, samples: 300, seed: 3, solver, batch: false });
  assert.ok(relError(many.attributions, manyOne.attributions) < 1e-13);
  const p = smoothGrad(field, y0, t, target, { wrt: "parameters", sigma: 0.01, samples: 4, seed: 1, solver });
  assert.equal(p.attributions.length, field.parameters.length);
});
