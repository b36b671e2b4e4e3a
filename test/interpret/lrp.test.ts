import { test } from "node:test";
import assert from "node:assert/strict";
import { mulberry32 } from "../../lib/random/index";
import { FusedMlp } from "../../lib/neural/fields/fusedMlp";
import { FusedHybrid } from "../../lib/neural/fields/hybrid64";
import { mlp64 } from "../../lib/neural/fields/mlp64";
import type { Activation } from "../../lib/neural/fields/activations";
import { parameterLayout } from "../../lib/neural/fields/mlpSpec";
import { solveIVP } from "../../lib/ode/solveIVP";
import { OdeArgumentError } from "../../lib/ode/errors";
import {
  lrpDense,
  lrpEpsilon,
  lrpGlobal,
  lrpNetwork,
  lrpNetworkOf,
  lrpOverTime,
  lrpSolve,
  lrpZPlus,
} from "../../lib/interpret/lrp/index";
import type { LrpRule } from "../../lib/interpret/lrp/index";

const sum = (v: ArrayLike<number>): number => Array.from(v).reduce((a, b) => a + b, 0);

/** Seeded parameters in [−1, 1) for `sizes` (biases zero when `bias` is false). */
function randomParameters(sizes: number[], seed: number, bias: boolean): Float64Array {
  const rand = mulberry32(seed);
  const { offsets, count } = parameterLayout(sizes);
  const p = new Float64Array(count);
  for (let l = 0; l + 1 < sizes.length; l++) {
    for (let k = offsets[2 * l]; k < offsets[2 * l + 1]; k++) p[k] = 2 * rand() - 1;
    if (bias)
      for (let k = offsets[2 * l + 1]; k < offsets[2 * l + 1] + sizes[l + 1]; k++) p[k] = 0.5 * (2 * rand() - 1);
  }
  return p;
}

