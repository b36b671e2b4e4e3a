import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP } from "../../lib/ode/solveIVP";
import { mlp64 } from "../../lib/neural/fields/mlp64";
import { FusedHybrid } from "../../lib/neural/fields/hybrid64";
import {
  learnedTerm,
  sindyOnLearnedTerm,
  polynomialLibrary,
  formatEquations,
  DiscoveryArgumentError,
  DiscoveryTypeError,
} from "../../lib/discovery/index";

// Lotka–Volterra with the parameters of Rackauckas et al. 2020 (arXiv:2001.04385, Sec. 2.1):
// u' = αu − βuv, v' = γuv − δv; the known part is αu, −δv, the missing one −βuv, γuv.
const [alpha, beta, gamma, delta] = [1.3, 0.9, 0.8, 1.8];
const known = {
  rhs: (_t: number, y: Float64Array, d: Float64Array) => {
    d[0] = alpha * y[0];
    d[1] = -delta * y[1];
  },
  jacobian: (_t: number, _y: Float64Array, J: Float64Array) => {
    J[0] = alpha;
    J[1] = 0;
    J[2] = 0;
    J[3] = -delta;
  },
};
const lv = (_t: number, y: Float64Array, d: Float64Array) => {
  d[0] = alpha * y[0] - beta * y[0] * y[1];
  d[1] = gamma * y[0] * y[1] - delta * y[1];
};
const tEval = Array.from({ length: 31 }, (_, k) => k / 10);
const X = solveIVP(lv, [0, 3], [0.44249296, 4.6280594], { method: "DOP853", rtol: 1e-10, atol: 1e-12, tEval }).y.map(
  (y) => Float64Array.from(y),
);

test("learnedTerm of a FusedHybrid is its network's output (to 1e-14 relative), new arrays per sample", () => {
  const nn = mlp64({ dim: 2, hidden: [8, 8], activation: "tanh", seed: 4 });
  const hybrid = new FusedHybrid(nn, known);
  const got = learnedTerm(hybrid, known, X);
  assert.equal(got.length, X.length);
  got.forEach((g, k) => {
    assert.notEqual(g, X[k]);
    const want = new Float64Array(2);
    nn.forward(0, X[k], want);
    for (let i = 0; i < 2; i++) {
      assert.ok(
        Math.abs(g[i] - want[i]) <= 1e-14 * (1 + Math.abs(want[i])),
        `sample ${k}, ${i}: ${g[i]} vs ${want[i]}`,
      );
    }
  });
  // The bare function form of the known part gives the same.
  assert.deepEqual(learnedTerm(hybrid, known.rhs, X), got);
});

test("sindyOnLearnedTerm: the exact missing term −βuv, γuv recovered to 1e-8, every other coefficient exactly 0", () => {
  // A hybrid whose network part is replaced by the exact missing term: the field is LV itself.
  const exact = { dim: 2, forward: (t: number, y: Float64Array, out: Float64Array) => lv(t, y, out) };
  const res = sindyOnLearnedTerm(exact, known, X, {
    library: polynomialLibrary(2, 3, { stateNames: ["u", "v"] }),
    threshold: 0.05,
  });
  res.featureNames.forEach((name, j) => {
    const want = name === "u*v" ? [-beta, gamma] : [0, 0];
    for (let i = 0; i < 2; i++) {
      const got = res.coefficients[j][i];
      if (want[i] === 0) assert.equal(got, 0, `${name}, state ${i}: ${got}`);
      else assert.ok(Math.abs(got - want[i]) <= 1e-8, `${name}, state ${i}: ${got} vs ${want[i]}`);
    }
  });
  assert.deepEqual(formatEquations(res), ["du/dt = -0.9 u*v", "dv/dt = 0.8 u*v"]);
  assert.equal(res.target.length, X.length);
  res.target.forEach((r, k) => assert.ok(Math.abs(r[0] + beta * X[k][0] * X[k][1]) < 1e-14));
});

test("learnedTerm passes each sample's time to both parts: a time-dependent known part cancels exactly", () => {
  const knownT = (t: number, _y: Float64Array, d: Float64Array) => {
    d[0] = Math.sin(t);
  };
  const field = {
    dim: 1,
    forward: (t: number, y: Float64Array, out: Float64Array) => void (out[0] = Math.sin(t) + y[0] * y[0]),
  };
  const xs = [0.5, -1, 2].map((v) => Float64Array.of(v));
  const ts = [0.3, 1.7, 2.9];
  const got = learnedTerm(field, knownT, xs, ts);
  got.forEach((g, k) => assert.ok(Math.abs(g[0] - xs[k][0] ** 2) <= 1e-15, `sample ${k}: ${g[0]}`));
  // A field whose network part depends on t: the learned term is read at each sample's own time.
  const drift = { dim: 1, forward: (t: number, y: Float64Array, out: Float64Array) => void (out[0] = t + y[0]) };
  learnedTerm(drift, () => {}, xs, ts).forEach((g, k) => assert.equal(g[0], ts[k] + xs[k][0]));
  learnedTerm(drift, () => {}, xs).forEach((g, k) => assert.equal(g[0], xs[k][0]));
});

test("learnedTerm / sindyOnLearnedTerm: bad input is a typed error naming the argument and where", () => {
  const exact = { dim: 2, forward: (t: number, y: Float64Array, out: Float64Array) => lv(t, y, out) };
  assert.throws(
    () => learnedTerm(null as never, known, X),
    (e: Error) => e instanceof DiscoveryTypeError && /field/.test(e.message),
  );
  assert.throws(
    () => learnedTerm(exact, 3 as never, X),
    (e: Error) => e instanceof DiscoveryTypeError && /known/.test(e.message),
  );
  assert.throws(
    () => learnedTerm(exact, known, [Float64Array.of(1, 2, 3)]),
    (e: Error) =>
      e instanceof DiscoveryArgumentError && /X\[0\]/.test(e.message) && /expected length 2, got 3/.test(e.message),
  );
  assert.throws(
    () => learnedTerm(exact, known, X, [0, 1]),
    (e: Error) => e instanceof DiscoveryArgumentError && /t/.test(e.message) && /expected 31 times/.test(e.message),
  );
  assert.throws(
    () => learnedTerm(exact, known, [Float64Array.of(1, 1)], [NaN]),
    (e: Error) => e instanceof DiscoveryArgumentError && /non-finite time NaN at sample 0/.test(e.message),
  );
  const blowsUp = {
    dim: 2,
    forward: (_t: number, y: Float64Array, out: Float64Array) => out.fill(y[0] > 1 ? Infinity : 0),
  };
  assert.throws(
    () => learnedTerm(blowsUp, known, [Float64Array.of(0, 0), Float64Array.of(2, 0)]),
    (e: Error) => e instanceof DiscoveryArgumentError && /Infinity at sample 1, component 0/.test(e.message),
  );
  assert.throws(() => sindyOnLearnedTerm(exact, known, X, null as never), DiscoveryTypeError);
  assert.throws(
    () => sindyOnLearnedTerm(exact, known, X, { library: polynomialLibrary(2, 2), threshold: -1 }),
    (e: Error) => e instanceof DiscoveryArgumentError && /options.threshold/.test(e.message),
  );
});
