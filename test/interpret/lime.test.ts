import { test } from "node:test";
import assert from "node:assert/strict";
import { lime } from "../../lib/interpret/lime";
import { limeSolve } from "../../lib/interpret/limeSolve";
import { saliency } from "../../lib/interpret/saliency";
import { A3, abcField, expm, linearField, relError } from "./fixtures";

/** A sparse linear model in 8 features: only 1, 4 and 6 matter. */
const w = Float64Array.from([0, 2.5, 0, 0, -1.5, 0, 0.8, 0]);
const linear = (x: Float64Array) => 3 + x.reduce((a, xi, i) => a + w[i] * xi, 0);
const x0 = Float64Array.from([1, -2, 0.5, 3, 0, 1, -1, 2]);

test("LIME on a sparse linear model: forward selection picks features {1, 4, 6}, coefficients = w (1e-10), intercept = f(x0), R² = 1 (1e-12)", () => {
  const r = lime(linear, x0, { width: 0.5, samples: 400, features: 3, seed: 11 });
  assert.deepEqual([...r.selected].sort(), [1, 4, 6]);
  assert.ok(relError(r.coefficients, w) < 1e-10, `${Array.from(r.coefficients)}`);
  assert.ok(Math.abs(r.intercept - linear(x0)) < 1e-10, `intercept ${r.intercept} vs ${linear(x0)}`);
  assert.ok(Math.abs(r.r2 - 1) < 1e-12, `R² ${r.r2}`);
  assert.equal(r.kernelWidth, 0.75 * Math.sqrt(8));
  // Forward selection adds the feature explaining most first: |w_i|·width largest.
  assert.equal(r.selected[0], 1);
});

test("LIME with a per-feature width and a small nonlinear term still picks the true features, coefficients within 2 % of w, R² > 0.99; too few features: R² < 0.9", () => {
  const f = (x: Float64Array) => linear(x) + 0.05 * Math.sin(3 * x[2]) * x[7];
  const width = [0.2, 0.4, 0.3, 0.1, 0.5, 0.2, 0.6, 0.3];
  const r = lime(f, x0, { width, samples: 1500, features: 3, seed: 5 });
  assert.deepEqual([...r.selected].sort(), [1, 4, 6]);
  for (const i of [1, 4, 6])
    assert.ok(Math.abs(r.coefficients[i] - w[i]) < 0.02 * Math.abs(w[i]), `coef ${i}: ${r.coefficients[i]}`);
  assert.ok(r.r2 > 0.99, `R² ${r.r2}`);
  const one = lime(f, x0, { width, samples: 1500, features: 1, seed: 5 });
  // Standardized effects |w_i|·width_i: 1.0 (feature 1), 0.75 (4), 0.48 (6).
  assert.deepEqual(one.selected, [1]);
  assert.ok(one.r2 < 0.9, `one feature: R² ${one.r2}`);
});

test("LIME is seeded: same seed, identical result; another seed, other samples", () => {
  const f = (x: Float64Array) => Math.exp(0.3 * x[0]) * x[1] + x[2] ** 2;
  const a = lime(f, [0.5, 1, -1], { width: 0.3, samples: 200, seed: 1 });
  const b = lime(f, [0.5, 1, -1], { width: 0.3, samples: 200, seed: 1 });
  const c = lime(f, [0.5, 1, -1], { width: 0.3, samples: 200, seed: 2 });
  assert.deepEqual(a, b);
  assert.ok(relError(a.coefficients, c.coefficients) > 1e-6);
});

test("limeSolve: F = wᵀy(T) of y' = Ay is linear in y0, so LIME's coefficients are (e^{TA})ᵀw (1e-8) with R² = 1; w.r.t. A → B → C's rate constants (width 1e-4) they approach ∂C/∂k (rel 1e-3)", () => {
  const field = linearField();
  const wt = Float64Array.from([0.5, -1, 2]);
  const target = {
    scalar: (y: readonly Float64Array[]) => {
      const yT = y[y.length - 1];
      const cot: (Float64Array | null)[] = y.map(() => null);
      cot[y.length - 1] = wt;
      return { value: wt[0] * yT[0] + wt[1] * yT[1] + wt[2] * yT[2], cotangents: cot };
    },
  };
  const solver = { method: "DOPRI5" as const, rtol: 1e-12, atol: 1e-14 };
  const r = limeSolve(field, Float64Array.from([1, -0.5, 2]), [0, 1], target, { width: 0.2, samples: 300, solver });
  const E = expm(A3, 1);
  const v = [0, 1, 2].map((i) => E[i] * wt[0] + E[3 + i] * wt[1] + E[6 + i] * wt[2]);
  assert.ok(relError(r.coefficients, v) < 1e-8, `${Array.from(r.coefficients)} vs ${v}`);
  assert.ok(Math.abs(r.r2 - 1) < 1e-10, `R² ${r.r2}`);

  const abc = abcField(0.7, 0.25);
  const y0 = Float64Array.from([1, 0, 0]);
  const o = { wrt: "parameters" as const, solver };
  const l = limeSolve(abc, y0, [0, 4], { component: 2 }, { ...o, width: 1e-4, samples: 200 });
  const s = saliency(abc, y0, [0, 4], { component: 2 }, o);
  assert.ok(relError(l.coefficients, s.gradient) < 1e-3, `${Array.from(l.coefficients)} vs ${Array.from(s.gradient)}`);
  assert.deepEqual(Array.from(abc.parameters), [0.7, 0.25]);
});
