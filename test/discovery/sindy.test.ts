import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP } from "../../lib/ode/solveIVP";
import { lorenz } from "../../lib/problems/lorenz";
import { lotkaVolterra } from "../../lib/problems/lotkaVolterra";
import type { StandardProblem } from "../../lib/problems/problem";
import {
  sindy,
  polynomialLibrary,
  formatEquations,
  finiteDifference,
  DiscoveryArgumentError,
  DiscoveryTypeError,
  type SindyResult,
} from "../../lib/discovery/index";

/** Samples of a trajectory at spacing dt (DOP853, rtol 1e-10) and the exact derivatives from the rhs. */
function sample(p: StandardProblem, tFinal: number, dt: number) {
  const m = Math.round(tFinal / dt) + 1;
  const tEval = Array.from({ length: m }, (_, k) => k * dt);
  const r = solveIVP(p.rhs, [0, tEval[m - 1]], p.y0, { method: "DOP853", rtol: 1e-10, atol: 1e-12, tEval });
  assert.equal(r.status, "success");
  const X = r.y.map((y) => Float64Array.from(y));
  const dX = X.map((x) => {
    const d = new Float64Array(x.length);
    p.rhs(0, x, d);
    return d;
  });
  return { t: Float64Array.from(r.t), X, dX };
}

/** Every true coefficient within rel, every other exactly 0. truth: feature name → per-state coefficients. */
function assertRecovered(res: SindyResult, truth: Record<string, number[]>, rel: number) {
  res.featureNames.forEach((name, j) => {
    res.stateNames.forEach((state, i) => {
      const want = truth[name]?.[i] ?? 0;
      const got = res.coefficients[j][i];
      if (want === 0) assert.equal(got, 0, `d${state}/dt, feature ${name}: expected exactly 0, got ${got}`);
      else {
        const err = Math.abs(got - want) / Math.abs(want);
        assert.ok(err <= rel, `d${state}/dt, feature ${name}: ${got} vs ${want}, relative error ${err} > ${rel}`);
      }
    });
  });
}

// Lorenz-63 (σ=10, ρ=28, β=8/3): ẋ = −10x + 10y, ẏ = 28x − y − xz, ż = xy − (8/3)z.
const lorenzTruth = { x: [-10, 28, 0], y: [10, -1, 0], z: [0, 0, -8 / 3], "x*z": [0, -1, 0], "x*y": [0, 0, 1] };
const lorenzData = sample(lorenz(), 10, 0.002);

test("Lorenz-63 from exact derivatives: coefficients within 1e-6 relative, the rest exactly 0", () => {
  const res = sindy(lorenzData.X, lorenzData.dX, { library: polynomialLibrary(3, 2), threshold: 0.1 });
  assertRecovered(res, lorenzTruth, 1e-6);
  assert.ok(res.residual < 1e-8, `residual ${res.residual}`);
  assert.ok(res.iterations >= 1);
  assert.deepEqual(formatEquations(res, { digits: 6 }), [
    "dx/dt = -10 x + 10 y",
    "dy/dt = 28 x - y - x*z",
    "dz/dt = -2.66667 z + x*y",
  ]);
});

/** Largest relative error over the true (nonzero) coefficients. */
function maxRelError(res: SindyResult, truth: Record<string, number[]>): number {
  let worst = 0;
  res.featureNames.forEach((name, j) =>
    (truth[name] ?? []).forEach((want, i) => {
      if (want !== 0) worst = Math.max(worst, Math.abs(res.coefficients[j][i] - want) / Math.abs(want));
    }),
  );
  return worst;
}

