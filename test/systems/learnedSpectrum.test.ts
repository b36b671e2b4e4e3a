import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { mlpField, float64Rhs, float64Jacobian } from "../../lib/neural/index";
import { ready } from "../../lib/neural/backend";
import { mulberry32 } from "../../lib/random/index";
import { normalArray } from "../../lib/neural/fields/initializers";
import { lyapunovSpectrum, type VariationalSystem } from "../../lib/systems/chaos/index";
import type { VectorField } from "../../lib/neural/fields/field";
import { assertJacobianMatchesFD } from "../helpers/jacobianCheck";

// Lyapunov spectra of fields evaluated by the fused float64 network (float64Rhs/float64Jacobian),
// against spectra known exactly: a linear field y' = A y has exponents Re μ_i(A) (Oseledets; the
// tangent flow is e^{At}), and a network with a stable equilibrium has, along an orbit that falls
// into it, the exponents Re μ_i of its linearisation there.

before(async () => {
  await ready();
});

const sum = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0);

/** A linear field f(y) = A y as a dense layer without hidden layers (tfjs layout y·W, W = Aᵀ). */
function linearField(A: number[][]): VectorField {
  const field = mlpField({ dim: A.length, hidden: [], activation: "identity", seed: 1 });
  field.variables[0].assign(tf.tensor2d(A[0].map((_, i) => A.map((row) => row[i]))));
  return field;
}

/** The float64 field as a VariationalSystem, with a guard that it is only ever given the state. */
function learnedSystem(field: VectorField, calls: number[] = []): VariationalSystem {
  const rhs = float64Rhs(field);
  const jacobian = float64Jacobian(field);
  return {
    n: field.dim,
    rhs: (t, y, d) => {
      calls.push(y.length, d.length);
      rhs(t, y, d);
    },
    jacobian: (t, y, J) => {
      calls.push(y.length, J.length);
      jacobian(t, y, J);
    },
  };
}

test("linear fields y' = A y through the fused network: exponents are Re μ(A) to 1e-6, sum = tr A to 1e-7", () => {
  // Lower-triangular A (eigenvalues on the diagonal) with a rotation pair in the second: the
  // tangent vectors start off the Oseledets directions, so QR has to turn them; after the
  // transient (20 time units, gaps ≥ 0.7) they are aligned to e^{−14} and the finite-time bias is
  // gone (measured deviation ≤ 3e-8). float32 weights: the reference uses the float32-rounded
  // diagonal that the network actually holds.
  const cases: { A: number[][]; exponents: (A: number[][]) => number[] }[] = [
    {
      A: [
        [-1.5, 0, 0],
        [1.5, -0.3, 0],
        [-1, 2, 0.4],
      ],
      exponents: (A) => [A[2][2], A[1][1], A[0][0]].map(Math.fround),
    },
    {
      // Eigenvalues −1 and 0.2 ± 3i: the two exponents of the rotating pair are both 0.2.
      A: [
        [-1, 0, 0],
        [0.5, 0.2, -3],
        [1, 3, 0.2],
      ],
      exponents: (A) => [A[1][1], A[2][2], A[0][0]].map(Math.fround),
    },
  ];
  for (const { A, exponents } of cases) {
    const calls: number[] = [];
    const sys = learnedSystem(linearField(A), calls);
    const { exponents: got } = lyapunovSpectrum(sys, [0.1, -0.2, 0.05], { dt: 0.01, steps: 20000, transient: 2000 });
    const want = exponents(A);
    for (let i = 0; i < 3; i++)
      assert.ok(Math.abs(got[i] - want[i]) <= 1e-6, `A = ${JSON.stringify(A)}: λ${i + 1} = ${got[i]}, want ${want[i]}`);
    // Liouville: Σ log R_ii = log |det e^{AT}| = T tr A exactly; RK4's amplification factor moves
    // each exponent by ≈ |hμ|⁵/(120 h) ≤ 2e-8 here (|μ| ≤ 3.01, h = 0.01).
    const trace = sum(want);
    assert.ok(Math.abs(sum(got) - trace) <= 1e-7, `Σλ = ${sum(got)}, tr A = ${trace}`);
    // rhs and jacobian were handed the state alone (3), never the augmented state (3 + 3·3).
    assert.ok(calls.length > 0);
    assert.ok(
      calls.every((len, i) => (i % 2 === 0 ? len === 3 : len === 3 || len === 9)),
      `buffer lengths seen: ${[...new Set(calls)].join(", ")}`,
    );
  }
});

