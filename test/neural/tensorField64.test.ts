import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import { mlpField } from "../../lib/neural/fields/mlpField";
import { toField64 } from "../../lib/neural/fields/toField64";
import type { VectorField } from "../../lib/neural/fields/field";
import { tensorField64 } from "../../lib/neural/fields/tensorField64";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";

before(async () => {
  await ready();
});

/** max |x − y| ≤ tol · max(1, max |y|): float32 evaluations against float64 ones. */
function close(x: ArrayLike<number>, y: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(x.length, y.length, `${what}: lengths`);
  let scale = 1;
  for (let i = 0; i < y.length; i++) scale = Math.max(scale, Math.abs(y[i]));
  for (let i = 0; i < y.length; i++)
    assert.ok(Math.abs(x[i] - y[i]) <= tol * scale, `${what}[${i}]: ${x[i]} vs ${y[i]} (tol ${tol}·${scale})`);
}

const field = () =>
  mlpField({ dim: 3, hidden: [7, 5], activation: "tanh", timeDependent: true, inputTransform: "cube", seed: 4 });
const y = new Float64Array([0.3, -0.8, 0.5, 1.1, 0.2, -0.4]);
const t = 0.35;

test("tensorField64 of an mlpField equals FusedMlp on the same weights: forward, vjp, jacobian, jvp (float32 level, 2e-6)", () => {
  const f = field();
  const a64 = tensorField64(f);
  const ref = toField64(f);
  assert.equal(ref.constructor.name, "FusedMlp");
  const n = y.length;
  const P = a64.parameters.length;
  assert.equal(P, ref.parameters.length);
  // The float64 copy holds the float32 weights exactly.
  const flat = f.variables.flatMap((v) => Array.from(v.dataSync()));
  assert.deepEqual(Array.from(a64.parameters), flat);
  const out = new Float64Array(n);
  const outRef = new Float64Array(n);
  a64.forward(t, y, out);
  ref.forward(t, y, outRef);
  close(out, outRef, 2e-6, "forward");
  // vjp: f, aᵀ∂f/∂y and scale·aᵀ∂f/∂θ added to what gTheta holds.
  const a = new Float64Array([0.7, -0.2, 0.4, -1.3, 0.9, 0.1]);
  const [fo, gy, gT] = [new Float64Array(n), new Float64Array(n), new Float64Array(P).fill(0.5)];
  const [foR, gyR, gTR] = [new Float64Array(n), new Float64Array(n), new Float64Array(P).fill(0.5)];
  a64.vjp(t, y, a, fo, gy, gT, 2);
  ref.vjp(t, y, a, foR, gyR, gTR, 2);
  close(fo, foR, 2e-6, "vjp f");
  close(gy, gyR, 2e-6, "vjp gy");
  close(gT, gTR, 2e-6, "vjp gTheta");
  // Jacobians: ∂f/∂y (block diagonal over the batch) alone, and with ∂f/∂θ.
  const [jy, jyR] = [new Float64Array(n * n).fill(9), new Float64Array(n * n)];
  a64.jacobian(t, y, jy, null);
  ref.jacobian(t, y, jyR, null);
  close(jy, jyR, 2e-6, "jacobian jy");
  const [jy2, jT, jTR] = [new Float64Array(n * n), new Float64Array(n * P).fill(9), new Float64Array(n * P)];
  a64.jacobian(t, y, jy2, jT);
  ref.jacobian(t, y, jyR, jTR);
  close(jy2, jyR, 2e-6, "jacobian jy (with θ)");
  close(jT, jTR, 2e-6, "jacobian jTheta");
  // jvp against the reference Jacobians: ∂f/∂y·v (+ ∂f/∂θ·vθ).
  const v = new Float64Array([0.2, 0.1, -0.5, 0.3, -0.7, 0.6]);
  const vT = Float64Array.from({ length: P }, (_, i) => Math.sin(i + 1));
  const want = new Float64Array(n);
  const wantT = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) want[r] += jyR[r * n + c] * v[c];
    wantT[r] = want[r];
    for (let p = 0; p < P; p++) wantT[r] += jTR[r * P + p] * vT[p];
  }
  const [jv, jvT, fj] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  a64.jvp(t, y, v, null, null, jv);
  a64.jvp(t, y, v, vT, fj, jvT);
  close(jv, want, 2e-6, "jvp");
  close(jvT, wantT, 2e-6, "jvp with vTheta");
  close(fj, outRef, 2e-6, "jvp f");
  // Duality uᵀ(J v) = (uᵀJ)·v between its own jvp and vjp (float32 round-off).
  const gyA = new Float64Array(n);
  a64.vjp(t, y, a, fo, gyA, new Float64Array(P), 1);
  let lhs = 0;
  let rhs = 0;
  for (let i = 0; i < n; i++) {
    lhs += a[i] * jv[i];
    rhs += gyA[i] * v[i];
  }
  assert.ok(Math.abs(lhs - rhs) <= 1e-5 * Math.max(1, Math.abs(lhs)), `duality ${lhs} vs ${rhs}`);
});