// The central differences' truncation error (h²/6)·x''' biases the fit: at dt 0.002 the y term of
// dy/dt is off by 1.7e-3 relative (measured), so 2e-3 there; at dt 0.001 within 1e-3, and the
// error falls 4× per halving (second order).
test("Lorenz-63 from finite-difference derivatives: within 2e-3 (dt 0.002) and 1e-3 (dt 0.001), error ratio 4, the rest exactly 0", () => {
  const library = polynomialLibrary(3, 2);
  const coarse = sindy(lorenzData.X, finiteDifference(lorenzData.t, lorenzData.X), { library, threshold: 0.1 });
  assertRecovered(coarse, lorenzTruth, 2e-3);
  const fine = sample(lorenz(), 10, 0.001);
  const fineRes = sindy(fine.X, finiteDifference(fine.t, fine.X), { library, threshold: 0.1 });
  assertRecovered(fineRes, lorenzTruth, 1e-3);
  const ratio = maxRelError(coarse, lorenzTruth) / maxRelError(fineRes, lorenzTruth);
  assert.ok(Math.abs(ratio - 4) < 0.3, `error ratio ${ratio}, expected 4 for second order`);
});

// Lotka–Volterra (a, b, c, d) = (1.5, 1, 3, 1): ẋ = 1.5x − xy, ẏ = −3y + xy.
const lvTruth = { x: [1.5, 0], y: [0, -3], "x*y": [-1, 1] };
const lvData = sample(lotkaVolterra(), 10, 0.002);

test("Lotka–Volterra from exact derivatives (1e-6) and finite differences (1e-3), degree-3 library", () => {
  const library = polynomialLibrary(2, 3);
  assertRecovered(sindy(lvData.X, lvData.dX, { library, threshold: 0.1 }), lvTruth, 1e-6);
  const fd = sindy(lvData.X, finiteDifference(lvData.t, lvData.X), { library, threshold: 0.1 });
  assertRecovered(fd, lvTruth, 1e-3);
  assert.deepEqual(formatEquations(fd, { digits: 3 }), ["dx/dt = 1.5 x - x*y", "dy/dt = -3 y + x*y"]);
});

test("finiteDifference is exact on quadratics, also with non-uniform times and at both ends", () => {
  const t = Float64Array.from([0, 0.1, 0.25, 0.3, 0.7, 1.0]);
  const X = Array.from(t, (s) => Float64Array.from([3 * s * s - 2 * s + 1, -s]));
  const d = finiteDifference(t, X);
  t.forEach((s, k) => {
    assert.ok(Math.abs(d[k][0] - (6 * s - 2)) < 1e-12, `sample ${k}: ${d[k][0]} vs ${6 * s - 2}`);
    assert.ok(Math.abs(d[k][1] + 1) < 1e-12);
  });
});

test("finiteDifference is second order: error ratio 4 when dt halves (sin, at the ends too)", () => {
  const err = (h: number) => {
    const t = Float64Array.from({ length: Math.round(1 / h) + 1 }, (_, k) => k * h);
    const d = finiteDifference(
      t,
      Array.from(t, (s) => Float64Array.of(Math.sin(s))),
    );
    return Math.max(...Array.from(t, (s, k) => Math.abs(d[k][0] - Math.cos(s))));
  };
  const ratio = err(0.01) / err(0.005);
  assert.ok(Math.abs(ratio - 4) < 0.1, `ratio ${ratio}`);
});

test("polynomialLibrary: readable names in graded order, values, and user features", () => {
  assert.deepEqual(polynomialLibrary(3, 2).names, ["1", "x", "y", "z", "x^2", "x*y", "x*z", "y^2", "y*z", "z^2"]);
  const lib = polynomialLibrary(2, 3, {
    stateNames: ["u", "v"],
    constant: false,
    features: [{ name: "sin(u)", f: (s) => Math.sin(s[0]) }],
  });
  assert.deepEqual(lib.names, ["u", "v", "u^2", "u*v", "v^2", "u^3", "u^2*v", "u*v^2", "v^3", "sin(u)"]);
  const out = new Float64Array(lib.names.length);
  assert.equal(lib.evaluate(Float64Array.of(2, 3), out), out);
  assert.deepEqual(Array.from(out), [2, 3, 4, 6, 9, 8, 12, 18, 27, Math.sin(2)]);
  assert.equal(polynomialLibrary(6, 1).names[6], "x5");
});

