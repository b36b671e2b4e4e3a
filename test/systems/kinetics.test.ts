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
} from "../../lib/systems/kinetics/index";
import type { ReactionNetwork } from "../../lib/systems/kinetics/index";
import { problemSet, solveIVP, OdeArgumentError } from "../../lib/index";
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

test("DSL networks equal the hand-written ROBER, HIRES, OREGO and Brusselator right-hand sides (1e-12 rel.) with FD-exact Jacobians", () => {
  const pairs: [ReactionNetwork, (typeof problemSet)[keyof typeof problemSet]][] = [
    [robertsonNetwork(), problemSet.rober],
    [hiresNetwork(), problemSet.hires],
    [oregoNetwork(), problemSet.orego],
    [brusselatorNetwork(), problemSet.brusselator],
  ];
  for (const [net, ref] of pairs) {
    assert.equal(net.n, ref.n);
    for (const y of [Float64Array.from(ref.y0), ...states(ref.n)]) {
      const a = new Float64Array(ref.n);
      const b = new Float64Array(ref.n);
      net.rhs(0, y, a);
      ref.rhs(0, y, b);
      a.forEach((v, i) =>
        assert.ok(Math.abs(v - b[i]) <= 1e-12 * Math.max(1, Math.abs(b[i])), `${ref.name} d${i}: ${v} vs ${b[i]}`),
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
