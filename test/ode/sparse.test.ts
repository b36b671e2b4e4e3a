import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP, pde, JacobianMismatchError, OdeArgumentError } from "../../lib/index";
import type { MethodName } from "../../lib/index";
import { bandLuFactor, bandLuSolve, bandLuWidth } from "../../lib/ode/linalg/bandLu";
import { luFactor, luSolve } from "../../lib/ode/linalg/lu";
import {
  BandIterationMatrix,
  CyclicBandIterationMatrix,
  DenseIterationMatrix,
} from "../../lib/ode/linalg/iterationMatrix";
import { differenceIncrements, groupedDifferenceJacobian } from "../../lib/ode/jacobian";
import { countedRhs, emptyStats } from "../../lib/ode/rhs";
import {
  bandGroups,
  denseGroups,
  periodicBandGroups,
  periodicBandPattern,
  sparsityGroups,
} from "../../lib/ode/sparsity/columnGroups";
import { mulberry32 } from "../../lib/random/index";
import { brusselator1D } from "../../lib/problems/brusselator";
import { ksFiniteDifference } from "../../lib/systems/pde/ksFiniteDifference";

/** Seeded uniform [−1, 1), from the library's one random source. */
function random(seed: number): () => number {
  const u = mulberry32(seed);
  return () => 2 * u() - 1;
}

test("band LU with partial pivoting equals the dense LU on random band matrices that need pivoting (1e-12)", () => {
  const rand = random(7);
  for (const [n, lower, upper] of [
    [1, 0, 0],
    [7, 1, 1],
    [30, 2, 3],
    [40, 4, 0],
    [25, 0, 5],
    [12, 11, 11],
  ]) {
    const dense = new Float64Array(n * n);
    const w = bandLuWidth(lower, upper);
    const band = new Float64Array(n * w);
    for (let i = 0; i < n; i++)
      for (let j = Math.max(0, i - lower); j <= Math.min(n - 1, i + upper); j++) {
        // Small diagonal: partial pivoting must swap rows.
        const v = i === j ? 0.01 * rand() : rand();
        dense[i * n + j] = v;
        band[i * w + j - i + lower] = v;
      }
    const b = Float64Array.from({ length: n }, () => rand());
    const A = dense.slice();
    const piv = new Int32Array(n);
    assert.equal(luFactor(dense, n, piv), 0);
    const xDense = luSolve(dense, n, piv, b.slice());
    const bpiv = new Int32Array(n);
    assert.equal(bandLuFactor(band, n, lower, upper, bpiv), 0);
    const x = bandLuSolve(band, n, lower, upper, bpiv, b.slice());
    const xMax = Math.max(...xDense.map(Math.abs));
    for (let i = 0; i < n; i++) {
      assert.ok(
        Math.abs(x[i] - xDense[i]) <= 1e-12 * xMax,
        `n=${n} (${lower},${upper}) x[${i}]: ${x[i]} vs ${xDense[i]}`,
      );
      let r = -b[i];
      for (let j = 0; j < n; j++) r += A[i * n + j] * x[j];
      assert.ok(Math.abs(r) < 1e-12 * xMax * n, `residual ${r}`);
    }
  }
  // A zero column is reported at its pivot (1-based), as luFactor does.
  const w = bandLuWidth(1, 1);
  const singular = new Float64Array(3 * w);
  singular[0 * w + 1] = 1; // (0,0)
  singular[2 * w + 1] = 1; // (2,2); column 1 is zero
  assert.equal(bandLuFactor(singular, 3, 1, 1, new Int32Array(3)), 2);
});