/** |a − b| ≤ tol·max(1, |b|) entrywise. */
function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++)
    assert.ok(Math.abs(a[i] - b[i]) <= tol * Math.max(1, Math.abs(b[i])), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

test("lrpDense, hand-computed 2-2-1 ReLU network: ε = 0 and z⁺ relevances, bias shares", () => {
  // W0 = [[1, −1], [0.5, 1]] (row-major [in, out]), b0 = (0, 0.5); W1 = [[1], [2]], b1 = 1; x = (1, 2).
  // z1 = 1·1 + 2·0.5 + 0 = 2, z2 = 1·(−1) + 2·1 + 0.5 = 1.5; h = relu(z) = (2, 1.5); out = 2·1 + 1.5·2 + 1 = 6.
  // ε = 0, R_out = 6: s = 6/6 = 1 → R_h = (2·1·1, 1.5·2·1) = (2, 3), bias b1·s = 1.
  //   Layer 0: s = (2/2, 3/1.5) = (1, 2) → R_x1 = 1·(1·1 + (−1)·2) = −1, R_x2 = 2·(0.5·1 + 1·2) = 5, bias 0·1 + 0.5·2 = 1.
  //   Σ R_x + bias = 4 + 1 + 1 = 6.
  // z⁺ (stabilizer 0): output: contributions (2, 3) and b⁺ = 1 → den 6 → R_h = (2, 3), bias 1.
  //   Neuron 1: contributions (x_i w_i1)⁺ = (1, 1), b⁺ = 0 → den 2, s = 1 → (1, 1).
  //   Neuron 2: (1·(−1))⁺ = 0, (2·1)⁺ = 2, b⁺ = 0.5 → den 2.5, s = 3/2.5 = 1.2 → (0, 2.4), bias 0.6.
  //   R_x = (1, 3.4), bias 1 + 0.6 = 1.6; Σ = 4.4 + 1.6 = 6.
  const net = lrpNetwork({ sizes: [2, 2, 1], activation: "relu" }, Float64Array.from([1, -1, 0.5, 1, 0, 0.5, 1, 2, 1]));
  const eps = lrpDense(net, [1, 2], { rule: lrpEpsilon(0) });
  close(eps.output, [6], 1e-15, "output");
  close(eps.relevances[2], [6], 1e-15, "R_out");
  close(eps.relevances[1], [2, 3], 1e-15, "R_hidden (ε=0)");
  close(eps.relevances[0], [-1, 5], 1e-15, "R_input (ε=0)");
  close([eps.absorbed.bias, eps.absorbed.epsilon, eps.absorbed.dropped], [2, 0, 0], 1e-15, "absorbed (ε=0)");
  const zp = lrpDense(net, [1, 2], { rule: lrpZPlus(0) });
  close(zp.relevances[1], [2, 3], 1e-15, "R_hidden (z⁺)");
  close(zp.relevances[0], [1, 3.4], 1e-15, "R_input (z⁺)");
  close([zp.absorbed.bias], [1.6], 1e-15, "absorbed (z⁺)");
  for (const r of [eps, zp]) assert.ok(Math.abs(r.conservationGap) <= 1e-14, `gap ${r.conservationGap}`);
});

test("lrpDense, bias-free ReLU network, ε = 0: Σ R_in = Σ R_out (1e-12 relative), and the same at every layer", () => {
  const sizes = [5, 16, 12, 4];
  const net = lrpNetwork({ sizes, activation: "relu" }, randomParameters(sizes, 11, false));
  const rand = mulberry32(12);
  for (let trial = 0; trial < 20; trial++) {
    const x = Array.from({ length: 5 }, () => 2 * rand() - 1);
    const r = lrpDense(net, x, { rule: lrpEpsilon(0) });
    const out = sum(r.relevances[3]);
    for (let l = 0; l < 3; l++)
      assert.ok(
        Math.abs(sum(r.relevances[l]) - out) <= 1e-12 * Math.abs(out),
        `layer ${l}: ${sum(r.relevances[l])} vs ${out}`,
      );
    assert.equal(r.absorbed.total, 0);
  }
});

test("lrpDense, z⁺ (stabilizer 0) on a bias-free ReLU network: every relevance ≥ 0 for a positive output relevance, conserved (1e-12)", () => {
  const sizes = [4, 10, 8, 3];
  const net = lrpNetwork({ sizes, activation: "relu" }, randomParameters(sizes, 21, false));
  const rand = mulberry32(22);
  let exact = 0;
  for (let trial = 0; trial < 30; trial++) {
    const x = Array.from({ length: 4 }, () => 2 * rand() - 1);
    // A positive vector on every output: non-negative everywhere (an output whose contributions are all ≤ 0 drops its share).
    const all = lrpDense(net, x, { rule: lrpZPlus(0), target: [1, 0.5, 2] });
    for (const layer of all.relevances) for (const v of layer) assert.ok(v >= 0, `negative relevance ${v}`);
    assert.ok(Math.abs(all.inputTotal + all.absorbed.dropped - 3.5) <= 1e-12 * 3.5);
    // The largest output, if positive, has a positive contribution, and so has every ReLU neuron that is on:
    // nothing is dropped and Σ R_in = f_c exactly.
    const c = all.output.indexOf(Math.max(...all.output));
    if (!(all.output[c] > 0)) continue;
    const r = lrpDense(net, x, { rule: lrpZPlus(0), target: { component: c } });
    for (const layer of r.relevances) for (const v of layer) assert.ok(v >= 0, `negative relevance ${v}`);
    assert.equal(r.absorbed.total, 0);
    assert.ok(
      Math.abs(r.inputTotal - r.output[c]) <= 1e-12 * r.output[c],
      `Σ R_in = ${r.inputTotal}, f_c = ${r.output[c]}`,
    );
  }
});

test("lrpDense, linear bias-free network, ε = 0: LRP = gradient × input (FusedMlp's reverse mode), 1e-12", () => {
  const sizes = [3, 7, 5, 3];
  const field = new FusedMlp(
    { sizes, activation: "identity", timeDependent: false, inputTransform: "identity" },
    randomParameters(sizes, 31, false),
  );
  const x = Float64Array.from([0.7, -1.3, 0.4]);
  for (let c = 0; c < 3; c++) {
    const a = new Float64Array(3);
    a[c] = 1;
    const gy = new Float64Array(3);
    field.vjp(0, x, a, new Float64Array(3), gy, new Float64Array(field.parameters.length), 0);
    const r = lrpDense(field, x, { rule: lrpEpsilon(0), target: { component: c } });
    close(
      r.inputRelevance,
      Array.from(x, (v, i) => v * gy[i]),
      1e-12,
      `component ${c}`,
    );
  }
});

/** The reference: plain loops on number[][] (W[l][i][j], b[l][j]), written apart from the kernel. */
function referenceLrp(
  sizes: number[],
  p: Float64Array,
  act: (z: number) => number,
  x: number[],
  rOut: number[] | null,
  rules: LrpRule[],
): { layers: number[][]; bias: number } {
  const W: number[][][] = [];
  const b: number[][] = [];
  let k = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const Wl: number[][] = [];
    for (let i = 0; i < sizes[l]; i++) {
      Wl.push([]);
      for (let j = 0; j < sizes[l + 1]; j++) Wl[i].push(p[k++]);
    }
    W.push(Wl);
    b.push([]);
    for (let j = 0; j < sizes[l + 1]; j++) b[l].push(p[k++]);
  }
  const a: number[][] = [x.slice()];
  const z: number[][] = [[]];
  for (let l = 0; l < W.length; l++) {
    const zl = b[l].map((bj, j) => a[l].reduce((s, ai, i) => s + ai * W[l][i][j], bj));
    z.push(zl);
    a.push(l + 1 < W.length ? zl.map(act) : zl);
  }
  const R: number[][] = new Array(sizes.length);
  R[W.length] = rOut ?? a[W.length].slice();
  let bias = 0;
  for (let l = W.length - 1; l >= 0; l--) {
    const rule = rules[l];
    R[l] = a[l].map(() => 0);
    for (let j = 0; j < sizes[l + 1]; j++) {
      if (rule.name === "epsilon") {
        const den = z[l + 1][j] + (z[l + 1][j] >= 0 ? rule.epsilon : -rule.epsilon);
        for (let i = 0; i < sizes[l]; i++) R[l][i] += ((a[l][i] * W[l][i][j]) / den) * R[l + 1][j];
        bias += (b[l][j] / den) * R[l + 1][j];
      } else {
        let den = Math.max(0, b[l][j]) + rule.stabilizer;
        for (let i = 0; i < sizes[l]; i++) den += Math.max(0, a[l][i] * W[l][i][j]);
        for (let i = 0; i < sizes[l]; i++) R[l][i] += (Math.max(0, a[l][i] * W[l][i][j]) / den) * R[l + 1][j];
        bias += (Math.max(0, b[l][j]) / den) * R[l + 1][j];
      }
    }
  }
  return { layers: R, bias };
}