test("tensorField64: unused parameters and an ignored state get zero derivatives (torchdiffeq's allow_unused)", () => {
  const c = tf.variable(tf.tensor2d([[0.5, -2]]), true, "tf64_c");
  const unused = tf.variable(tf.tensor1d([3, 4, 5]), true, "tf64_unused");
  const f: VectorField = {
    dim: 2,
    variables: [c, unused],
    apply: (_t, yy, p) => tf.mul(tf.onesLike(yy), p[0]) as tf.Tensor2D,
    forward: (tt, yy) => f.apply(tt, yy, f.variables),
  };
  const a64 = tensorField64(f);
  const yy = new Float64Array([1, 2, 3, 4]);
  const [fo, gy, gT] = [new Float64Array(4), new Float64Array(4).fill(7), new Float64Array(5)];
  a64.vjp(0, yy, new Float64Array([1, 2, 3, 4]), fo, gy, gT, 1);
  assert.deepEqual(Array.from(fo), [0.5, -2, 0.5, -2]);
  assert.deepEqual(Array.from(gy), [0, 0, 0, 0]);
  // ∂/∂c of Σ_b a_b·c = Σ_b a_b; nothing for the unused variable.
  assert.deepEqual(Array.from(gT), [4, 6, 0, 0, 0]);
});

test("tensorField64: parameters changed in place are written into the tfjs variables (float32) before the next evaluation; sync reads them back", () => {
  const f = field();
  const a64 = tensorField64(f);
  const w = f.variables[2];
  const offset = f.variables[0].size + f.variables[1].size;
  const k = offset + 5;
  const before = a64.parameters[k];
  a64.parameters[k] = before + 0.1;
  const out = new Float64Array(y.length);
  a64.forward(t, y, out);
  assert.equal(w.dataSync()[5], Math.fround(before + 0.1));
  const ref = toField64(f);
  const outRef = new Float64Array(y.length);
  ref.forward(t, y, outRef);
  close(out, outRef, 2e-6, "forward after the write");
  w.assign(tf.zerosLike(w));
  a64.sync();
  assert.equal(a64.parameters[k], 0);
});

test("tensorField64 keeps tf.memory().numTensors flat over every method", () => {
  const f = field();
  const a64 = tensorField64(f);
  const n = y.length;
  const P = a64.parameters.length;
  const once = () => {
    const b = new Float64Array(n);
    a64.forward(t, y, b);
    a64.vjp(t, y, y, b, new Float64Array(n), new Float64Array(P), 1);
    a64.jacobian(t, y, new Float64Array(n * n), new Float64Array(n * P));
    a64.jvp(t, y, y, new Float64Array(P).fill(1), b, new Float64Array(n));
  };
  once();
  const start = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) once();
  assert.equal(tf.memory().numTensors, start);
});

test("tensorField64: wrong types are TypeErrors, wrong lengths RangeErrors naming the buffer, the lengths and t", () => {
  const a64 = tensorField64(field());
  const n = y.length;
  assert.throws(
    () => tensorField64({} as VectorField),
    (e: unknown) => e instanceof OdeTypeError && /invalid argument field: expected a VectorField/.test(String(e)),
  );
  assert.throws(
    () => a64.forward(0.5, new Float64Array(4), new Float64Array(4)),
    (e: unknown) =>
      e instanceof OdeArgumentError &&
      /invalid argument y: tensorField64.forward needs B·3 entries, got 4 \(at t = 0.5\)/.test(String(e)),
  );
  assert.throws(
    () => a64.forward(0.5, y, new Float64Array(n - 1)),
    (e: unknown) =>
      e instanceof OdeArgumentError &&
      /invalid argument out: tensorField64.forward needs length 6, got 5 \(at t = 0.5\)/.test(String(e)),
  );
  assert.throws(
    () => a64.forward(0.5, [1, 2, 3] as unknown as Float64Array, new Float64Array(3)),
    (e: unknown) =>
      e instanceof OdeTypeError && /invalid argument y: tensorField64.forward expects a Float64Array/.test(String(e)),
  );
  const P = a64.parameters.length;
  assert.throws(
    () => a64.vjp(0, y, y, new Float64Array(n), new Float64Array(n), new Float64Array(P + 1), 1),
    new RegExp(`invalid argument gTheta: tensorField64.vjp needs length ${P}, got ${P + 1} \\(at t = 0\\)`),
  );
  assert.throws(
    () => a64.jacobian(0, y, new Float64Array(n * n), new Float64Array(3)),
    new RegExp(`invalid argument jTheta: tensorField64.jacobian needs length ${n * P}, got 3`),
  );
  assert.throws(
    () => a64.jvp(0, y, new Float64Array(2), null, null, new Float64Array(n)),
    /invalid argument v: tensorField64.jvp needs length 6, got 2/,
  );
  const bad: VectorField = {
    dim: 2,
    variables: [],
    apply: (_t, yy) => tf.concat([yy, yy], 1) as tf.Tensor2D,
    forward: (tt, yy) => bad.apply(tt, yy, []),
  };
  assert.throws(
    () => tensorField64(bad).forward(1, new Float64Array(2), new Float64Array(2)),
    /invalid argument field: apply must return \[1, 2\], got \[1, 4\] \(at t = 1\)/,
  );
});
