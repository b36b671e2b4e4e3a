import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import {
  mlpField,
  mlp64,
  hybrid64,
  toField64,
  hybridField,
  hamiltonianField,
  storeParameters,
  float64Rhs,
  float64Jacobian,
  advanced,
} from "../../lib/neural/index";

const { syncParameters, splitGradient, FusedMlp, FusedHybrid } = advanced;
import type { Activation, MlpOptions } from "../../lib/neural/index";
import type { Field64 } from "../../lib/sensitivity/field64";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";

before(async () => {
  await ready();
});

/** The thrown error is of `kind` (a TypeError or RangeError subclass) and its message matches. */
function throwsTyped(fn: () => unknown, kind: typeof OdeArgumentError | typeof OdeTypeError, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof kind, `${(e as Error).name}: ${(e as Error).message}`);
    assert.ok(kind === OdeTypeError ? e instanceof TypeError : e instanceof RangeError);
    assert.match((e as Error).message, message);
    return true;
  });
}

/** A smooth deterministic vector (no random draw needed). */
const wave = (n: number, phase: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + phase));

// Known physics y' = A y + (y0·y1, 0, …): linear plus a quadratic term, so its Jacobian depends on y.
const known = {
  rhs: (_t: number, y: Float64Array, d: Float64Array) => {
    for (let i = 0; i < y.length; i++) d[i] = -0.5 * y[i] + 0.2 * y[(i + 1) % y.length];
    d[0] += y[0] * y[1];
  },
  jacobian: (_t: number, y: Float64Array, J: Float64Array) => {
    const n = y.length;
    J.fill(0);
    for (let i = 0; i < n; i++) {
      J[i * n + i] += -0.5;
      J[i * n + ((i + 1) % n)] += 0.2;
    }
    J[0] += y[1];
    J[1] += y[0];
  },
};
const knownTf = (_t: number, y: tf.Tensor2D) =>
  tf.tidy(() => {
    const n = y.shape[1];
    const shifted = tf.concat([y.slice([0, 1], [-1, n - 1]), y.slice([0, 0], [-1, 1])], 1);
    const quad = tf.concat(
      [tf.mul(y.slice([0, 0], [-1, 1]), y.slice([0, 1], [-1, 1])), tf.zeros([y.shape[0], n - 1])],
      1,
    );
    return tf.add(tf.add(tf.mul(-0.5, y), tf.mul(0.2, shifted)), quad) as tf.Tensor2D;
  });

/** Fields under test: every activation, time dependence, the cube transform, a hybrid. */
function cases(): { name: string; field: Field64 }[] {
  const out: { name: string; field: Field64 }[] = [];
  const acts: Activation[] = ["tanh", "relu", "softplus", "sigmoid", "elu", "identity"];
  acts.forEach((activation, k) =>
    out.push({
      name: `${activation}${k % 2 ? ", cube, t" : ""}`,
      field: mlp64({
        dim: 3,
        hidden: [5, 4],
        activation,
        seed: 3 + k,
        timeDependent: k % 2 === 1,
        inputTransform: k % 2 ? "cube" : "identity",
      }),
    }),
  );
  const nn = mlpField({ dim: 3, hidden: [6], activation: "tanh", seed: 9, timeDependent: true });
  out.push({ name: "hybrid", field: toField64(hybridField(knownTf, nn, known)) });
  return out;
}

const y = Float64Array.from([0.4, -0.7, 0.9, -0.2, 0.35, 0.6]); // a batch of two 3-d states, off relu's kink
const T = 0.3;