test("brusselator1D: 2N interleaved unknowns, its band Jacobian equals central differences of its rhs (1e-7); a bad N names itself", () => {
  const b = brusselator1D(6);
  assert.equal(b.n, 12);
  assert.deepEqual(b.band, [2, 2]);
  const y = b.y0.map((v, i) => v + 0.1 * Math.cos(i));
  const J = new Float64Array(b.n * 5).fill(NaN);
  b.bandJacobian(0, y, J);
  const fp = new Float64Array(b.n);
  const fm = new Float64Array(b.n);
  for (let j = 0; j < b.n; j++) {
    const e = 1e-6;
    const yp = y.slice();
    const ym = y.slice();
    yp[j] += e;
    ym[j] -= e;
    b.rhs(0, yp, fp);
    b.rhs(0, ym, fm);
    for (let i = Math.max(0, j - 2); i <= Math.min(b.n - 1, j + 2); i++) {
      const fd = (fp[i] - fm[i]) / (2 * e);
      const a = J[i * 5 + j - i + 2];
      assert.ok(Math.abs(a - fd) <= 1e-7 * Math.max(1, Math.abs(fd)), `(${i}, ${j}): ${a} vs ${fd}`);
    }
  }
  assert.throws(() => brusselator1D(2.5), /invalid argument N: must be an integer ≥ 1 \(grid points\), got 2\.5/);
  assert.throws(
    () => brusselator1D("4" as unknown as number),
    (e: Error) =>
      e instanceof TypeError &&
      /invalid argument N: expected a number of grid points, got the string "4"/.test(e.message),
  );
});

test("grouped (Curtis–Powell–Reid) differences on the Brusselator band (2, 2): 5 evaluations of f, equal to dense differences and to the analytic band (1e-6)", () => {
  const b = brusselator1D(40);
  const n = b.n;
  const y = b.y0.map((v, i) => v + 0.1 * Math.sin(i));
  const f0 = new Float64Array(n);
  b.rhs(0, y, f0);
  const delta = differenceIncrements(y, f0, 1e-3, 1e-6, new Float64Array(n).fill(1e-9), new Float64Array(n));
  const stats = emptyStats();
  const f = countedRhs(b.rhs, n, stats);
  const band = new BandIterationMatrix(n, 2, 2);
  groupedDifferenceJacobian(f, 0, y, f0, delta, band, bandGroups(n, 2, 2), new Float64Array(n), new Float64Array(n));
  assert.equal(stats.nfev, 5);
  const dense = new DenseIterationMatrix(n);
  groupedDifferenceJacobian(f, 0, y, f0, delta, dense, denseGroups(n), new Float64Array(n), new Float64Array(n));
  assert.equal(stats.nfev, 5 + n);
  const exact = new Float64Array(n * 5);
  b.bandJacobian(0, y, exact);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const inBand = j - i >= -2 && j - i <= 2;
      const d = dense.jac[i * n + j];
      if (!inBand) {
        assert.equal(d, 0, `dense (${i}, ${j}) outside the band`);
        continue;
      }
      const g = band.jac[band.index(i, j)];
      // Same increments, and f_i does not see the other columns of the group: bit-identical.
      assert.equal(g, d, `(${i}, ${j}) grouped ${g} vs dense ${d}`);
      const e = exact[band.index(i, j)];
      assert.ok(Math.abs(g - e) <= 1e-6 * Math.max(1, Math.abs(e)), `(${i}, ${j}) ${g} vs analytic ${e}`);
    }
});