for (const activation of ["tanh", "relu", "elu", "identity"] as Activation[])
  test(`lrpDense, ${activation} network with biases: every layer's relevance = a plain-loop reference (ε, z⁺, mixed), 1e-12`, () => {
    const sizes = [4, 9, 7, 3];
    const p = randomParameters(sizes, 41, true);
    const net = lrpNetwork({ sizes, activation }, p);
    const act = {
      tanh: Math.tanh,
      relu: (v: number) => Math.max(0, v),
      elu: (v: number) => (v > 0 ? v : Math.expm1(v)),
      identity: (v: number) => v,
    }[activation as "tanh"];
    const x = [0.3, -0.8, 1.1, -0.2];
    const cases: [LrpRule | LrpRule[], LrpRule[], number[] | null][] = [
      [lrpEpsilon(0.01), [lrpEpsilon(0.01), lrpEpsilon(0.01), lrpEpsilon(0.01)], null],
      [lrpZPlus(), [lrpZPlus(), lrpZPlus(), lrpZPlus()], [0.2, 1, 0.5]],
      [[lrpZPlus(), lrpEpsilon(0.25), lrpEpsilon(0)], [lrpZPlus(), lrpEpsilon(0.25), lrpEpsilon(0)], null],
    ];
    for (const [rule, perLayer, target] of cases) {
      const r = lrpDense(net, x, { rule, target: target ?? "output" });
      const ref = referenceLrp(sizes, p, act, x, target, perLayer);
      ref.layers.forEach((layer, l) => close(r.relevances[l], layer, 1e-12, `${JSON.stringify(rule)} layer ${l}`));
      close([r.absorbed.bias], [ref.bias], 1e-12, "bias share");
      const scale = r.relevances[3].reduce((s, v) => s + Math.abs(v), 0);
      assert.ok(Math.abs(r.conservationGap) <= 1e-12 * scale, `gap ${r.conservationGap}`);
    }
  });

