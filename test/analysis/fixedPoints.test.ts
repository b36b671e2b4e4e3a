import { test } from "node:test";
import assert from "node:assert/strict";
import { findFixedPoints } from "../../lib/analysis/fixedPoints";
import { lorenz63Equations } from "../../lib/systems/chaos/lorenz";
import type { FixedPointClass } from "../../lib/analysis/classify";

const sigma = 10;
const beta = 8 / 3;

/** The Lorenz-63 fixed points from a seeded box; analytic: 0 and C± = (±√(β(ρ−1)), ±√(β(ρ−1)), ρ−1). */
function lorenzAudit(rho: number) {
  const sys = lorenz63Equations(sigma, rho, beta);
  return findFixedPoints(sys.rhs, sys.jacobian, 3, {
    starts: { count: 40, low: [-20, -20, 0], high: [20, 20, 50], seed: 1 },
  });
}

/** The characteristic polynomial at C±: λ³ + (σ+β+1)λ² + β(σ+ρ)λ + 2σβ(ρ−1) (Sparrow 1982, App. C). */
function charPolyResidual(rho: number, re: number, im: number): number {
  // Evaluate p(λ) for complex λ by Horner in complex arithmetic, relative to the size of the terms.
  const c = [1, sigma + beta + 1, beta * (sigma + rho), 2 * sigma * beta * (rho - 1)];
  let pr = 0;
  let pi = 0;
  for (const ck of c) {
    const nr = pr * re - pi * im + ck;
    pi = pr * im + pi * re;
    pr = nr;
  }
  return Math.hypot(pr, pi) / c[3];
}

test("Lorenz-63, ρ = 28: three fixed points at the analytic places (1e-10), origin a saddle with the analytic eigenvalues, C± saddle-foci", () => {
  const rho = 28;
  const r = lorenzAudit(rho);
  assert.equal(r.points.length, 3, `found ${r.points.length} distinct points`);
  const q = Math.sqrt(beta * (rho - 1));
  const expected = [
    [0, 0, 0],
    [q, q, rho - 1],
    [-q, -q, rho - 1],
  ];
  for (const e of expected) {
    const p = r.points.find((p) => Math.hypot(p.y[0] - e[0], p.y[1] - e[1], p.y[2] - e[2]) < 1e-3);
    assert.ok(p, `no point near [${e}]`);
    for (let i = 0; i < 3; i++)
      assert.ok(Math.abs(p.y[i] - e[i]) <= 1e-10 * Math.max(1, Math.abs(e[i])), `component ${i}: ${p.y[i]} vs ${e[i]}`);
    if (e[0] === 0) {
      assert.equal(p.classification, "saddle");
      const root = Math.sqrt((sigma + 1) ** 2 + 4 * sigma * (rho - 1));
      const lam = [(-(sigma + 1) + root) / 2, -beta, (-(sigma + 1) - root) / 2]; // descending
      for (let i = 0; i < 3; i++) {
        assert.ok(
          Math.abs(p.eigenvalues.re[i] - lam[i]) <= 1e-12 * Math.abs(lam[i]) * 10,
          `λ${i} ${p.eigenvalues.re[i]} vs ${lam[i]}`,
        );
        assert.equal(p.eigenvalues.im[i], 0);
      }
    } else {
      assert.equal(p.classification, "saddle-focus");
      // ρ = 28 > ρ_H = σ(σ+β+3)/(σ−β−1) ≈ 24.74: the complex pair has Re λ > 0, the real root is negative.
      assert.ok(rho > (sigma * (sigma + beta + 3)) / (sigma - beta - 1));
      const complex = p.eigenvalues.re.filter((_, i) => p.eigenvalues.im[i] !== 0);
      assert.equal(complex.length, 2);
      assert.ok(complex[0] > 0, `Re of the pair ${complex[0]}`);
      for (let i = 0; i < 3; i++) {
        const res = charPolyResidual(rho, p.eigenvalues.re[i], p.eigenvalues.im[i]);
        assert.ok(res < 1e-12, `|p(λ${i})|/p(0) = ${res}`);
      }
      // Vieta: the sum of the eigenvalues is the trace −(σ+β+1).
      const sum = p.eigenvalues.re.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum + sigma + beta + 1) < 1e-12 * (sigma + beta + 1), `Σλ = ${sum}`);
    }
  }
  // Damped Newton converges from every start of the box, each in at most 10 iterations.
  for (const s of r.starts)
    assert.ok(s.status === "converged" && s.iterations <= 10, `${s.status} after ${s.iterations}: ${s.message}`);
  assert.equal(
    r.points.reduce((a, p) => a + p.starts.length, 0),
    40,
  );
});