test("jvp equals central differences of forward (rel. 1e-7) and the Jacobians' product (1e-12), in y and θ, every activation and a hybrid", () => {
  for (const { name, field } of cases()) {
    const n = y.length;
    const P = field.parameters.length;
    const v = wave(n, 0.2);
    const vTheta = wave(P, 1.1);
    const out = new Float64Array(n);
    field.jvp(T, y, v, vTheta, null, out);
    // Central differences along (v, vTheta): error O(h²) ≈ 1e-12 and round-off ≈ 1e-16/h ≈ 1e-10.
    const h = 1e-6;
    const keep = field.parameters.slice();
    const fp = new Float64Array(n);
    const fm = new Float64Array(n);
    for (const sgn of [1, -1]) {
      for (let p = 0; p < P; p++) field.parameters[p] = keep[p] + sgn * h * vTheta[p];
      field.forward(
        T,
        Float64Array.from(y, (x, i) => x + sgn * h * v[i]),
        sgn > 0 ? fp : fm,
      );
    }
    field.parameters.set(keep);
    // ∂f/∂y·v + ∂f/∂θ·vTheta from the (reverse-mode) Jacobians.
    const jy = new Float64Array(n * n);
    const jTheta = new Float64Array(n * P);
    field.jacobian(T, y, jy, jTheta);
    let scale = 0;
    for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(out[i]));
    assert.ok(scale > 0.1, `${name}: jvp scale ${scale}`);
    for (let i = 0; i < n; i++) {
      const fd = (fp[i] - fm[i]) / (2 * h);
      assert.ok(Math.abs(out[i] - fd) <= 1e-7 * scale, `${name} row ${i}: jvp ${out[i]}, central difference ${fd}`);
      let viaJ = 0;
      for (let j = 0; j < n; j++) viaJ += jy[i * n + j] * v[j];
      for (let p = 0; p < P; p++) viaJ += jTheta[i * P + p] * vTheta[p];
      assert.ok(Math.abs(out[i] - viaJ) <= 1e-12 * scale, `${name} row ${i}: jvp ${out[i]}, Jacobians ${viaJ}`);
    }
    // vTheta null is the state part alone: the same as a zero vTheta, and as ∂f/∂y·v.
    const outY = new Float64Array(n);
    const outZero = new Float64Array(n);
    field.jvp(T, y, v, null, null, outY);
    field.jvp(T, y, v, new Float64Array(P), null, outZero);
    for (let i = 0; i < n; i++) {
      let viaJ = 0;
      for (let j = 0; j < n; j++) viaJ += jy[i * n + j] * v[j];
      assert.equal(outY[i], outZero[i], `${name} row ${i}: vTheta null vs zeros`);
      assert.ok(Math.abs(outY[i] - viaJ) <= 1e-12 * scale, `${name} row ${i}: state jvp ${outY[i]}, ∂f/∂y·v ${viaJ}`);
    }
  }
});

test("duality: u·jvp(v, vθ) = vjp(u)·v + vjpθ(u)·vθ to 1e-12 (relative), and jvp's f is forward's, bit for bit", () => {
  for (const { name, field } of cases()) {
    const n = y.length;
    const P = field.parameters.length;
    for (const phase of [0, 0.7, 2.1]) {
      const u = wave(n, phase + 0.4);
      const v = wave(n, phase);
      const vTheta = wave(P, phase + 1.9);
      const jv = new Float64Array(n);
      const fJ = new Float64Array(n);
      field.jvp(T, y, v, vTheta, fJ, jv);
      const f = new Float64Array(n);
      const gy = new Float64Array(n);
      const gTheta = new Float64Array(P);
      field.vjp(T, y, u, f, gy, gTheta, 1);
      let lhs = 0;
      let rhs = 0;
      let mag = 0;
      for (let i = 0; i < n; i++) {
        lhs += u[i] * jv[i];
        rhs += gy[i] * v[i];
        mag += Math.abs(u[i] * jv[i]) + Math.abs(gy[i] * v[i]);
      }
      for (let p = 0; p < P; p++) {
        rhs += gTheta[p] * vTheta[p];
        mag += Math.abs(gTheta[p] * vTheta[p]);
      }
      assert.ok(Math.abs(lhs - rhs) <= 1e-12 * mag, `${name}: u·Jv ${lhs}, (Jᵀu)·v ${rhs} (magnitude ${mag})`);
      const fwd = new Float64Array(n);
      field.forward(T, y, fwd);
      assert.deepEqual(fJ, fwd, `${name}: f from jvp`);
      assert.deepEqual(f, fwd, `${name}: f from vjp`);
    }
  }
});