test("lrpNetworkOf(mlp64): same layout, activation and output as the field (bits); t's relevance is absorbed as time", () => {
  const field = mlp64({ dim: 3, hidden: [8, 8], seed: 5, timeDependent: true });
  const net = lrpNetworkOf(field);
  assert.deepEqual([...net.sizes], [4, 8, 8, 3]);
  assert.equal(net.activation, "tanh");
  assert.equal(net.parameters, field.parameters);
  const y = Float64Array.from([0.5, -0.25, 1.5]);
  const f = new Float64Array(3);
  field.forward(0.7, y, f);
  const r = lrpDense(field, y, { rule: lrpEpsilon(1e-9), t: 0.7 });
  assert.deepEqual(r.output, Array.from(f));
  assert.equal(r.absorbed.time, r.relevances[0][3]);
  assert.ok(Math.abs(r.conservationGap) <= 1e-12 * r.relevances[3].reduce((s, v) => s + Math.abs(v), 0));
});

/** A = (W0 W1)ᵀ for the identity network f(y) = yᵀ W0 W1 (row-major [in, out] layers). */
function linearMatrix(p: Float64Array, d: number, hid: number): number[][] {
  const A = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const w1 = d * hid + hid;
  for (let i = 0; i < d; i++)
    for (let m = 0; m < d; m++) for (let k = 0; k < hid; k++) A[m][i] += p[i * hid + k] * p[w1 + k * d + m];
  return A;
}

const matMul = (A: number[][], B: number[][]): number[][] =>
  A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));

test("lrpSolve, RK4 on a bias-free linear field, ε = 0: R(y0) = y0 ⊙ ∂y_N,c/∂y0 with the Jacobian (Σ (hA)^k/k!, k ≤ 4)^N, conservation 1e-12", () => {
  const d = 3;
  const hid = 5;
  const sizes = [d, hid, d];
  const p = randomParameters(sizes, 51, false);
  for (let k = 0; k < p.length; k++) p[k] *= 0.6;
  const field = new FusedMlp({ sizes, activation: "identity", timeDependent: false, inputTransform: "identity" }, p);
  const y0 = [1, -0.5, 0.8];
  const h = 0.1;
  const steps = 10;
  const r = lrpSolve(field, y0, {
    method: "RK4",
    step: h,
    t1: h * steps,
    rule: lrpEpsilon(0),
    target: { component: 1 },
  });
  // The one-step matrix P = I + hA + (hA)²/2 + (hA)³/6 + (hA)⁴/24 (RK4's stability polynomial), M = P^N.
  const hA = linearMatrix(p, d, hid).map((row) => row.map((v) => h * v));
  let term: number[][] = hA.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  let P = term.map((row) => row.slice());
  for (let k = 1; k <= 4; k++) {
    term = matMul(term, hA).map((row) => row.map((v) => v / k));
    P = P.map((row, i) => row.map((v, j) => v + term[i][j]));
  }
  let M = P;
  for (let n = 1; n < steps; n++) M = matMul(M, P);
  close(
    r.initialRelevance,
    y0.map((v, i) => v * M[1][i]),
    1e-12,
    "R(y0)",
  );
  assert.equal(r.absorbed.total, 0);
  assert.ok(r.relativeGap <= 1e-12, `relative gap ${r.relativeGap}`);
  assert.ok(Math.abs(r.initialTotal - r.outputTotal) <= 1e-12 * Math.abs(r.outputTotal));
  // Bookkeeping: the network conserves, so what enters the field at its outputs leaves at its inputs.
  assert.ok(Math.abs(sum(r.fieldInputRelevance) - r.fieldRelevanceTotal) <= 1e-12 * Math.abs(r.fieldRelevanceTotal));
  assert.equal(r.evaluations, 40);
  assert.equal(r.stateRelevance.length, 11);
  r.stateRelevance.forEach((row, n) =>
    assert.ok(Math.abs(sum(row) - r.outputTotal) <= 1e-12 * Math.abs(r.outputTotal), `step ${n}: ${sum(row)}`),
  );
  // The solve is solveIVP's (same grid, same tableau).
  const ivp = solveIVP((t, y, out) => field.forward(t, y, out), [0, h * steps], y0, { method: "RK4", step: h });
  close(r.states[steps], ivp.y[ivp.y.length - 1], 1e-13, "y_N vs solveIVP");
});