test("Lorenz-63, ρ = 20 < ρ_H: C± are stable foci, the origin still a saddle", () => {
  const r = lorenzAudit(20);
  assert.equal(r.points.length, 3);
  const classes = r.points.map((p) => p.classification).sort();
  assert.deepEqual(classes, ["saddle", "stable focus", "stable focus"]);
});

test("Lorenz-63, ρ = 0.5 < 1: the origin is the only fixed point, a stable node (λ = −β and the two real roots)", () => {
  const r = lorenzAudit(0.5);
  assert.equal(r.points.length, 1);
  assert.equal(r.points[0].classification, "stable node");
  for (const v of r.points[0].y) assert.ok(Math.abs(v) < 1e-10);
});

/** f(y) = A (y − c): one fixed point c with the spectrum of A. */
function linear(A: number[][], c: number[]) {
  const n = c.length;
  return {
    rhs: (_t: number, y: Float64Array, d: Float64Array) => {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[i][j] * (y[j] - c[j]);
        d[i] = s;
      }
    },
    jac: (_t: number, _y: Float64Array, J: Float64Array) => {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) J[i * n + j] = A[i][j];
    },
  };
}

const cases: [FixedPointClass, number[][]][] = [
  [
    "stable node",
    [
      [-1, 0.5],
      [0, -2],
    ],
  ],
  [
    "stable focus",
    [
      [-1, -2],
      [2, -1],
    ],
  ],
  [
    "unstable node",
    [
      [1, 0],
      [0.3, 3],
    ],
  ],
  [
    "unstable focus",
    [
      [1, -2],
      [2, 1],
    ],
  ],
  [
    "saddle",
    [
      [1, 2],
      [0, -1],
    ],
  ],
  [
    "center/non-hyperbolic",
    [
      [0, -1],
      [1, 0],
    ],
  ],
  [
    "saddle-focus",
    [
      [1, -2, 0],
      [2, 1, 0],
      [0, 0, -1],
    ],
  ],
];

for (const [cls, A] of cases)
  test(`linear field with A = ${JSON.stringify(A)}: one fixed point, at c (1e-12), a ${cls}`, () => {
    const n = A.length;
    const c = [0.7, -1.3, 2.1].slice(0, n);
    const { rhs, jac } = linear(A, c);
    const r = findFixedPoints(rhs, jac, n, {
      starts: { count: 5, low: Array(n).fill(-10), high: Array(n).fill(10), seed: 3 },
    });
    assert.equal(r.points.length, 1);
    assert.deepEqual(r.points[0].starts, [0, 1, 2, 3, 4]);
    r.points[0].y.forEach((v, i) => assert.ok(Math.abs(v - c[i]) < 1e-12, `${v} vs ${c[i]}`));
    assert.equal(r.points[0].classification, cls);
  });

test("a singular A (a line of fixed points): Newton meets the singular Jacobian and reports it for the start", () => {
  const { rhs, jac } = linear(
    [
      [-1, 0],
      [0, 0],
    ],
    [0.7, -1.3],
  );
  const r = findFixedPoints(rhs, jac, 2, { starts: [new Float64Array([3, 4])] });
  assert.equal(r.points.length, 0);
  assert.equal(r.starts[0].status, "singularJacobian");
  assert.match(r.starts[0].message, /the Jacobian is singular at iteration 0 \(smallest\/largest LU pivot 0\/1\)/);
});

