import { test } from "node:test";
import assert from "node:assert/strict";
import { compareFixedPoints } from "../../lib/analysis/compareFixedPoints";
import { dataCoverage } from "../../lib/analysis/dataCoverage";
import { findFixedPoints } from "../../lib/analysis/fixedPoints";
import { lorenz63Equations } from "../../lib/systems/chaos/lorenz";
import type { FixedPoint } from "../../lib/analysis/fixedPoints";
import { OdeArgumentError } from "../../lib/ode/errors";

const sigma = 10;
const beta = 8 / 3;
const lorenz = (rho: number) => {
  const sys = lorenz63Equations(sigma, rho, beta);
  return findFixedPoints(sys.rhs, sys.jacobian, 3, {
    starts: { count: 40, low: [-20, -20, 0], high: [20, 20, 50], seed: 1 },
  });
};

test("compareFixedPoints, Lorenz-63 ρ = 28 against a perturbed copy ρ = 28.5: all three matched (saddle, saddle-foci) at the analytic distances (1e-9)", () => {
  const truth = lorenz(28);
  const learned = lorenz(28.5);
  const cmp = compareFixedPoints(learned, truth);
  assert.equal(cmp.matches.length, 3);
  assert.ok(cmp.agree, JSON.stringify(cmp.matches));
  // C± move from (±q, ±q, ρ−1) to (±q', ±q', ρ'−1), q = √(β(ρ−1)): distance √(2(q'−q)² + (ρ'−ρ)²); the origin stays.
  const dq = Math.sqrt(beta * 27.5) - Math.sqrt(beta * 27);
  const dC = Math.sqrt(2 * dq * dq + 0.25);
  for (const m of cmp.matches) {
    const atOrigin = Math.hypot(...truth.points[m.truth].y) < 1e-9;
    assert.ok(Math.abs(m.distance - (atOrigin ? 0 : dC)) < 1e-9, `distance ${m.distance}`);
    assert.equal(m.trueClass, atOrigin ? "saddle" : "saddle-focus");
    assert.equal(m.status, "match");
  }
});

test("compareFixedPoints: a learned ρ = 24 (below the Hopf value 24.74) has C± as stable foci → classMismatch; a missing point and a spurious extra are reported", () => {
  const truth = lorenz(28);
  const learned = lorenz(24);
  const cmp = compareFixedPoints(learned, truth, { tolerance: 5 });
  const cs = cmp.matches.filter((m) => m.trueClass === "saddle-focus");
  assert.equal(cs.length, 2);
  cs.forEach((m) => {
    assert.equal(m.status, "classMismatch");
    assert.equal(m.learnedClass, "stable focus");
  });
  assert.equal(cmp.agree, false);
  // Only the origin learned, plus a spurious point far away.
  const origin = learned.points.find((p) => Math.hypot(...p.y) < 1e-9)!;
  const spurious: FixedPoint = { ...origin, y: [50, 50, 50], classification: "stable node" };
  const c2 = compareFixedPoints([origin, spurious], truth);
  assert.deepEqual(c2.matches.map((m) => m.status).sort(), ["match", "missing", "missing"]);
  assert.deepEqual(c2.extras, [1]);
  assert.ok(Math.abs(c2.tolerance - 0.05 * Math.hypot(Math.sqrt(beta * 27), Math.sqrt(beta * 27), 27)) < 1e-12);
  assert.throws(
    () => compareFixedPoints([], []),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "truth",
  );
  assert.throws(
    () => compareFixedPoints([{ ...origin, y: [0, 0] }], truth),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "learned[0]",
  );
});

test("dataCoverage on a 5×5 unit grid: spacing 1 (k = 1) and √2 (k = 5, analytic), distances of constructed points, fraction outside and first exit time", () => {
  const grid: number[][] = [];
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) grid.push([i, j]);
  const traj = [
    [2, 2.5],
    [4.5, 4.5],
    [7, 4],
    [10, 2],
    [3, 3],
  ];
  const c = dataCoverage(traj, grid, { t: [0, 1, 2, 3, 4] });
  assert.equal(c.spacing, 1);
  assert.equal(c.radius, 3);
  const expected = [0.5, Math.SQRT1_2, 3, 6, 0];
  c.distance.forEach((d, i) => assert.ok(Math.abs(d - expected[i]) < 1e-15, `point ${i}: ${d}`));
  assert.deepEqual(c.outside, [false, false, false, true, false]);
  assert.equal(c.fractionOutside, 0.2);
  assert.deepEqual(c.firstExit, { index: 3, t: 3 });
  // 5th nearest: interior and edge points √2, corners 2 → median √2.
  const c5 = dataCoverage(traj, grid, { k: 5, radius: 2.5 });
  assert.ok(Math.abs(c5.spacing - Math.SQRT2) < 1e-15);
  assert.ok(Math.abs(c5.relative[3] - 6 / Math.SQRT2) < 1e-14);
  assert.deepEqual(c5.firstExit, { index: 2, t: null });
  assert.equal(dataCoverage([[1, 1]], grid).firstExit, null);
  assert.throws(
    () => dataCoverage([[1, 1, 1]], grid),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "trajectory[0]",
  );
  assert.throws(
    () => dataCoverage([[1, 1]], grid, { k: 25 }),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "options.k",
  );
});