test("mlp64 has mlpField's weights for the same seed (float32 draws widened exactly), Glorot and N(0, initStd²), and the same option errors", () => {
  const opts: MlpOptions[] = [
    { dim: 2, hidden: [50], activation: "tanh", seed: 0 },
    { dim: 3, hidden: [8, 7], activation: "softplus", timeDependent: true, seed: 12 },
    { dim: 2, hidden: [16], activation: "tanh", inputTransform: "cube", seed: 1, initStd: 0.1 },
    { dim: 2, hidden: [], activation: "identity", seed: 5, initStd: 0.3 },
  ];
  for (const o of opts) {
    const field = mlpField(o);
    const f64 = mlp64(o);
    assert.ok(f64 instanceof FusedMlp);
    assert.deepEqual(f64.parameters, toField64(field).parameters, JSON.stringify(o));
    assert.deepEqual(
      Array.from(f64.parameters),
      field.variables.flatMap((v) => Array.from(v.dataSync())),
      `${JSON.stringify(o)}: variables in order, flattened row-major`,
    );
    assert.ok(f64.parameters.some((w) => w !== 0));
    assert.ok(
      f64.parameters.every((w) => Math.fround(w) === w),
      "float32 values",
    );
  }
  throwsTyped(
    () => mlp64({ dim: 2, hidden: [3], seed: undefined as unknown as number }),
    OdeTypeError,
    /invalid argument seed: is required \(every random draw takes a seed\), got undefined/,
  );
  throwsTyped(
    () => mlp64({ dim: 2, hidden: [3, 0], seed: 1 }),
    OdeArgumentError,
    /invalid argument hidden: entry 1 is 0; widths must be positive integers/,
  );
  throwsTyped(
    () => mlp64({ dim: 2, hidden: [3], seed: 1, activation: "gelu" as "tanh" }),
    OdeArgumentError,
    /invalid argument activation: unknown value "gelu"; expected one of tanh, relu, softplus, sigmoid, elu, identity/,
  );
});

test("FusedMlp needs no tfjs: mlp64 in a fresh process loads no @tensorflow module and gives the tfjs-built field's numbers exactly", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "mlp64NoTfjs.ts")], {
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const r = JSON.parse(run.stdout.trim().split("\n").pop()!) as Record<string, number[]> & { tfjsModules: string[] };
  assert.deepEqual(r.tfjsModules, []);
  // The same field through tfjs variables and toField64, evaluated here.
  const field = toField64(
    mlpField({ dim: 2, hidden: [5, 4], activation: "tanh", timeDependent: true, inputTransform: "cube", seed: 7 }),
  );
  const yy = Float64Array.from([0.3, -0.2, 1, 0.5]);
  const v = Float64Array.from([0.1, 0.2, -0.3, 0.4]);
  const vTheta = Float64Array.from(field.parameters, (_, i) => Math.sin(i));
  const f = new Float64Array(4);
  const jvp = new Float64Array(4);
  field.forward(0.4, yy, f);
  field.jvp(0.4, yy, v, vTheta, null, jvp);
  const gy = new Float64Array(4);
  const gTheta = new Float64Array(field.parameters.length);
  field.vjp(0.4, yy, v, new Float64Array(4), gy, gTheta, 1);
  assert.deepEqual(r.parameters, Array.from(field.parameters));
  assert.deepEqual(r.f, Array.from(f));
  assert.deepEqual(r.jvp, Array.from(jvp));
  assert.deepEqual(r.gy, Array.from(gy));
  assert.deepEqual(r.gTheta, Array.from(gTheta));
  // And the float64 field is the tfjs (float32) field to float32 accuracy.
  const ref = mlpField({
    dim: 2,
    hidden: [5, 4],
    activation: "tanh",
    timeDependent: true,
    inputTransform: "cube",
    seed: 7,
  })
    .forward(
      0.4,
      tf.tensor2d([
        [0.3, -0.2],
        [1, 0.5],
      ]),
    )
    .dataSync();
  f.forEach((x, i) => assert.ok(Math.abs(x - ref[i]) <= 1e-6, `${i}: ${x} vs tfjs ${ref[i]}`));
});

