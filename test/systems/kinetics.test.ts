import { test } from "node:test";
import assert from "node:assert/strict";
import {
  reactions,
  reactionNetwork,
  networkFromObjects,
  robertsonNetwork,
  hiresNetwork,
  oregoNetwork,
  brusselatorNetwork,
  michaelisMenten,
  polluNetwork,
  polluY0,
  polluReference60,
  rateSensitivities,
  fitRateConstants,
  identifiability,
  KineticsSolveError,
} from "../../lib/systems/kinetics/index";
import type { ReactionNetwork } from "../../lib/systems/kinetics/index";
import { problemSet, solveIVP, OdeArgumentError, mulberry32, normalGenerator } from "../../lib/index";
import type { RhsInPlace } from "../../lib/index";
import { hiresHandWritten } from "../../bench/hiresHandWritten";
import { assertJacobianMatchesFD } from "../helpers/jacobianCheck";

/** A deterministic spread of positive test states. */
function states(n: number, count = 4): Float64Array[] {
  return Array.from({ length: count }, (_, s) =>
    Float64Array.from({ length: n }, (_, i) => 0.05 + ((7 * i + 3 * s) % 11) / 10),
  );
}

function jacobianMatchesFD(net: ReactionNetwork) {
  for (const y of states(net.n)) assertJacobianMatchesFD(net.toString(), net.rhs, net.jacobian, 0, y, { scale: "row" });
}

test("the reaction language: stoichiometry, mass-action rates against hand-derived ones, reversible pairs, sources", () => {
  const net = reactions`A + B -> C, ${2}; 2C <-> D, ${0.5}, ${0.1}; -> A, ${0.3}; D ->, ${0.05}`;
  assert.deepEqual(net.species, ["A", "B", "C", "D"]);
  assert.equal(net.m, 5);
  // N (species × reactions), reactions: A+B→C, 2C→D, D→2C, →A, D→∅.
  assert.deepEqual(Array.from(net.stoichiometry), [-1, 0, 0, 1, 0, -1, 0, 0, 0, 0, 1, -2, 2, 0, 0, 0, 1, -1, 0, -1]);
  const y = Float64Array.from([0.7, 1.3, 0.4, 0.9]);
  const d = new Float64Array(4);
  net.rhs(0, y, d);
  const [a, b, c, dd] = y;
  const r = [2 * a * b, 0.5 * c * c, 0.1 * dd, 0.3, 0.05 * dd];
  const want = [-r[0] + r[3], -r[0], r[0] - 2 * r[1] + 2 * r[2], r[1] - r[2] - r[4]];
  want.forEach((w, i) => assert.ok(Math.abs(d[i] - w) < 1e-14, `d${i}: ${d[i]} vs ${w}`));
  jacobianMatchesFD(net);
  // Object form gives the same network.
  const obj = networkFromObjects([
    { reactants: { A: 1, B: 1 }, products: { C: 1 }, k: 2 },
    { reactants: { C: 2 }, products: { D: 1 }, k: 0.5 },
    { reactants: { D: 1 }, products: { C: 2 }, k: 0.1 },
    { reactants: {}, products: { A: 1 }, k: 0.3 },
    { reactants: { D: 1 }, products: {}, k: 0.05 },
  ]);
  const d2 = new Float64Array(4);
  obj.rhs(0, y, d2);
  assert.deepEqual(Array.from(d2), Array.from(d));
});

test("bad reaction text and rates give errors naming the reaction or the rate", () => {
  assert.throws(
    () => reactions`A + -> B, 1`,
    (e: Error) => e instanceof OdeArgumentError && /reaction 1/.test(e.message),
  );
  assert.throws(() => reactions`A -> B`, /missing rate constant/);
  assert.throws(() => reactions`A -> B, k1`, /k1 have no value/);
  assert.throws(() => reactionNetwork("A -> B, k1", { k1: -1 }), /k1 .* is -1/);
  assert.throws(() => reactionNetwork("A -> B, k1", { k1: 1, k9: 2 }), /"k9" is not a rate constant/);
  assert.throws(() => reactionNetwork("A -> B -> C, 1"), /exactly one/);
});