/**
 * A 3-16-3 tanh network y' = W1ᵀ tanh(W0ᵀ y) (zero biases: y = 0 is an equilibrium) with
 * W1 = −2 W0ᵀ + 0.3 N (seeded Gaussian N): its linearisation A = W1ᵀ W0ᵀ at 0 is stable.
 */
function stableTanhField(seed: number): VectorField {
  const field = mlpField({ dim: 3, hidden: [16], activation: "tanh", seed });
  const w0 = field.variables[0].dataSync();
  const noise = normalArray(16 * 3, 0.3, mulberry32(seed + 100));
  const w1 = new Float32Array(16 * 3);
  for (let j = 0; j < 16; j++) for (let k = 0; k < 3; k++) w1[j * 3 + k] = -2 * w0[k * 16 + j] + noise[j * 3 + k];
  field.variables[2].assign(tf.tensor2d(w1, [16, 3]));
  return field;
}

/** The network read out of tfjs (float32 → float64) and written by hand: rhs and Jacobian. */
function handWritten(field: VectorField): VariationalSystem {
  const [w0, b0, w1, b1] = field.variables.map((v) => Float64Array.from(v.dataSync()));
  const H = b0.length;
  const h = new Float64Array(H);
  const layer = (y: Float64Array) => {
    for (let j = 0; j < H; j++) {
      let z = b0[j];
      for (let i = 0; i < 3; i++) z += y[i] * w0[i * H + j];
      h[j] = Math.tanh(z);
    }
  };
  return {
    n: 3,
    rhs: (_t, y, d) => {
      layer(y);
      for (let k = 0; k < 3; k++) {
        let acc = b1[k];
        for (let j = 0; j < H; j++) acc += h[j] * w1[j * 3 + k];
        d[k] = acc;
      }
    },
    // ∂f_k/∂y_i = Σ_j W1[j,k] (1 − h_j²) W0[i,j].
    jacobian: (_t, y, J) => {
      layer(y);
      for (let k = 0; k < 3; k++)
        for (let i = 0; i < 3; i++) {
          let acc = 0;
          for (let j = 0; j < H; j++) acc += w1[j * 3 + k] * (1 - h[j] * h[j]) * w0[i * H + j];
          J[k * 3 + i] = acc;
        }
    },
  };
}

test("tanh network with a stable equilibrium: the spectrum of an orbit falling into it is Re μ(A), A its linearisation (±0.01)", () => {
  const field = stableTanhField(7);
  const [w0, , w1] = field.variables.map((v) => Float64Array.from(v.dataSync()));
  const A = Matrix.zeros(3, 3);
  for (let k = 0; k < 3; k++)
    for (let i = 0; i < 3; i++) {
      let acc = 0;
      for (let j = 0; j < 16; j++) acc += w1[j * 3 + k] * w0[i * 16 + j];
      A.set(k, i, acc);
    }
  const want = new EigenvalueDecomposition(A).realEigenvalues.sort((a, b) => b - a);
  assert.ok(want[0] < -0.1, `the construction should give a stable A, got Re μ = ${want}`);
  // From a point where tanh is far from linear (|W0ᵀ y| ~ 1) and without a transient, so the
  // nonlinear start counts; it biases the time average by O(1/T) (measured ≤ 3e-3 at T = 200).
  const { exponents } = lyapunovSpectrum(learnedSystem(field), [0.8, -0.6, 0.5], { dt: 0.01, steps: 20000 });
  for (let i = 0; i < 3; i++)
    assert.ok(Math.abs(exponents[i] - want[i]) <= 0.01, `λ${i + 1} = ${exponents[i]}, Re μ${i + 1}(A) = ${want[i]}`);
});