test("a start with no convergence is reported per start, not thrown: f(y) = y² + 1 has no real root", () => {
  const r = findFixedPoints(
    (_t, y, d) => {
      d[0] = y[0] * y[0] + 1;
    },
    (_t, y, J) => {
      J[0] = 2 * y[0];
    },
    1,
    { starts: [new Float64Array([0.5]), new Float64Array([0])], maxIterations: 30 },
  );
  assert.equal(r.points.length, 0);
  assert.equal(r.starts[0].status, "noConvergence");
  assert.match(r.starts[0].message, /no convergence in 30 iterations/);
  assert.equal(r.starts[1].status, "singularJacobian");
});

test("seeded starts: the same seed gives the same starts, another seed others", () => {
  const sys = lorenz63Equations(sigma, 28, beta);
  const opts = (seed: number) => ({ starts: { count: 4, low: [-1, -1, -1], high: [1, 1, 1], seed } });
  const a = findFixedPoints(sys.rhs, sys.jacobian, 3, opts(5));
  const b = findFixedPoints(sys.rhs, sys.jacobian, 3, opts(5));
  const c = findFixedPoints(sys.rhs, sys.jacobian, 3, opts(6));
  assert.deepEqual(
    a.starts.map((s) => s.start),
    b.starts.map((s) => s.start),
  );
  assert.notDeepEqual(a.starts[0].start, c.starts[0].start);
  for (const s of a.starts) s.start.forEach((v) => assert.ok(v >= -1 && v <= 1));
});

test("bad input: typed errors naming the argument and the value", () => {
  const sys = lorenz63Equations(sigma, 28, beta);
  const s = [new Float64Array(3)];
  assert.throws(() => findFixedPoints(sys.rhs, sys.jacobian, 0, { starts: s }), {
    name: "OdeArgumentError",
    message: /invalid argument n: must be a positive integer, got 0/,
  });
  assert.throws(() => findFixedPoints(sys.rhs, sys.jacobian, "3" as unknown as number, { starts: s }), {
    name: "OdeTypeError",
    message: /invalid argument n/,
  });
  assert.throws(() => findFixedPoints(null as never, sys.jacobian, 3, { starts: s }), {
    name: "OdeTypeError",
    message: /invalid argument rhs: expected a function, got null/,
  });
  assert.throws(() => findFixedPoints(sys.rhs, sys.jacobian, 3, { starts: [new Float64Array(2)] }), {
    name: "OdeArgumentError",
    message: /invalid argument starts\[0\]: has 2 entries, expected n = 3/,
  });
  assert.throws(() => findFixedPoints(sys.rhs, sys.jacobian, 3, { starts: [new Float64Array([0, NaN, 0])] }), {
    name: "OdeArgumentError",
    message: /starts\[0\]: component 1 is not finite \(NaN\)/,
  });
  assert.throws(() => findFixedPoints(sys.rhs, sys.jacobian, 3, { starts: [[0, 0, 0] as unknown as Float64Array] }), {
    name: "OdeTypeError",
    message: /starts\[0\]: expected a Float64Array, got an array of length 3/,
  });
  assert.throws(() => findFixedPoints(sys.rhs, sys.jacobian, 3, { starts: [] }), {
    name: "OdeArgumentError",
    message: /starts: is empty/,
  });
  assert.throws(() => findFixedPoints(sys.rhs, sys.jacobian, 3, { starts: s, tol: -1 }), {
    name: "OdeArgumentError",
    message: /invalid argument tol: must be a finite number > 0, got -1/,
  });
  assert.throws(() => findFixedPoints(sys.rhs, sys.jacobian, 3, { starts: s, maxIterations: 2.5 }), {
    name: "OdeArgumentError",
    message: /maxIterations: must be a finite integer > 0, got 2.5/,
  });
  assert.throws(
    () => findFixedPoints(sys.rhs, sys.jacobian, 3, { starts: { count: 3, low: [0, 0, 5], high: [1, 1, 1], seed: 1 } }),
    { name: "OdeArgumentError", message: /starts.low: component 2 is 5 > starts.high's 1/ },
  );
  assert.throws(
    () =>
      findFixedPoints(sys.rhs, sys.jacobian, 3, { starts: { count: 3, low: [0, 0, 0], high: [1, 1, 1], seed: 0.5 } }),
    { name: "OdeArgumentError", message: /seed: must be an integer, got 0.5/ },
  );
});