test("errors name the argument, the value and where", () => {
  const library = polynomialLibrary(2, 1);
  const X = [Float64Array.of(1, 2), Float64Array.of(2, 1), Float64Array.of(0, 3), Float64Array.of(1, 1)];
  const dX = X.map((x) => Float64Array.of(x[0], -x[1]));
  const bad = (f: () => unknown, type: Function, re: RegExp) =>
    assert.throws(f, (e: Error) => e instanceof type && re.test(e.message));
  bad(
    () => sindy(X, dX, { library, threshold: -1 }),
    DiscoveryArgumentError,
    /options\.threshold: expected a finite number >= 0, got -1/,
  );
  bad(() => sindy(X, dX, { library, threshold: NaN }), RangeError, /options\.threshold.*got NaN/);
  const nanX = X.map((x) => x.slice());
  nanX[2][1] = NaN;
  bad(
    () => sindy(nanX, dX, { library, threshold: 0.1 }),
    DiscoveryArgumentError,
    /X: non-finite value NaN at sample 2, component 1/,
  );
  bad(
    () => sindy(X, dX.slice(1), { library, threshold: 0.1 }),
    DiscoveryArgumentError,
    /dXdt: expected 4 samples \(as X\), got 3/,
  );
  bad(
    () => sindy([...X.slice(0, 3), Float64Array.of(1)], dX, { library, threshold: 0.1 }),
    RangeError,
    /X\[3\]: expected length 2, got 1/,
  );
  bad(
    () => sindy(X, [...dX.slice(0, 3), [1, 2] as unknown as Float64Array], { library, threshold: 0.1 }),
    DiscoveryTypeError,
    /dXdt\[3\]: expected a Float64Array, got Array/,
  );
  bad(
    () => sindy(X.slice(0, 2), dX.slice(0, 2), { library, threshold: 0.1 }),
    RangeError,
    /X: expected at least 3 samples \(one per feature\), got 2/,
  );
  bad(
    () =>
      sindy(X, dX, {
        library: polynomialLibrary(2, 2, { features: [{ name: "x again", f: (s) => s[0] }] }),
        threshold: 0,
      }),
    RangeError,
    /X: expected at least 7 samples/,
  );
  const dup = polynomialLibrary(2, 1, { features: [{ name: "2x", f: (s) => 2 * s[0] }] });
  bad(
    () => sindy(X, dX, { library: dup, threshold: 0 }),
    DiscoveryArgumentError,
    /library: the features \(all\) are linearly dependent/,
  );
  bad(() => library.evaluate(Float64Array.of(1), new Float64Array(3)), RangeError, /state: expected length 2, got 1/);
  bad(() => library.evaluate(Float64Array.of(1, 2), new Float64Array(2)), RangeError, /out: expected length 3, got 2/);
  bad(() => polynomialLibrary(2, 1.5), RangeError, /degree: expected a non-negative integer, got 1.5/);
  bad(() => finiteDifference([0, 1, 1, 2], X), RangeError, /t: not strictly increasing at sample 2: 1 then 1/);
  bad(() => finiteDifference([0, 1, 2], X), RangeError, /t: expected length 4 \(samples in X\), got 3/);
  bad(
    () => formatEquations(sindy(X, dX, { library, threshold: 0 }), { digits: 0 }),
    RangeError,
    /options\.digits: expected an integer in \[1, 17\], got 0/,
  );
});

test("ridge shrinks the coefficients and lifts rank deficiency", () => {
  const library = polynomialLibrary(2, 1, { features: [{ name: "2x", f: (s) => 2 * s[0] }] });
  const X = Array.from({ length: 20 }, (_, k) => Float64Array.of(Math.cos(k), Math.sin(2 * k)));
  const dX = X.map((x) => Float64Array.of(5 * x[0], -x[1]));
  const res = sindy(X, dX, { library, threshold: 0, ridge: 1e-8 });
  // The minimum-norm split of 5x between x and 2x is (1, 2) (ξ ∝ (1, 2) along the feature direction).
  assert.ok(
    Math.abs(res.coefficients[1][0] - 1) < 1e-6 && Math.abs(res.coefficients[3][0] - 2) < 1e-6,
    JSON.stringify(res.coefficients),
  );
});