test("heat equation (nx = 300, band (1, 1), no Jacobian): Rodas5 and BDF match the exact semi-discrete solution (1e-7) and the dense solve", () => {
  // sin(kπx_i) are eigenvectors of the discrete Laplacian, λ_k = −(4D/dx²)·sin²(kπ·dx/2): exact.
  const nx = 300;
  const D = 0.1;
  const heat = pde.heatEquation1D({ nx, diffusivity: D });
  const dx = 1 / (nx + 1);
  const modes = [1, 3];
  const amp = [1, 0.5];
  const lam = modes.map((k) => ((4 * D) / (dx * dx)) * Math.sin((k * Math.PI * dx) / 2) ** 2);
  const exact = (t: number) =>
    Float64Array.from(heat.grid, (x) =>
      modes.reduce((s, k, m) => s + amp[m] * Math.sin(k * Math.PI * x) * Math.exp(-lam[m] * t), 0),
    );
  const y0 = exact(0);
  for (const method of ["Rodas5", "BDF"] as MethodName[]) {
    const opts = { method, rtol: 1e-9, atol: 1e-12, tEval: [0.5] };
    const banded = solveIVP(heat.rhs, [0, 0.5], y0, { ...opts, jacobianBand: [1, 1] });
    const dense = solveIVP(heat.rhs, [0, 0.5], y0, opts);
    assert.equal(banded.status, "success", banded.message);
    const ref = exact(0.5);
    let err = 0;
    let diff = 0;
    for (let i = 0; i < nx; i++) {
      err = Math.max(err, Math.abs(banded.y[0][i] - ref[i]));
      diff = Math.max(diff, Math.abs(banded.y[0][i] - dense.y[0][i]));
    }
    assert.ok(err < 1e-7, `${method}: error ${err}`);
    assert.ok(diff <= 1e-12, `${method}: banded − dense = ${diff}`);
    assert.equal(banded.stats.nsteps, dense.stats.nsteps);
    // 3 evaluations per Jacobian instead of nx.
    assert.ok(
      banded.stats.nfev - dense.stats.nfev === banded.stats.njev * (3 - nx),
      `${banded.stats.nfev} vs ${dense.stats.nfev}`,
    );
  }
});

test("Brusselator 1-D (N = 100): the banded solve equals the dense one — bit for bit with differences, and with the analytic band Jacobian expanded to dense", () => {
  const b = brusselator1D(100);
  const n = b.n;
  const band = new Float64Array(n * 5);
  const denseJacobian = (t: number, y: Float64Array, J: Float64Array) => {
    b.bandJacobian(t, y, band);
    J.fill(0);
    for (let i = 0; i < n; i++)
      for (let q = 0; q < 5; q++) {
        const j = i + q - 2;
        if (j >= 0 && j < n) J[i * n + j] = band[i * 5 + q];
      }
  };
  for (const method of ["Rodas5", "BDF"] as MethodName[]) {
    const opts = { method, rtol: 1e-8, atol: 1e-10, tEval: [2, 10] };
    // The band LU pivots as the dense LU does (entries outside the band are zero), and f_i does not
    // see the other columns of a group: the same arithmetic, the same numbers.
    const pairs = [
      [solveIVP(b.rhs, [0, 10], b.y0, opts), solveIVP(b.rhs, [0, 10], b.y0, { ...opts, jacobianBand: [2, 2] })],
      [
        solveIVP(b.rhs, [0, 10], b.y0, { ...opts, jacobian: denseJacobian }),
        solveIVP(b.rhs, [0, 10], b.y0, { ...opts, jacobianBand: [2, 2], jacobian: b.bandJacobian }),
      ],
    ];
    for (const [dense, banded] of pairs) {
      assert.equal(banded.status, "success", banded.message);
      assert.equal(banded.stats.nsteps, dense.stats.nsteps);
      for (let k = 0; k < 2; k++) assert.deepEqual(banded.y[k], dense.y[k], `${method} t=${banded.t[k]}`);
    }
    // Differences and the analytic Jacobian agree to the tolerance (measured 4.4e-10 for Rodas5).
    for (let i = 0; i < n; i++) assert.ok(Math.abs(pairs[0][1].y[1][i] - pairs[1][1].y[1][i]) < 1e-7);
    // A Jacobian by grouped differences costs 5 evaluations of f, not n = 200.
    assert.equal(pairs[0][0].stats.nfev - pairs[0][1].stats.nfev, pairs[0][1].stats.njev * (n - 5));
  }
});

