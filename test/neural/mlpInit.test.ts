import { test } from "node:test";
import assert from "node:assert/strict";
import { mlpField, mlp64 } from "../../lib/neural/index";

/** Sample mean and standard deviation. */
function moments(x: ArrayLike<number>): { mean: number; std: number } {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i] / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - m) ** 2 / (n - 1);
  return { mean: m, std: Math.sqrt(v) };
}

test("mlpField initStd draws N(0, std²) weights and zero biases (4000 weights: std within 5 %, |mean| < 4 standard errors)", () => {
  // Standard error of the sample std of n normal draws ≈ σ/√(2n) = 1.1 % for n = 4000: 5 % is 4.5 SE.
  const field = mlpField({ dim: 2, hidden: [2000], seed: 3, initStd: 0.1 });
  const w0 = field.variables[0].dataSync();
  const { mean, std } = moments(w0);
  assert.equal(w0.length, 4000);
  assert.ok(Math.abs(std - 0.1) <= 0.05 * 0.1, `std ${std}`);
  assert.ok(Math.abs(mean) <= (4 * 0.1) / Math.sqrt(4000), `mean ${mean}`);
  assert.ok(field.variables[1].dataSync().every((b) => b === 0));
  // Same seed, same weights; the default stays Glorot uniform, U(±√(6/(fanIn+fanOut))) (Glorot & Bengio 2010).
  assert.deepEqual(mlpField({ dim: 2, hidden: [2000], seed: 3, initStd: 0.1 }).variables[0].dataSync(), w0);
  const glorot = mlpField({ dim: 2, hidden: [2000], seed: 3 }).variables[0].dataSync();
  const limit = Math.sqrt(6 / 2002);
  assert.ok(glorot.every((w) => Math.abs(w) <= limit));
  const g = moments(glorot);
  assert.ok(Math.abs(g.std - limit / Math.sqrt(3)) <= 0.05 * (limit / Math.sqrt(3)), `Glorot std ${g.std}`);
  // The float64 twin draws the very same weights (float32 values widened exactly), either way.
  assert.deepEqual(
    mlp64({ dim: 2, hidden: [2000], seed: 3, initStd: 0.1 }).parameters.subarray(0, 4000),
    Float64Array.from(w0),
  );
  assert.deepEqual(mlp64({ dim: 2, hidden: [2000], seed: 3 }).parameters.subarray(0, 4000), Float64Array.from(glorot));
});