test("toField64: dense → FusedMlp, hybrid with known64 → FusedHybrid, tensor-only → the generic adapter; θ read from the variables in order", () => {
  const nn = mlpField({ dim: 2, hidden: [4], seed: 2 });
  assert.ok(toField64(nn) instanceof FusedMlp);
  const hybrid = toField64(hybridField(knownTf, nn, known));
  assert.ok(hybrid instanceof FusedHybrid);
  // Forward of the hybrid = network + known physics, per sample.
  const yy = Float64Array.from([0.5, -1, 2, 0.25]);
  const fh = new Float64Array(4);
  const fn = new Float64Array(4);
  hybrid.forward(0, yy, fh);
  toField64(nn).forward(0, yy, fn);
  for (let o = 0; o < 4; o += 2) {
    const k = new Float64Array(2);
    known.rhs(0, yy.subarray(o, o + 2), k);
    for (let i = 0; i < 2; i++) assert.equal(fh[o + i], fn[o + i] + k[i]);
  }
  // Tensor-only fields (here a Hamiltonian network) go through tfjs behind the same interface.
  const H = mlpField({ dim: 2, hidden: [4], seed: 3 });
  const ham = hamiltonianField((yy2, p) => H.apply(0, yy2, p).slice([0, 0], [-1, 1]) as tf.Tensor2D, 2, H.variables);
  const generic = toField64(ham);
  assert.ok(!(generic instanceof FusedMlp) && !(generic instanceof FusedHybrid));
  assert.equal(generic.parameters.length, 2 * 4 + 4 + 4 * 2 + 2);
  throwsTyped(
    () => hybridField(knownTf, nn, { rhs: known.rhs } as never),
    OdeTypeError,
    /invalid argument known64: expected \{ rhs, jacobian \} \(in place, float64\), got a Object/,
  );
  throwsTyped(
    () => toField64({ dim: 2 } as never),
    OdeTypeError,
    /invalid argument field: expected a VectorField \(mlpField, hybridField, …\), got a Object/,
  );
});

test("syncParameters / storeParameters / splitGradient: exact widening, float32 rounding on the way back, typed errors on a size mismatch", () => {
  const field = mlpField({ dim: 2, hidden: [3], seed: 4 });
  const f64 = toField64(field);
  const P = f64.parameters.length;
  // θ changed in float64, stored (rounded to float32) and read back: Math.fround of each value.
  const want = Float64Array.from({ length: P }, (_, i) => 0.1 + i / 3);
  f64.parameters.set(want);
  storeParameters(f64, field);
  f64.parameters.fill(0);
  assert.equal(syncParameters(f64, field), f64.parameters);
  want.forEach((w, i) => assert.equal(f64.parameters[i], Math.fround(w), `θ[${i}]`));
  // The tfjs field now computes with those weights.
  const yy = Float64Array.from([0.2, -0.3]);
  const out = new Float64Array(2);
  f64.forward(0, yy, out);
  const ref = field.forward(0, tf.tensor2d([[0.2, -0.3]])).dataSync();
  out.forEach((x, i) => assert.ok(Math.abs(x - ref[i]) <= 1e-5 * Math.max(1, Math.abs(x)), `${i}: ${x} vs ${ref[i]}`));
  const parts = splitGradient(field, want);
  assert.deepEqual(
    parts.map((p) => p.length),
    field.variables.map((v) => v.size),
  );
  assert.deepEqual(
    parts.flatMap((p) => Array.from(p)),
    Array.from(want, Math.fround),
  );
  const other = mlp64({ dim: 2, hidden: [4], seed: 4 });
  throwsTyped(
    () => storeParameters(other, field),
    OdeArgumentError,
    new RegExp(
      `invalid argument parameters: storeParameters: has length ${other.parameters.length}, the field's 4 variables hold ${P} values`,
    ),
  );
  throwsTyped(
    () => syncParameters(other, field),
    OdeArgumentError,
    /invalid argument parameters: syncParameters: has length 22, the field's 4 variables hold 17 values/,
  );
  throwsTyped(
    () => splitGradient(field, new Float64Array(P + 1)),
    OdeArgumentError,
    /invalid argument flat: splitGradient: has length 18, the field's 4 variables hold 17 values/,
  );
  throwsTyped(
    () => splitGradient(field, [1, 2] as unknown as Float64Array),
    OdeTypeError,
    /invalid argument flat: splitGradient expects a Float64Array, got an array of length 2/,
  );
});