test("a wrong entry of an analytic band Jacobian is named in full coordinates; bad jacobianBand values are typed errors", () => {
  const b = brusselator1D(20);
  const wrong = (t: number, y: Float64Array, J: Float64Array) => {
    b.bandJacobian(t, y, J);
    J[7 * 5 + (9 - 7 + 2)] *= 2; // (row 7, column 9) = ∂v'_3/∂v_4 = c (0-based points)
  };
  assert.throws(
    () => solveIVP(b.rhs, [0, 1], b.y0, { method: "Rodas5", jacobianBand: [2, 2], jacobian: wrong }),
    (e: unknown) =>
      e instanceof JacobianMismatchError &&
      e.row === 7 &&
      e.column === 9 &&
      /entry \(row 7, column 9\)/.test(e.message),
  );
  // Storage outside the matrix (row 0's column −1, …) is cleared after the user's Jacobian, so
  // whatever it writes there is ignored.
  const padded = solveIVP(b.rhs, [0, 1], b.y0, {
    method: "Rodas5",
    jacobianBand: [2, 2],
    jacobian: (t, y, J) => {
      b.bandJacobian(t, y, J);
      J[0] = J[1] = J[5] = NaN; // (0, −2), (0, −1), (1, −1)
      J[J.length - 1] = NaN; // (n − 1, n + 1)
    },
  });
  assert.equal(padded.status, "success", padded.message);
  const f = (_t: number, y: Float64Array) => [-y[0], -y[1], -y[2]];
  for (const [band, message] of [
    [[-1, 0], /jacobianBand: lower is -1; must be an integer in \[0, 2\]/],
    [[0, 3], /jacobianBand: upper is 3; must be an integer in \[0, 2\]/],
    [[1.5, 0], /jacobianBand: lower is 1.5/],
  ] as const) {
    assert.throws(
      () => solveIVP(f, [0, 1], [1, 1, 1], { method: "BDF", jacobianBand: band as unknown as [number, number] }),
      (e: unknown) => e instanceof OdeArgumentError && message.test(e.message),
    );
  }
  assert.throws(
    () => solveIVP(f, [0, 1], [1, 1, 1], { method: "BDF", jacobianBand: 2 as unknown as [number, number] }),
    (e: unknown) =>
      e instanceof TypeError &&
      /jacobianBand: expected \[lower, upper\] or \[lower, upper, "periodic"\], got 2/.test(String(e)),
  );
});

/** Kuramoto–Sivashinsky u_t = −u·u_x − u_xx − u_xxxx on a periodic grid by central differences: cyclic pentadiagonal. */
function ksPhysical(n: number, L: number) {
  const rhs = ksFiniteDifference(n, L / n);
  const pattern = Array.from({ length: n }, (_, i) => [-2, -1, 0, 1, 2].map((k) => (i + k + n) % n));
  const y0 = Float64Array.from(
    { length: n },
    (_, i) => Math.cos((2 * Math.PI * i) / n) * (1 + Math.sin((2 * Math.PI * i) / n)),
  );
  return { rhs, pattern, y0 };
}