// The four problems as their sources print them (ODE form), at the default and at other rate
// constants: the reference for the reaction networks, which are now their only definition
// (problemSet wraps them).
const robertsonOde =
  (k1: number, k2: number, k3: number): RhsInPlace =>
  (_t, y, d) => {
    d[0] = -k1 * y[0] + k3 * y[1] * y[2];
    d[1] = k1 * y[0] - k3 * y[1] * y[2] - k2 * y[1] * y[1];
    d[2] = k2 * y[1] * y[1];
  };
const oregoOde =
  (s: number, q: number, w: number): RhsInPlace =>
  (_t, y, d) => {
    d[0] = s * (y[1] + y[0] * (1 - q * y[0] - y[1]));
    d[1] = (y[2] - (1 + y[0]) * y[1]) / s;
    d[2] = w * (y[0] - y[2]);
  };
const brusselatorOde =
  (a: number, b: number): RhsInPlace =>
  (_t, y, d) => {
    d[0] = a + y[0] * y[0] * y[1] - (b + 1) * y[0];
    d[1] = b * y[0] - y[0] * y[0] * y[1];
  };
const published: [string, ReactionNetwork, RhsInPlace, keyof typeof problemSet][] = [
  ["ROBER (HNW II, Sec. IV.1, eq. 1.4)", robertsonNetwork(), robertsonOde(0.04, 3e7, 1e4), "rober"],
  ["ROBER, k = (0.1, 2e7, 5e3)", robertsonNetwork(0.1, 2e7, 5e3), robertsonOde(0.1, 2e7, 5e3), "rober"],
  ["HIRES (HNW II, Sec. IV.10)", hiresNetwork(), hiresHandWritten, "hires"],
  ["OREGO (HNW II, Sec. IV.1, eq. 1.5)", oregoNetwork(), oregoOde(77.27, 8.375e-6, 0.161), "orego"],
  ["OREGO, (s, q, w) = (50, 1e-4, 0.3)", oregoNetwork(50, 1e-4, 0.3), oregoOde(50, 1e-4, 0.3), "orego"],
  ["Brusselator (Prigogine & Lefever 1968), a = 1, b = 3", brusselatorNetwork(), brusselatorOde(1, 3), "brusselator"],
  ["Brusselator, a = 2, b = 5.5", brusselatorNetwork(2, 5.5), brusselatorOde(2, 5.5), "brusselator"],
];

test("DSL networks give the published ROBER, HIRES, OREGO and Brusselator equations (1e-12 rel.) with FD-exact Jacobians", () => {
  for (const [name, net, ref, problem] of published) {
    assert.equal(net.n, problemSet[problem].n, name);
    for (const y of [Float64Array.from(problemSet[problem].y0), ...states(net.n)]) {
      const a = new Float64Array(net.n);
      const b = new Float64Array(net.n);
      net.rhs(0, y, a);
      ref(0, y, b);
      a.forEach((v, i) =>
        assert.ok(Math.abs(v - b[i]) <= 1e-12 * Math.max(1, Math.abs(b[i])), `${name} d${i}: ${v} vs ${b[i]}`),
      );
    }
    jacobianMatchesFD(net);
  }
  jacobianMatchesFD(polluNetwork());
  jacobianMatchesFD(michaelisMenten(2, 1, 0.5));
});

test("conservation laws: left null spaces of ROBER, Michaelis–Menten and POLLU, and they hold along stiff solutions (1e-9)", () => {
  assert.deepEqual(robertsonNetwork().conservationLaws(), [[1, 1, 1]]);
  const mm = michaelisMenten(1e3, 1, 10);
  const laws = mm.conservationLaws();
  assert.equal(laws.length, 2);
  // Every law annihilates the stoichiometry; E + ES and S + ES + P span the laws.
  for (const c of laws)
    for (let j = 0; j < mm.m; j++) {
      let s = 0;
      for (let i = 0; i < mm.n; i++) s += c[i] * mm.stoichiometry[i * mm.m + j];
      assert.equal(s, 0);
    }
  for (const [net, y0, tEnd] of [
    [mm, mm.state({ E: 1e-3, S: 1 }), 50],
    [polluNetwork(), Float64Array.from(polluY0), 60],
  ] as const) {
    const sol = solveIVP(net.rhs, [0, tEnd], y0, { method: "Rodas5", rtol: 1e-9, atol: 1e-13, jacobian: net.jacobian });
    assert.ok(sol.success, sol.message);
    for (const c of net.conservationLaws()) {
      const q = (y: ArrayLike<number>) => c.reduce((acc, ci, i) => acc + ci * y[i], 0);
      const q0 = q(y0);
      for (const y of sol.y)
        assert.ok(Math.abs(q(y) - q0) <= 1e-9 * Math.max(1, Math.abs(q0)), `law ${c}: ${q(y)} vs ${q0}`);
    }
  }
});