test("tanh network with biases: fused float64 spectrum = spectrum of the hand-written network (1e-9), Jacobian = central differences", () => {
  const field = mlpField({ dim: 3, hidden: [16], activation: "tanh", seed: 3, initStd: 1 });
  const rand = mulberry32(33);
  field.variables[1].assign(tf.tensor1d(normalArray(16, 0.5, rand)));
  field.variables[3].assign(tf.tensor1d(normalArray(3, 0.5, rand)));
  const hand = handWritten(field);
  const fused = learnedSystem(field);
  for (const y of [
    [0.3, -0.7, 1.1],
    [-2, 0.4, 0.9],
  ]) {
    assertJacobianMatchesFD("hand-written tanh network", hand.rhs, hand.jacobian, 0, Float64Array.from(y));
    assertJacobianMatchesFD("fused tanh network", fused.rhs, fused.jacobian, 0, Float64Array.from(y));
  }
  const opts = { dt: 0.01, steps: 10000, transient: 1000 };
  const a = lyapunovSpectrum(fused, [0.5, -0.5, 0.3], opts).exponents;
  const b = lyapunovSpectrum(hand, [0.5, -0.5, 0.3], opts).exponents;
  for (let i = 0; i < 3; i++)
    assert.ok(Math.abs(a[i] - b[i]) <= 1e-9, `λ${i + 1}: fused ${a[i]}, hand-written ${b[i]}`);
  // Not a trivial spectrum: the exponents are distinct and contract volume (Σλ < 0).
  assert.ok(a[0] - a[2] > 0.05 && sum(a) < 0, `λ = ${Array.from(a)}`);
});

test("float64Rhs / float64Jacobian reject buffers of the wrong length (a batch, an augmented state) naming argument, expected and actual", () => {
  const field = mlpField({ dim: 3, hidden: [4], activation: "tanh", seed: 2 });
  const rhs = float64Rhs(field);
  const jac = float64Jacobian(field);
  const y = new Float64Array(3);
  const d = new Float64Array(3);
  const J = new Float64Array(9);
  // An augmented Lyapunov state (3 + 3·3) would have been read as a batch of four states.
  const poison = new Float64Array(12).fill(7);
  assert.throws(
    () => rhs(0.5, new Float64Array(12), d),
    (e: Error) =>
      e instanceof RangeError &&
      /invalid argument y: float64Rhs expects length 3 \(the field's dim\), got length 12 \(at t = 0\.5\)/.test(
        e.message,
      ),
  );
  assert.throws(() => rhs(0, y, poison), /invalid argument dydt: float64Rhs expects length 3 .*got length 12/);
  assert.deepEqual(Array.from(poison), new Array(12).fill(7), "no partial write before the error");
  assert.throws(() => rhs(0, new Float64Array(2), d), /invalid argument y: .*got length 2/);
  assert.throws(
    () => jac(1, new Float64Array(12), J),
    /invalid argument y: float64Jacobian expects length 3 .*got length 12/,
  );
  assert.throws(
    () => jac(1, y, poison),
    (e: Error) =>
      e instanceof RangeError &&
      /invalid argument jac: float64Jacobian expects length 9 \(dim·dim, row-major\), got length 12 \(at t = 1\)/.test(
        e.message,
      ),
  );
  assert.deepEqual(Array.from(poison), new Array(12).fill(7), "no partial write before the error");
  assert.throws(
    () => rhs(0, undefined as unknown as Float64Array, d),
    (e: Error) =>
      e instanceof TypeError && /invalid argument y: float64Rhs expects a Float64Array, got undefined/.test(e.message),
  );
  // The right lengths work and agree with each other.
  rhs(0, Float64Array.from([0.1, 0.2, 0.3]), d);
  jac(0, Float64Array.from([0.1, 0.2, 0.3]), J);
  assert.ok(d.every(Number.isFinite) && J.every(Number.isFinite));
});