test("CPR grouping: columns of a group never share a row (band, cyclic pentadiagonal, random seeded pattern); the band needs lower + upper + 1 groups", () => {
  const rand = random(3);
  const n = 64;
  const band = Array.from({ length: n }, (_, i) =>
    [i - 2, i - 1, i, i + 1, i + 2, i + 3].filter((j) => j >= 0 && j < n),
  );
  const cyclic = ksPhysical(n, 22).pattern;
  const randomPattern = Array.from({ length: n }, (_, i) => [
    i,
    ...Array.from({ length: 3 }, () => Math.floor(((rand() + 1) / 2) * n)),
  ]);
  for (const [name, pattern, most] of [
    ["band (2, 3)", band, 6],
    // CPR's sequential greedy in natural order needs 9 here: the wrap-around meets 5 colours on
    // both sides (the optimum for a cycle's 4th power on 64 nodes is ⌈64/⌊64/5⌋⌉ = 6).
    ["cyclic pentadiagonal", cyclic, 9],
    ["random, 4 per row", randomPattern, 20],
  ] as const) {
    const g = sparsityGroups(n, pattern);
    assert.ok(g.count <= most, `${name}: ${g.count} groups`);
    const grouped = new Set(g.columns);
    assert.equal(grouped.size, n, `${name}: every column in exactly one group`);
    for (let k = 0; k < g.count; k++) {
      const rowsSeen = new Set<number>();
      for (let c = g.groupStart[k]; c < g.groupStart[k + 1]; c++) {
        const j = g.columns[c];
        for (let p = g.rowStart![j]; p < g.rowStart![j + 1]; p++) {
          assert.ok(!rowsSeen.has(g.rows![p]), `${name}: group ${k} has two columns in row ${g.rows![p]}`);
          rowsSeen.add(g.rows![p]);
        }
      }
    }
    // Every pattern entry is a (row, column) of the grouping.
    pattern.forEach((row, i) =>
      row.forEach((j) => {
        const rows = g.rows!.subarray(g.rowStart![j], g.rowStart![j + 1]);
        assert.ok(rows.includes(i), `${name}: (${i}, ${j}) missing`);
      }),
    );
  }
  assert.equal(sparsityGroups(n, band).count, 6);
  assert.equal(bandGroups(n, 2, 3).count, 6);
  // The periodic band's own grouping reaches ⌈n/⌊n/w⌋⌉ (5 when w divides n).
  for (const [m, lower, upper, want] of [
    [64, 2, 2, 6],
    [10000, 2, 2, 5],
    [101, 1, 1, 4],
    [7, 2, 2, 7],
    [12, 0, 0, 1],
  ] as const) {
    const g = periodicBandGroups(m, lower, upper);
    assert.equal(g.count, want, `n=${m} (${lower}, ${upper})`);
    const pattern = periodicBandPattern(m, lower, upper);
    for (let k = 0; k < g.count; k++) {
      const rowsSeen = new Set<number>();
      for (let c = g.groupStart[k]; c < g.groupStart[k + 1]; c++) {
        const j = g.columns[c];
        const rows = Array.from(g.rows!.subarray(g.rowStart![j], g.rowStart![j + 1]));
        assert.deepEqual(
          rows.slice().sort((a, b) => a - b),
          pattern.flatMap((r, i) => (r.includes(j) ? [i] : [])),
          `n=${m}: rows of column ${j}`,
        );
        for (const i of rows) {
          assert.ok(!rowsSeen.has(i), `n=${m}: group ${k} has two columns in row ${i}`);
          rowsSeen.add(i);
        }
      }
    }
  }
});

test("Kuramoto–Sivashinsky in physical space (periodic, n = 64): jacobianSparsity gives the dense solve bit for bit with 9 evaluations per Jacobian instead of 64 (Rodas5, BDF)", () => {
  const n = 64;
  const ks = ksPhysical(n, 22);
  for (const method of ["Rodas5", "BDF"] as MethodName[]) {
    const opts = { method, rtol: 1e-6, atol: 1e-8, tEval: [0.5, 2] };
    const dense = solveIVP(ks.rhs, [0, 2], ks.y0, opts);
    const sparse = solveIVP(ks.rhs, [0, 2], ks.y0, { ...opts, jacobianSparsity: ks.pattern });
    assert.equal(sparse.status, "success", sparse.message);
    assert.equal(sparse.stats.nsteps, dense.stats.nsteps);
    for (let k = 0; k < 2; k++) assert.deepEqual(sparse.y[k], dense.y[k], `${method} t=${sparse.t[k]}`);
    const groups = sparsityGroups(n, ks.pattern).count;
    assert.equal(groups, 9);
    assert.equal(dense.stats.nfev - sparse.stats.nfev, sparse.stats.njev * (n - groups));
  }
});