test("POLLU: the DSL network solved by Rodas5 and BDF matches the IVP test-set reference at t = 60 (rel. 1e-5)", () => {
  const net = polluNetwork();
  assert.equal(net.n, 20);
  assert.equal(net.m, 25);
  for (const method of ["Rodas5", "BDF"] as const) {
    const sol = solveIVP(net.rhs, [0, 60], polluY0, { method, rtol: 1e-10, atol: 1e-14, jacobian: net.jacobian });
    assert.ok(sol.success, sol.message);
    const end = sol.y[sol.y.length - 1];
    polluReference60.forEach((ref, i) =>
      assert.ok(Math.abs(end[i] - ref) <= 1e-5 * Math.abs(ref) + 1e-20, `${method} y${i + 1}: ${end[i]} vs ${ref}`),
    );
  }
});

test("forward sensitivities ∂y/∂k match central differences of the solution (ROBER, rel. 1e-5)", () => {
  const net = robertsonNetwork();
  const tEval = [0, 0.5, 2, 10];
  const sens = rateSensitivities(net, [1, 0, 0], [0, 10], { tEval, method: "BDF", rtol: 1e-11, atol: 1e-15 });
  for (let j = 0; j < net.m; j++) {
    const eps = 1e-5 * net.k[j];
    const solveWith = (kj: number) => {
      const k = Float64Array.from(net.k);
      k[j] = kj;
      const m = net.withRateVector(k);
      return solveIVP(m.rhs, [0, 10], [1, 0, 0], {
        method: "BDF",
        rtol: 1e-12,
        atol: 1e-16,
        tEval,
        jacobian: m.jacobian,
      }).y;
    };
    const plus = solveWith(net.k[j] + eps);
    const minus = solveWith(net.k[j] - eps);
    for (let ti = 1; ti < tEval.length; ti++) {
      for (let i = 0; i < net.n; i++) {
        const fd = (plus[ti][i] - minus[ti][i]) / (2 * eps);
        const s = sens.S[ti][i * net.m + j];
        assert.ok(
          Math.abs(fd - s) <= 1e-5 * Math.abs(fd) + 1e-14,
          `∂y${i}/∂k${j + 1} at t=${tEval[ti]}: ${s} vs FD ${fd}`,
        );
      }
    }
  }
});

test("rate constants are recovered from noise-free ROBER data by Levenberg–Marquardt with sensitivities (rel. 1e-4)", () => {
  const truth = robertsonNetwork();
  const t = [0, 0.1, 0.4, 1, 4, 10, 40, 100];
  const sol = solveIVP(truth.rhs, [0, 100], [1, 0, 0], {
    method: "Rodas5",
    rtol: 1e-11,
    atol: 1e-16,
    tEval: t,
    jacobian: truth.jacobian,
  });
  const data = { t, y: sol.y.map((r) => Array.from(r)) };
  const start = truth.withRates({ k1: 0.01, k3: 3e3 });
  const fitted = fitRateConstants(start, { data, y0: [1, 0, 0], fit: ["k1", "k3"], rtol: 1e-10, atol: 1e-16 });
  assert.ok(fitted.converged);
  assert.ok(Math.abs(fitted.rates.k1 / 0.04 - 1) < 1e-4, `k1 = ${fitted.rates.k1}`);
  assert.ok(Math.abs(fitted.rates.k3 / 1e4 - 1) < 1e-4, `k3 = ${fitted.rates.k3}`);
  assert.ok(fitted.costHistory[fitted.costHistory.length - 1] < 1e-12 * fitted.costHistory[0]);
});