for (const method of ["Euler", "Midpoint", "RK4"] as const)
  test(`lrpSolve ${method}, time-dependent tanh field with biases, ε rules: Σ R(y0) + absorbed = Σ R_out (1e-10 relative); states = solveIVP (1e-12)`, () => {
    const field = mlp64({ dim: 2, hidden: [16, 16], seed: 7, timeDependent: true });
    const rand = mulberry32(8);
    for (let k = 0; k < field.parameters.length; k++) field.parameters[k] += 0.1 * (2 * rand() - 1); // non-zero biases
    const y0 = [1.2, -0.4];
    const r = lrpSolve(field, y0, {
      method,
      step: 0.07,
      t1: 1,
      rule: lrpEpsilon(1e-6),
      target: { component: 0 },
      sumEpsilon: 1e-9,
    });
    assert.equal(r.times.length, 16); // 14 steps of 0.07 and a last one of 0.02
    assert.ok(r.relativeGap <= 1e-10, `relative gap ${r.relativeGap}`);
    assert.ok(r.absorbed.bias !== 0 && r.absorbed.time !== 0);
    const ivp = solveIVP((t, y, out) => field.forward(t, y, out), [0, 1], y0, { method, step: 0.07 });
    close(r.states[r.states.length - 1], ivp.y[ivp.y.length - 1], 1e-12, "y_N vs solveIVP");
    close(r.initialRelevance, r.stateRelevance[0], 0, "initialRelevance");
    assert.equal(r.networkRelevanceTotal, r.fieldRelevanceTotal);
    assert.equal(r.knownRelevanceTotal, 0);
  });

test("lrpSolve, intermediate output time: the same relevances as a solve ending there, zero rows after it", () => {
  const field = mlp64({ dim: 2, hidden: [8], seed: 3 });
  const opts = { step: 0.1, rule: lrpEpsilon(1e-6), target: { component: 1 } } as const;
  const full = lrpSolve(field, [0.5, 1], { ...opts, t1: 1, outputTime: 0.5 });
  const short = lrpSolve(field, [0.5, 1], { ...opts, t1: 0.5 });
  assert.equal(full.outputIndex, 5);
  close(full.initialRelevance, short.initialRelevance, 1e-14, "R(y0)");
  for (let n = 6; n <= 10; n++) assert.deepEqual(full.stateRelevance[n], [0, 0]);
  assert.throws(
    () => lrpSolve(field, [0.5, 1], { ...opts, t1: 1, outputTime: 0.55 }),
    (e: unknown) =>
      e instanceof OdeArgumentError && /options\.outputTime: 0\.55 is not a time of the step grid/.test(e.message),
  );
});

/** A linear known part y' = K y with its Jacobian K (row-major). */
function linearKnown(K: number[][]) {
  const d = K.length;
  return {
    rhs: (_t: number, y: Float64Array, out: Float64Array) => {
      for (let i = 0; i < d; i++) out[i] = K[i].reduce((s, v, j) => s + v * y[j], 0);
    },
    jacobian: (_t: number, _y: Float64Array, J: Float64Array) => {
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) J[i * d + j] = K[i][j];
    },
  };
}

test("lrpSolve, hybrid: network last layer ≡ 0 → all relevance through the known part; known ≡ 0 → all through the network", () => {
  const K = [
    [-0.5, 0.3],
    [0.2, -0.1],
  ];
  const nn = mlp64({ dim: 2, hidden: [6], seed: 9 });
  const last = parameterLayout([2, 6, 2]).offsets[2];
  nn.parameters.fill(0, last); // W1 and b1
  const hybrid = new FusedHybrid(nn, linearKnown(K));
  const opts = { step: 0.1, t1: 1, rule: lrpEpsilon(0), target: { component: 0 } } as const;
  const a = lrpSolve(hybrid, [1, 0.5], opts);
  assert.equal(a.networkRelevanceTotal, 0);
  assert.ok(a.knownRelevanceTotal !== 0);
  assert.ok(Math.abs(a.knownRelevanceTotal - a.fieldRelevanceTotal) <= 1e-12 * Math.abs(a.fieldRelevanceTotal));
  assert.ok(a.relativeGap <= 1e-12, `gap ${a.relativeGap}`);

  const nn2 = mlp64({ dim: 2, hidden: [6], seed: 9 });
  const zero = {
    rhs: (_t: number, _y: Float64Array, out: Float64Array) => out.fill(0),
    jacobian: (_t: number, _y: Float64Array, J: Float64Array) => J.fill(0),
  };
  const b = lrpSolve(new FusedHybrid(nn2, zero), [1, 0.5], { ...opts, rule: lrpEpsilon(1e-9) });
  assert.equal(b.knownRelevanceTotal, 0);
  assert.ok(Math.abs(b.networkRelevanceTotal - b.fieldRelevanceTotal) <= 1e-12 * Math.abs(b.fieldRelevanceTotal));
  // And then the hybrid's relevances are the plain network's.
  const plain = lrpSolve(nn2, [1, 0.5], { ...opts, rule: lrpEpsilon(1e-9) });
  close(b.initialRelevance, plain.initialRelevance, 1e-13, "hybrid with known ≡ 0 vs the network alone");
});