test("jacobianSparsity is validated: rows, column range, the band it must fit; an analytic Jacobian is checked on its pattern", () => {
  const f = (_t: number, y: Float64Array) => [-y[0], -y[1] + y[0], -y[2]];
  const solve = (o: object) => () => solveIVP(f, [0, 1], [1, 1, 1], { method: "BDF", ...o });
  assert.throws(solve({ jacobianSparsity: [[0], [1]] }), /jacobianSparsity: has 2 rows but the state has 3 components/);
  assert.throws(
    solve({ jacobianSparsity: [[0], [0, 3], [2]] }),
    /jacobianSparsity: row 1 lists column 3; columns are integers in \[0, 2\]/,
  );
  assert.throws(
    solve({ jacobianSparsity: [[0], 5, [2]] }),
    (e: unknown) => e instanceof TypeError && /row 1 is 5/.test(String(e)),
  );
  assert.throws(
    solve({ jacobianSparsity: [[0, 2], [0, 1], [2]], jacobianBand: [1, 1] }),
    /jacobianSparsity: row 0 lists column 2, outside jacobianBand \[1, 1\]/,
  );
  const r = solveIVP(f, [0, 1], [1, 1, 1], { method: "Rodas5", jacobianSparsity: [[0], [0, 1], [2]], rtol: 1e-8 });
  // y₂ = e^{−t}(1 + t) exactly.
  assert.ok(Math.abs(r.y.at(-1)![1] - 2 * Math.exp(-1)) < 1e-7, `${r.y.at(-1)![1]}`);
  // A wrong analytic entry inside the pattern is named.
  assert.throws(
    solve({
      jacobianSparsity: [[0], [0, 1], [2]],
      jacobian: (_t: number, _y: Float64Array, J: Float64Array) => {
        J.fill(0);
        J[0] = -1;
        J[3] = -1; // should be +1
        J[4] = -1;
        J[8] = -1;
      },
    }),
    (e: unknown) => e instanceof JacobianMismatchError && e.row === 1 && e.column === 0,
  );
});

test("periodic band LU (Sherman–Morrison–Woodbury on the corners) solves cyclic band systems like the dense LU (1e-12)", () => {
  const rand = random(11);
  for (const [n, lower, upper] of [
    [9, 2, 2],
    [40, 2, 2],
    [33, 1, 3],
    [20, 0, 1],
    [6, 2, 3],
  ]) {
    const m = new CyclicBandIterationMatrix(n, lower, upper);
    const dense = new DenseIterationMatrix(n);
    for (let i = 0; i < n; i++)
      for (let k = -lower; k <= upper; k++) {
        const j = (i + k + n) % n;
        const v = rand();
        m.jac[m.index(i, j)] = v;
        dense.jac[i * n + j] = v;
      }
    // d·I + c·J with a moderate shift (as in Rodas5's I/(hγ) − J).
    assert.equal(m.factor(1.5, -1), 0);
    assert.equal(dense.factor(1.5, -1), 0);
    const b = Float64Array.from({ length: n }, () => rand());
    const x = m.solve(b.slice());
    const xd = dense.solve(b.slice());
    const xMax = Math.max(...xd.map(Math.abs));
    for (let i = 0; i < n; i++)
      assert.ok(Math.abs(x[i] - xd[i]) <= 1e-12 * xMax, `n=${n} (${lower},${upper}) x[${i}]: ${x[i]} vs ${xd[i]}`);
    // entryAt inverts index.
    for (let i = 0; i < n; i++)
      for (let k = -lower; k <= upper; k++)
        assert.deepEqual(m.entryAt(m.index(i, (i + k + n) % n)), [i, (i + k + n) % n]);
  }
});