/** Seeded standard normal draws: the library's Box–Muller on mulberry32, one normal per pair of uniforms. */
function normals(seed: number): () => number {
  return normalGenerator(mulberry32(seed), 1, "cosine");
}

/** Observations of `net` from y0 at times t (Rodas5, rtol 1e-11) with absolute Gaussian noise σ. */
function noisyData(net: ReactionNetwork, y0: number[], t: number[], sigma: number, seed: number) {
  const sol = solveIVP(net.rhs, [t[0], t[t.length - 1]], y0, {
    method: "Rodas5",
    rtol: 1e-11,
    atol: 1e-14,
    tEval: t,
    jacobian: net.jacobian,
  });
  assert.ok(sol.success, sol.message);
  const g = normals(seed);
  return { t, y: sol.y.map((row) => Array.from(row, (v) => v + sigma * g())) };
}

const tObs = Array.from({ length: 21 }, (_, i) => i * 0.5);

test("a well-posed fit (A → B → C, noise σ = 0.01) recovers k1, k2 within 4 standard errors and names nothing", () => {
  const truth = reactionNetwork("A -> B, k1; B -> C, k2", { k1: 1, k2: 0.3 });
  const data = noisyData(truth, [1, 0, 0], tObs, 0.01, 11);
  const fitted = fitRateConstants(truth.withRates({ k1: 0.25, k2: 0.075 }), { data, y0: [1, 0, 0], fit: ["k1", "k2"] });
  assert.ok(fitted.converged, fitted.message);
  for (const [name, k] of [
    ["k1", 1],
    ["k2", 0.3],
  ] as const) {
    const se = fitted.logStdErrors[name];
    // σ = 0.01 on 63 residuals: the standard errors of ln k are a few per cent.
    assert.ok(se > 1e-3 && se < 0.05, `se(ln ${name}) = ${se}`);
    const dev = Math.abs(Math.log(fitted.rates[name] / k));
    assert.ok(dev <= 4 * se, `${name} = ${fitted.rates[name]}, |ln(k̂/k)| = ${dev} > 4·se = ${4 * se}`);
  }
  assert.deepEqual(fitted.unidentifiable, []);
  assert.ok(Math.abs(fitted.correlation.k1.k2) < 0.99);
  assert.match(fitted.message, /^Converged after \d+ iterations.*The data identify every fitted constant\.$/);
});