test("lrpSolve, hybrid linear known + bias-free linear network, ε = 0: R(y0) = y0 ⊙ gradient (Midpoint's Jacobian), both parts carry relevance", () => {
  const K = [
    [-0.4, 0.25],
    [0.1, -0.2],
  ];
  const sizes = [2, 3, 2];
  const p = randomParameters(sizes, 61, false);
  const nn = new FusedMlp({ sizes, activation: "identity", timeDependent: false, inputTransform: "identity" }, p);
  const h = 0.2;
  const steps = 5;
  const r = lrpSolve(new FusedHybrid(nn, linearKnown(K)), [0.9, -0.6], {
    method: "Midpoint",
    step: h,
    t1: h * steps,
    rule: lrpEpsilon(0),
    target: { component: 0 },
  });
  // Midpoint: P = I + hA + (hA)²/2 with A = K + A_nn.
  const An = linearMatrix(p, 2, 3);
  const hA = An.map((row, i) => row.map((v, j) => h * (v + K[i][j])));
  const hA2 = matMul(hA, hA);
  const P: number[][] = hA.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) + v + hA2[i][j] / 2));
  let M = P;
  for (let n = 1; n < steps; n++) M = matMul(M, P);
  close(r.initialRelevance, [0.9 * M[0][0], -0.6 * M[0][1]], 1e-12, "R(y0)");
  assert.ok(r.knownRelevanceTotal !== 0 && r.networkRelevanceTotal !== 0);
  assert.ok(
    Math.abs(r.knownRelevanceTotal + r.networkRelevanceTotal - r.fieldRelevanceTotal) <=
      1e-12 * Math.abs(r.fieldRelevanceTotal),
  );
  assert.ok(r.relativeGap <= 1e-12);
});