test("FusedMlp from a plain spec: parameters kept (not copied), typed errors for the spec and the parameters", () => {
  const spec = {
    sizes: [3, 4, 2],
    activation: "tanh" as const,
    timeDependent: true,
    inputTransform: "identity" as const,
  };
  const theta = wave(3 * 4 + 4 + 4 * 2 + 2, 0.3);
  const field = new FusedMlp(spec, theta);
  assert.equal(field.parameters, theta);
  assert.equal(field.dim, 2);
  // By hand: tanh(x W0 + b0) W1 + b1 with x = (y, t).
  const yy = Float64Array.from([0.5, -0.25]);
  const out = new Float64Array(2);
  field.forward(0.8, yy, out);
  const x = [0.5, -0.25, 0.8];
  const h = [0, 1, 2, 3].map((j) => Math.tanh(theta[12 + j] + x.reduce((a, xi, i) => a + xi * theta[i * 4 + j], 0)));
  for (let k = 0; k < 2; k++) {
    const want = theta[24 + k] + h.reduce((a, hj, j) => a + hj * theta[16 + j * 2 + k], 0);
    assert.ok(Math.abs(out[k] - want) <= 1e-15 * 4, `${k}: ${out[k]} vs ${want}`);
  }
  throwsTyped(
    () => new FusedMlp(spec, new Float64Array(25)),
    OdeArgumentError,
    /invalid argument parameters: has length 25; layer sizes 3→4→2 need 26/,
  );
  throwsTyped(
    () => new FusedMlp(spec, Array.from(theta) as unknown as Float64Array),
    OdeTypeError,
    /invalid argument parameters: expected a Float64Array of length 26, got an array of length 26/,
  );
  throwsTyped(
    () => new FusedMlp({ ...spec, sizes: [2, 4, 2] }, new Float64Array(22)),
    OdeArgumentError,
    /invalid argument spec.sizes: input width 2 must be the output width 2 \+ 1 \(t\)/,
  );
  throwsTyped(
    () => new FusedMlp({ ...spec, sizes: [3, 0, 2] }, theta),
    OdeArgumentError,
    /invalid argument spec.sizes: entry 1 is 0; widths must be positive integers/,
  );
  throwsTyped(
    () => new FusedMlp({ ...spec, inputTransform: "square" as "cube" }, theta),
    OdeArgumentError,
    /invalid argument spec.inputTransform: unknown value "square"; expected "identity" or "cube"/,
  );
  throwsTyped(
    () => new FusedHybrid(field, { rhs: known.rhs } as never),
    OdeTypeError,
    /invalid argument known64: expected \{ rhs, jacobian \} \(in place, float64\), got a Object/,
  );
});

test("jvp checks every buffer's length (an error naming it, never a partial write), for FusedMlp and the hybrid", () => {
  const mlp = mlp64({ dim: 2, hidden: [3], seed: 1 });
  const hybrid = new FusedHybrid(mlp64({ dim: 2, hidden: [3], seed: 1 }), known);
  const P = mlp.parameters.length;
  const yy = new Float64Array([1, 0, 0.5, 0.5]);
  const four = () => new Float64Array(4);
  for (const field of [mlp, hybrid]) {
    throwsTyped(
      () => field.jvp(0.5, yy, new Float64Array(3), null, null, four()),
      OdeArgumentError,
      /invalid argument v: FusedMlp.jvp needs length 4 for a batch of 2, got 3 \(at t = 0.5\)/,
    );
    throwsTyped(
      () => field.jvp(0.5, yy, four(), new Float64Array(P + 1), null, four()),
      OdeArgumentError,
      new RegExp(`invalid argument vTheta: FusedMlp.jvp needs length ${P} for a batch of 2, got ${P + 1}`),
    );
    throwsTyped(
      () => field.jvp(0.5, yy, four(), null, new Float64Array(2), four()),
      OdeArgumentError,
      /invalid argument f: FusedMlp.jvp needs length 4 for a batch of 2, got 2/,
    );
    const out = new Float64Array(5).fill(7);
    throwsTyped(
      () => field.jvp(0.5, yy, four(), null, null, out),
      OdeArgumentError,
      /invalid argument out: FusedMlp.jvp needs length 4 for a batch of 2, got 5/,
    );
    assert.ok(
      out.every((x) => x === 7),
      "nothing written",
    );
    throwsTyped(
      () => field.jvp(0.5, yy, four(), null, null, [0, 0, 0, 0] as unknown as Float64Array),
      OdeTypeError,
      /invalid argument out: FusedMlp.jvp expects a Float64Array, got an array of length 4 \(at t = 0.5\)/,
    );
    throwsTyped(
      () => field.forward(0.5, [1, 0, 0.5, 0.5] as unknown as Float64Array, four()),
      OdeTypeError,
      /invalid argument y: FusedMlp.forward expects a Float64Array, got an array of length 4 \(at t = 0.5\)/,
    );
    throwsTyped(
      () => field.jvp(0, new Float64Array(3), new Float64Array(3), null, null, new Float64Array(3)),
      OdeArgumentError,
      /invalid argument y: FusedMlp.jvp needs B·2 entries, got 3 \(at t = 0\)/,
    );
  }
  const v = Float64Array.from([1, 2, 3, 4]);
  throwsTyped(
    () => hybrid.jvp(0.5, yy, v, null, null, v),
    OdeArgumentError,
    /invalid argument out: FusedHybrid.jvp needs out apart from v .*at t = 0.5/,
  );
});