test("an ill-posed fit (fast equilibrium A ⇌ B, kf = 1000, kb = 500) names kf and kb, not k2; fixing or bounding kf identifies kb", () => {
  const truth = reactionNetwork("A <-> B, kf, kb; B -> C, k2", { kf: 1000, kb: 500, k2: 0.5 }, ["A", "B", "C"]);
  const data = noisyData(truth, [1, 0, 0], tObs, 0.005, 7);
  // Observations every 0.5 while A ⇌ B relaxes in 1/(kf + kb) ≈ 7e-4: only K = kf/kb is seen.
  const start = truth.withRates({ kf: 4000, kb: 2000, k2: 2 });
  const free = fitRateConstants(start, { data, y0: [1, 0, 0], fit: ["kf", "kb", "k2"] });
  assert.deepEqual(
    free.unidentifiable.map((u) => u.name),
    ["kf", "kb"],
    free.message,
  );
  assert.ok(free.correlation.kf.kb > 0.99, `corr(kf, kb) = ${free.correlation.kf.kb}`);
  assert.ok(free.singularValues[2] < 1e-6, `smallest singular value ${free.singularValues[2]}`);
  for (const u of free.unidentifiable) assert.match(u.reason, /correlated with k[fb] \(ρ = 1\.0000/);
  assert.match(free.message, /do not identify kf, kb .* Fix them .* bound them \(`bounds`\)/);
  // What the data do fix: the equilibrium constant and k2.
  assert.ok(Math.abs(free.rates.kf / free.rates.kb / 2 - 1) < 0.05, `kf/kb = ${free.rates.kf / free.rates.kb}`);
  assert.ok(Math.abs(Math.log(free.rates.k2 / 0.5)) <= 4 * free.logStdErrors.k2, `k2 = ${free.rates.k2}`);
  // The advice works: with kf fixed (at 4000) or bounded (≤ 5000), kb is identified at kf/2.
  const fixed = fitRateConstants(start, { data, y0: [1, 0, 0], fit: ["kb", "k2"] });
  assert.deepEqual(fixed.unidentifiable, [], fixed.message);
  assert.ok(Math.abs(Math.log(fixed.rates.kb / 2000)) <= 4 * fixed.logStdErrors.kb, `kb = ${fixed.rates.kb}`);
  const bounded = fitRateConstants(start, { data, y0: [1, 0, 0], fit: ["kf", "kb", "k2"], bounds: { kf: [1, 5000] } });
  assert.deepEqual(bounded.atBound, ["kf"], bounded.message);
  assert.deepEqual(bounded.unidentifiable, [], bounded.message);
  assert.ok(
    Math.abs(bounded.rates.kf / bounded.rates.kb / 2 - 1) < 0.05,
    `kf/kb = ${bounded.rates.kf / bounded.rates.kb}`,
  );
  assert.match(bounded.message, /At a bound: kf = 5\.000e\+3/);
});

test("iterations count accepted Levenberg–Marquardt steps: 0 at the optimum, maxIterations when cut off, ≥ ⌈ln-distance⌉ otherwise", () => {
  const truth = reactionNetwork("A -> B, k1; B -> C, k2", { k1: 1, k2: 0.3 });
  // Data from the very solve the fit makes at the true constants: residuals at rounding level there.
  const sens = rateSensitivities(truth, [1, 0, 0], [0, 10], { tEval: tObs });
  const data = { t: tObs, y: sens.y.map((r) => Array.from(r)) };
  const calls: number[] = [];
  const callsTwo: number[] = [];
  const callsFull: number[] = [];
  const atOptimum = fitRateConstants(truth, {
    data,
    y0: [1, 0, 0],
    fit: ["k1", "k2"],
    onIteration: (i) => calls.push(i.iteration),
  });
  // (exp(ln k) may differ from k by an ulp, so the residuals are at rounding level, not exactly 0)
  assert.ok(atOptimum.costHistory[0] < 1e-25, `cost ${atOptimum.costHistory[0]}`);
  assert.equal(atOptimum.iterations, 0);
  assert.equal(atOptimum.evaluations, 1);
  assert.ok(atOptimum.converged);
  assert.deepEqual(calls, []);
  assert.match(atOptimum.message, /^Converged after 0 iterations: the gradient vanishes/);
  // Cut off after two iterations: two accepted steps, reported as such, not converged.
  const far = truth.withRates({ k1: 0.05, k2: 0.02 });
  const two = fitRateConstants(far, {
    data,
    y0: [1, 0, 0],
    fit: ["k1", "k2"],
    maxIterations: 2,
    onIteration: (i) => callsTwo.push(i.iteration),
  });
  assert.equal(two.iterations, 2);
  assert.deepEqual(callsTwo, [1, 2]);
  assert.equal(two.costHistory.length, 3);
  assert.equal(two.converged, false);
  assert.match(two.message, /^Did not converge after 2 iterations: stopped at maxIterations = 2\./);
  const none = fitRateConstants(far, { data, y0: [1, 0, 0], fit: ["k1", "k2"], maxIterations: 0 });
  assert.equal(none.iterations, 0);
  assert.equal(none.rates.k1, 0.05);
  // Run to convergence: each step moves ln k by at most 1 (the trust region), and ln(1/0.05) ≈ 3.0,
  // ln(0.3/0.02) ≈ 2.7, so at least 3 steps; every accepted step lowers the cost.
  const full = fitRateConstants(far, {
    data,
    y0: [1, 0, 0],
    fit: ["k1", "k2"],
    onIteration: (i) => callsFull.push(i.iteration),
  });
  assert.ok(full.converged, full.message);
  assert.ok(full.iterations >= 3, `${full.iterations} iterations`);
  assert.equal(full.costHistory.length, full.iterations + 1);
  assert.deepEqual(
    callsFull,
    Array.from({ length: full.iterations }, (_, i) => i + 1),
  );
  for (let i = 1; i < full.costHistory.length; i++) assert.ok(full.costHistory[i] < full.costHistory[i - 1]);
  assert.ok(Math.abs(full.rates.k1 - 1) < 1e-6 && Math.abs(full.rates.k2 - 0.3) < 1e-6, JSON.stringify(full.rates));
});

test("identifiability on hand-built sensitivity matrices: analytic standard errors, a collinear pair, a dead column", () => {
  // Orthogonal columns of norms 2 and 3, residuals (1, 1, 1): s² = 3/(3 − 2), se = s/‖J_q‖.
  const ortho = identifiability(
    [
      [2, 0],
      [0, 3],
      [0, 0],
    ],
    1.5,
    ["a", "b"],
  );
  assert.ok(Math.abs(ortho.logStdErrors[0] - Math.sqrt(3) / 2) < 1e-15);
  assert.ok(Math.abs(ortho.logStdErrors[1] - Math.sqrt(3) / 3) < 1e-15);
  assert.equal(ortho.correlation[0][1], 0);
  assert.deepEqual(ortho.singularValues, [1, 1]);
  assert.deepEqual(ortho.unidentifiable, []);
  // Column b = −2·a exactly, c independent, d zero: a and b named (the output depends on
  // ln a + ln b… only through their difference of scaled columns: null direction (1, 1)/√2,
  // estimates correlated +1), d as insensitive, c not at all.
  const rows = [
    [1, -2, 0, 0],
    [2, -4, 1, 0],
    [0, 0, 1, 0],
    [1, -2, 0, 0],
    [0, 0, 2, 0],
  ];
  const bad = identifiability(rows, 1e-4, ["a", "b", "c", "d"]);
  assert.deepEqual(
    bad.unidentifiable.map((u) => u.name),
    ["a", "b", "d"],
  );
  assert.ok(Math.abs(bad.correlation[0][1] - 1) < 1e-12, `ρ(a, b) = ${bad.correlation[0][1]}`);
  assert.ok(Math.abs(bad.correlation[0][2]) < 1e-12, `ρ(a, c) = ${bad.correlation[0][2]}`);
  assert.match(
    bad.unidentifiable[0].reason,
    /barely changes along \+0\.71·ln a \+0\.71·ln b \(singular value ≈ 0, below rounding\)/,
  );
  assert.equal(bad.logStdErrors[0], Infinity);
  assert.ok(Number.isFinite(bad.logStdErrors[2]));
  assert.match(bad.unidentifiable[2].reason, /do not depend on it/);
  assert.equal(bad.logStdErrors[3], Infinity);
  assert.ok(bad.singularValues[3] === 0 && bad.singularValues[2] < 1e-7, JSON.stringify(bad.singularValues));
});

test("rate-fit options are checked before the first solve: TypeErrors for wrong types, RangeErrors naming value and where", () => {
  const net = reactionNetwork("A -> B, k1; B -> C, k2", { k1: 1, k2: 0.3 });
  const good = { data: { t: [0, 1, 2], y: [[1], [0.4], [0.1]] }, observed: ["A"], y0: [1, 0, 0], fit: ["k1"] };
  const bad = (patch: object, type: abstract new (...args: never[]) => Error, message: RegExp) =>
    assert.throws(
      () => fitRateConstants(net, { ...good, ...patch } as Parameters<typeof fitRateConstants>[1]),
      (e: Error) => e instanceof type && message.test(e.message),
    );
  bad(
    { data: { t: "0,1", y: [] } },
    TypeError,
    /invalid argument data\.t: expected an array of times, got the string "0,1"/,
  );
  bad(
    { data: { t: [0, 2, 1], y: [[1], [1], [1]] } },
    RangeError,
    /data\.t: must increase strictly: time 2 is 1 after 2/,
  );
  bad(
    { data: { t: [0, 1, 2], y: [[1], [NaN], [1]] } },
    RangeError,
    /data\.y: row 1 \(t = 1\), species A: value NaN is not a finite number/,
  );
  bad({ y0: [1, 0] }, OdeArgumentError, /y0: has 2 entries, the network 3 species/);
  bad({ y0: [1, -1, 0] }, OdeArgumentError, /y0: species B \(index 1\) is -1/);
  bad({ fit: [] }, OdeArgumentError, /fit: is empty/);
  bad({ fit: ["k1", "k1"] }, OdeArgumentError, /fit: names "k1" twice/);
  bad({ fit: ["k9"] }, OdeArgumentError, /"k9" is not a rate constant \(k1, k2\)/);
  bad({ initial: { k1: 0 } }, OdeArgumentError, /initial\.k1: initial\.k1 is 0; the fit works in ln k/);
  bad({ initial: { k2: 1 } }, OdeArgumentError, /initial: "k2" is not among the fitted constants \(k1\)/);
  bad({ bounds: { k1: [2, 1] } }, OdeArgumentError, /bounds\.k1: \[2, 1\] must satisfy 0 < lo < hi/);
  bad({ bounds: { k1: [2, 3] } }, OdeArgumentError, /initial\.k1: start 1 lies outside bounds\.k1 = \[2,3\]/);
  bad({ bounds: { k1: 5 } }, TypeError, /bounds\.k1: expected a pair \[lo, hi\], got number 5/);
  bad({ maxIterations: -1 }, OdeArgumentError, /maxIterations: must be an integer ≥ 0, got -1/);
  bad({ observed: ["A", "A"] }, OdeArgumentError, /observed: names species "A" twice/);
  bad({ identifiability: { maxCorrelation: 2 } }, OdeArgumentError, /maxCorrelation: must be in \(0, 1\], got 2/);
  assert.throws(
    () => net.withRates({ k1: "fast" as unknown as number }),
    /invalid argument rates\.k1: expected a number, got the string "fast"/,
  );
  assert.throws(() => net.state({ A: -1 }), /concentration of A is -1/);
});

test("compiled rhs, Jacobian and rates check their buffers; a failed sensitivity solve is a KineticsSolveError", () => {
  const net = reactionNetwork("A + B -> C, k", { k: 2 });
  const y = Float64Array.from([1, 2, 0]);
  assert.throws(
    () => net.rhs(0, y, new Float64Array(6)),
    (e: Error) =>
      e instanceof OdeArgumentError && /dydt: rhs expects length 3 \(3 species, 1 reactions\), got 6/.test(e.message),
  );
  assert.throws(() => net.rhs(0, new Float64Array(6), new Float64Array(3)), /invalid argument y: rhs expects length 3/);
  assert.throws(() => net.jacobian(0, y, new Float64Array(3)), /invalid argument J: jacobian expects length 9/);
  assert.throws(() => net.rates(y, new Float64Array(2)), /invalid argument out: rates expects length 1/);
  assert.throws(
    () => net.rhs(0, y, undefined as unknown as Float64Array),
    (e: Error) =>
      e instanceof TypeError && /dydt: rhs expects a Float64Array of length 3, got undefined/.test(e.message),
  );
  // y' = y² from y(0) = 1 blows up at t = 1: the solve to t = 2 cannot finish.
  const blowUp = reactionNetwork("2A -> 3A, k", { k: 1 });
  assert.throws(
    () => rateSensitivities(blowUp, [1], [0, 2], { tEval: [0, 2] }),
    (e: Error) =>
      e instanceof KineticsSolveError &&
      e instanceof RangeError &&
      e.name === "KineticsSolveError" &&
      /rateSensitivities: the BDF solve/.test(e.message),
  );
});

test("a compiled Jacobian writes every entry: the structural zeros over whatever the buffer held (unrolled for 3 species, one fill for POLLU's 20)", () => {
  for (const net of [robertsonNetwork(), polluNetwork()]) {
    const n = net.n;
    const y = Float64Array.from({ length: n }, (_, i) => 0.5 + 0.25 * i);
    const fresh = new Float64Array(n * n);
    net.jacobian(0, y, fresh);
    const dirty = new Float64Array(n * n).fill(NaN);
    net.jacobian(0, y, dirty);
    assert.deepEqual(dirty, fresh, `${n} species`);
    // The zeros are where no reaction couples species i to j: ROBER's ∂y₃'/∂y₁ and ∂y₃'/∂y₃, POLLU has > 64 zeros.
    const zeros = fresh.filter((v) => v === 0).length;
    assert.ok(zeros > 0 && (n < 20 || zeros > 64), `${n} species: ${zeros} zeros`);
  }
});