test("LRP errors: unsupported activation, adaptive or implicit method, wrong lengths, rule count, non-field network", () => {
  const isArg = (re: RegExp) => (e: unknown) => e instanceof OdeArgumentError && re.test(e.message);
  assert.throws(
    () => lrpNetwork({ sizes: [2, 3, 2], activation: "sigmoid" }, new Float64Array(17)),
    isArg(/spec\.activation: "sigmoid" is not supported by LRP's pass rule .*supported: identity, relu, tanh, elu/),
  );
  assert.throws(
    () => lrpNetworkOf(mlp64({ dim: 2, hidden: [3], seed: 1, activation: "softplus" })),
    isArg(/"softplus" is not supported/),
  );
  assert.throws(
    () => lrpNetwork({ sizes: [2, 3, 2], activation: "tanh" }, new Float64Array(16)),
    isArg(/parameters: has length 16; layer sizes 2→3→2 need 17/),
  );
  const field = mlp64({ dim: 2, hidden: [4], seed: 1 });
  const o = { step: 0.1, t1: 1, rule: lrpEpsilon(0), target: { component: 0 } };
  assert.throws(
    () => lrpSolve(field, [1, 2], { ...o, method: "DOPRI5" }),
    isArg(/options\.method: "DOPRI5" is adaptive/),
  );
  assert.throws(
    () => lrpSolve(field, [1, 2], { ...o, method: "Rodas5" }),
    isArg(/options\.method: "Rodas5" is not an explicit Runge–Kutta method/),
  );
  assert.throws(() => lrpSolve(field, [1, 2, 3], o), isArg(/y0: has length 3; the field's state \(dim 2\) needs 2/));
  assert.throws(
    () => lrpSolve(field, [1, 2], { ...o, target: [1, 2, 3] }),
    isArg(/options\.target: has length 3; the output has 2 components/),
  );
  assert.throws(
    () => lrpSolve(field, [1, 2], { ...o, target: { component: 2 } }),
    isArg(/options\.target\.component: must be an integer in \[0, 2\)/),
  );
  assert.throws(
    () => lrpSolve(field, [1, 2], { ...o, rule: [lrpEpsilon(0)] }),
    isArg(/options\.rule: lists 1 rules; the network has 2 dense layers/),
  );
  assert.throws(
    () => lrpSolve(field, [1, 2], { ...o, step: 2 }),
    isArg(/options\.step: must be in \(0, \|t1 − t0\|\]/),
  );
  assert.throws(() => lrpDense(field, [1], { rule: lrpEpsilon(0) }), isArg(/x: has length 1/));
  assert.throws(() => lrpEpsilon(-1), isArg(/epsilon: must be a finite number ≥ 0, got number -1/));
  const classifier = lrpNetwork({ sizes: [2, 2, 1], activation: "relu" }, new Float64Array(9));
  assert.throws(
    () => lrpSolve({ network: classifier, known: null, dim: 1 }, [1], o),
    isArg(/field: a vector field's network maps the state to its derivative/),
  );
});

test("lrpSolve, Lotka–Volterra hybrid (bilinear known part): the normalised gradient × input conserves, Σ R(y0) + absorbed = Σ R_out (1e-10)", () => {
  // known = (αx − βxy, δxy − γy): its Jacobian-times-state is not known itself (degree 2), the rule normalises per output.
  const [al, be, de, ga] = [1.3, 0.9, 0.8, 1.8];
  const known = {
    rhs: (_t: number, y: Float64Array, out: Float64Array) => {
      out[0] = al * y[0] - be * y[0] * y[1];
      out[1] = de * y[0] * y[1] - ga * y[1];
    },
    jacobian: (_t: number, y: Float64Array, J: Float64Array) => {
      J[0] = al - be * y[1];
      J[1] = -be * y[0];
      J[2] = de * y[1];
      J[3] = de * y[0] - ga;
    },
  };
  const nn = mlp64({ dim: 2, hidden: [12], seed: 17 });
  const r = lrpSolve(new FusedHybrid(nn, known), [0.44, 0.9], {
    step: 0.05,
    t1: 2,
    rule: lrpEpsilon(1e-6),
    target: { component: 1 },
    knownEpsilon: 1e-9,
  });
  assert.ok(r.relativeGap <= 1e-10, `gap ${r.relativeGap}`);
  assert.ok(Math.abs(r.knownRelevanceTotal) > 0 && Math.abs(r.networkRelevanceTotal) > 0);
  // With sumEpsilon = 0 the split of every k_i is exact: known + network = what entered the field.
  const scale = r.fieldRelevance.flat().reduce((a, v) => a + Math.abs(v), 0);
  assert.ok(Math.abs(r.knownRelevanceTotal + r.networkRelevanceTotal - r.fieldRelevanceTotal) <= 1e-12 * scale);
  assert.equal(r.absorbed.sums, 0);
  // The known part hands on what it receives up to its ε share.
  assert.ok(r.absorbed.known !== 0 && Math.abs(r.absorbed.known) <= 1e-6 * scale, `known ε share ${r.absorbed.known}`);
});

test("lrpDense, cube input transform: relevance at y equals the relevance at x0 = y³ of the same network without it (passes unchanged)", () => {
  const sizes = [2, 6, 2];
  const p = randomParameters(sizes, 71, true);
  const cube = lrpNetwork({ sizes, activation: "tanh", inputTransform: "cube" }, p);
  const plain = lrpNetwork({ sizes, activation: "tanh" }, p);
  const y = [0.8, -1.1];
  const a = lrpDense(cube, y, { rule: lrpEpsilon(0.01), target: { component: 0 } });
  const b = lrpDense(
    plain,
    y.map((v) => v * v * v),
    { rule: lrpEpsilon(0.01), target: { component: 0 } },
  );
  assert.deepEqual(a.inputRelevance, b.inputRelevance);
  assert.deepEqual(a.output, b.output);
});

test("lrpSolve backwards in time (t1 < t0), linear bias-free field, ε = 0: conservation 1e-12 and the states of solveIVP", () => {
  const sizes = [2, 4, 2];
  const p = randomParameters(sizes, 81, false);
  const field = new FusedMlp({ sizes, activation: "identity", timeDependent: false, inputTransform: "identity" }, p);
  const r = lrpSolve(field, [1, 2], { method: "RK4", step: 0.1, t0: 1, t1: 0, rule: lrpEpsilon(0), target: "output" });
  assert.equal(r.times.length, 11);
  assert.ok(r.relativeGap <= 1e-12, `gap ${r.relativeGap}`);
  const ivp = solveIVP((t, y, out) => field.forward(t, y, out), [1, 0], [1, 2], { method: "RK4", step: 0.1 });
  close(r.states[10], ivp.y[ivp.y.length - 1], 1e-12, "y_N vs solveIVP");
});

test("lrpOverTime / lrpGlobal, Euler on a bias-free linear field, ε = 0: row k = y0 ⊙ row c of (I + hA)^k at every k (1e-12); global = mean over states", () => {
  const d = 2;
  const hid = 3;
  const sizes = [d, hid, d];
  const p = randomParameters(sizes, 91, false);
  const field = new FusedMlp({ sizes, activation: "identity", timeDependent: false, inputTransform: "identity" }, p);
  const h = 0.25;
  const opts = { method: "Euler" as const, step: h, t1: 2, rule: lrpEpsilon(0), component: 1 };
  const y0 = [0.6, -1.4];
  const r = lrpOverTime(field, y0, opts);
  assert.equal(r.t.length, 9);
  const A = linearMatrix(p, d, hid);
  const P = A.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) + h * v));
  let M: number[][] = [
    [1, 0],
    [0, 1],
  ];
  for (let k = 0; k < r.t.length; k++) {
    close(r.attributions[k], [y0[0] * M[1][0], y0[1] * M[1][1]], 1e-12, `k = ${k}`);
    assert.ok(r.relativeGap[k] <= 1e-12);
    M = matMul(M, P);
  }
  const sel = lrpOverTime(field, y0, { ...opts, outputTimes: [0.5, 2] });
  assert.deepEqual(sel.attributions, [r.attributions[2], r.attributions[8]]);
  const y1 = [-0.3, 0.9];
  const r1 = lrpOverTime(field, y1, opts);
  const g = lrpGlobal(field, [y0, y1], opts);
  assert.equal(g.samples, 2);
  g.meanAbs.forEach((row, k) =>
    close(
      row,
      row.map((_, i) => (Math.abs(r.attributions[k][i]) + Math.abs(r1.attributions[k][i])) / 2),
      1e-15,
      `meanAbs ${k}`,
    ),
  );
  assert.deepEqual(
    g.knownShare,
    g.t.map(() => 0),
  );
  assert.throws(
    () => lrpGlobal(field, [y0, [1]], opts),
    (e: unknown) => e instanceof OdeArgumentError && /y0s\[1\]: has length 1/.test(e.message),
  );
});

test("lrpOverTime (step matrices) = lrpSolve at each output time (direct backward pass): hybrid, time-dependent tanh network with biases, ε rules, 1e-12", () => {
  const K = [
    [-0.3, 0.5],
    [-0.5, -0.1],
  ];
  const nn = mlp64({ dim: 2, hidden: [10, 10], seed: 19, timeDependent: true });
  const rand = mulberry32(20);
  for (let k = 0; k < nn.parameters.length; k++) nn.parameters[k] += 0.1 * (2 * rand() - 1);
  const field = new FusedHybrid(nn, linearKnown(K));
  const settings = { method: "RK4" as const, step: 0.1, t1: 1.5, rule: lrpEpsilon(1e-4), sumEpsilon: 1e-9 };
  const y0 = [0.7, -0.2];
  const over = lrpOverTime(field, y0, { ...settings, component: 1, outputTimes: [0, 0.3, 1, 1.5] });
  over.t.forEach((t, k) => {
    const one = lrpSolve(field, y0, { ...settings, target: { component: 1 }, outputTime: t });
    const scale = Math.abs(one.outputTotal) + one.initialRelevance.reduce((a, v) => a + Math.abs(v), 0);
    close(over.attributions[k], one.initialRelevance, 1e-12 * Math.max(1, scale), `R(y0) at t = ${t}`);
    for (const [a, b] of [
      [over.absorbed[k], one.absorbed.total],
      [over.networkRelevance[k], one.networkRelevanceTotal],
      [over.knownRelevance[k], one.knownRelevanceTotal],
    ])
      assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, scale), `t = ${t}: ${a} vs ${b}`);
    assert.ok(over.relativeGap[k] <= 1e-10, `gap ${over.relativeGap[k]}`);
  });
  assert.ok(over.knownRelevance[3] !== 0 && over.networkRelevance[3] !== 0);
});