test("Kuramoto–Sivashinsky (periodic, n = 64) with jacobianBand [2, 2, 'periodic']: equals the dense solve to 10·rtol, with and without an analytic periodic-band Jacobian", () => {
  const n = 64;
  const L = 22;
  const ks = ksPhysical(n, L);
  const h = L / n;
  // ∂f_i/∂u_{i+k}: −u_x δ_k0 − u_i·(δ_k1 − δ_k,−1)/(2h) − (1, −2, 1)/h² − (1, −4, 6, −4, 1)/h⁴.
  const jacobian = (_t: number, u: Float64Array, J: Float64Array) => {
    for (let i = 0; i < n; i++) {
      const ui = u[i];
      const ux = (u[(i + 1) % n] - u[(i - 1 + n) % n]) / (2 * h);
      const r = i * 5 + 2;
      J[r - 2] = -1 / h ** 4;
      J[r - 1] = ui / (2 * h) - 1 / (h * h) + 4 / h ** 4;
      J[r] = -ux + 2 / (h * h) - 6 / h ** 4;
      J[r + 1] = -ui / (2 * h) - 1 / (h * h) + 4 / h ** 4;
      J[r + 2] = -1 / h ** 4;
    }
  };
  for (const method of ["Rodas5", "BDF"] as MethodName[]) {
    const opts = { method, rtol: 1e-8, atol: 1e-10, tEval: [2] };
    const dense = solveIVP(ks.rhs, [0, 2], ks.y0, opts);
    const fd = solveIVP(ks.rhs, [0, 2], ks.y0, { ...opts, jacobianBand: [2, 2, "periodic"] });
    const an = solveIVP(ks.rhs, [0, 2], ks.y0, {
      ...opts,
      jacobianBand: [2, 2, "periodic"],
      jacobian,
      checkJacobian: "always",
    });
    // Different LU arithmetic (Woodbury vs dense pivoting) moves the step sizes slightly: measured
    // differences 3.5e-9 (Rodas5) and 2e-13 (BDF) at rtol 1e-8.
    for (const r of [fd, an]) {
      assert.equal(r.status, "success", r.message);
      for (let i = 0; i < n; i++)
        assert.ok(
          Math.abs(r.y[0][i] - dense.y[0][i]) < 1e-7 * Math.max(1, Math.abs(dense.y[0][i])),
          `${method} u[${i}] ${r.y[0][i]} vs ${dense.y[0][i]}`,
        );
    }
  }
  assert.throws(
    () => solveIVP(ks.rhs, [0, 1], ks.y0.subarray(0, 4), { method: "BDF", jacobianBand: [2, 2, "periodic"] }),
    /jacobianBand: a periodic band \[2, 2\] needs lower \+ upper \+ 1 ≤ n = 4/,
  );
});

test("the kernels check their buffers' lengths: a short buffer is an OdeArgumentError naming it, never a partial write", () => {
  const w = bandLuWidth(1, 1);
  assert.throws(
    () => bandLuFactor(new Float64Array(5 * w - 1), 5, 1, 1, new Int32Array(5)),
    /invalid argument a: has length 19, needs at least 20 \(n·\(2·lower \+ upper \+ 1\) for n = 5, lower = 1, upper = 1\)/,
  );
  assert.throws(
    () => bandLuFactor(new Float64Array(5 * w), 5, 1, 1, new Int32Array(4)),
    /invalid argument piv: has length 4/,
  );
  assert.throws(
    () => bandLuSolve(new Float64Array(5 * w), 5, 1, 1, new Int32Array(5), new Float64Array(4)),
    /invalid argument b: has length 4, needs at least 5/,
  );
  assert.throws(
    () => luFactor(new Float64Array(8), 3, new Int32Array(3)),
    /invalid argument a: has length 8, needs at least 9/,
  );
  assert.throws(
    () => luSolve(new Float64Array(9), 3, new Int32Array(3), new Float64Array(2)),
    (e: unknown) => e instanceof OdeArgumentError && /invalid argument b: has length 2/.test(e.message),
  );
  assert.throws(
    () =>
      differenceIncrements(new Float64Array(3), new Float64Array(3), 1, 1e-6, new Float64Array(2), new Float64Array(3)),
    /invalid argument atol: has length 2, needs 3 \(the state's length\)/,
  );
  const m = new BandIterationMatrix(4, 1, 1);
  const z = () => new Float64Array(4);
  assert.throws(
    () => groupedDifferenceJacobian(() => {}, 0, z(), z(), z(), m, bandGroups(5, 1, 1), z(), z()),
    /invalid argument groups: are for n = 5, the matrix has n = 4/,
  );
  assert.throws(
    () => groupedDifferenceJacobian(() => {}, 0, z(), z(), new Float64Array(3), m, bandGroups(4, 1, 1), z(), z()),
    /invalid argument delta: has length 3, needs 4/,
  );
});