test("float64Rhs / float64Jacobian take a Field64 as well as a VectorField: same numbers; anything else is a TypeError", () => {
  const o: MlpOptions = { dim: 3, hidden: [5], activation: "softplus", timeDependent: true, seed: 8 };
  const viaTf = [float64Rhs(mlpField(o)), float64Jacobian(mlpField(o))] as const;
  const f64 = mlp64(o);
  const direct = [float64Rhs(f64), float64Jacobian(f64)] as const;
  const yy = Float64Array.from([0.3, 0.1, -0.4]);
  const a = new Float64Array(3);
  const b = new Float64Array(3);
  viaTf[0](0.2, yy, a);
  direct[0](0.2, yy, b);
  assert.deepEqual(a, b);
  const ja = new Float64Array(9);
  const jb = new Float64Array(9);
  viaTf[1](0.2, yy, ja);
  direct[1](0.2, yy, jb);
  assert.deepEqual(ja, jb);
  // The Field64 is used as given: its parameters, changed in place, change the right-hand side.
  f64.parameters[f64.parameters.length - 1] += 1;
  direct[0](0.2, yy, b);
  assert.equal(b[2], a[2] + 1);
  throwsTyped(
    () => float64Rhs({ dim: 3 } as never),
    OdeTypeError,
    /invalid argument field: float64Rhs expects a VectorField or a Field64 \{ dim, parameters, forward, jacobian \}, got a Object/,
  );
  throwsTyped(
    () => float64Jacobian(null as never),
    OdeTypeError,
    /invalid argument field: float64Jacobian expects a VectorField or a Field64, got null/,
  );
});

test("hybrid64: forward is known + network exactly (no tfjs); a network that is not float64 is a TypeError naming nn", () => {
  const nn = mlp64({ dim: 2, hidden: [8], activation: "tanh", seed: 4 });
  const known = {
    rhs: (_t: number, y: Float64Array, d: Float64Array) => {
      d[0] = 1.3 * y[0];
      d[1] = -1.8 * y[1];
    },
    jacobian: (_t: number, _y: Float64Array, J: Float64Array) => J.set([1.3, 0, 0, -1.8]),
  };
  const h = hybrid64(known, nn);
  const y = Float64Array.from([0.4, 2.1, -0.3, 0.9]); // a batch of two states
  const out = new Float64Array(4),
    net = new Float64Array(4);
  h.forward(0.5, y, out);
  nn.forward(0.5, y, net);
  const expected = [1.3 * 0.4, -1.8 * 2.1, 1.3 * -0.3, -1.8 * 0.9].map((k, i) => k + net[i]);
  assert.deepEqual(Array.from(out), expected);
  assert.equal(h.parameters, nn.parameters);
  assert.throws(
    () => hybrid64(known, {} as never),
    (e: Error) => e.name === "OdeTypeError" && /nn/.test(e.message),
  );
});
