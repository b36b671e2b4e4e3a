import { test } from "node:test";
import assert from "node:assert/strict";
import { solveSecondOrder } from "../../lib/index";

const omega = 3;
const spring = (_t: number, q: Float64Array, a: Float64Array) => {
  a[0] = -omega * omega * q[0];
};

for (const [method, order] of [
  ["VelocityVerlet", 2],
  ["Yoshida4", 4],
] as const) {
  test(`${method}: harmonic oscillator against cos(ωt), observed order ${order} (±0.2)`, () => {
    const errs = [0.02, 0.01, 0.005].map((h) => {
      const r = solveSecondOrder(spring, [0, 5], [1], [0], { method, step: h });
      assert.equal(r.status, "success");
      return Math.abs(r.q[r.q.length - 1][0] - Math.cos(omega * 5));
    });
    const p = Math.log2(errs[1] / errs[2]);
    assert.ok(Math.abs(p - order) < 0.2, `observed ${p.toFixed(3)}; errors ${errs.map((e) => e.toExponential(2))}`);
  });
}

// Kepler problem, eccentricity 0.5: q'' = −q/|q|³ with H = |v|²/2 − 1/|q| = −1/2.
const kepler = (_t: number, q: Float64Array, a: Float64Array) => {
  const r2 = q[0] * q[0] + q[1] * q[1];
  const inv = 1 / (r2 * Math.sqrt(r2));
  a[0] = -q[0] * inv;
  a[1] = -q[1] * inv;
};
const e = 0.5;
const q0 = [1 - e, 0];
const v0 = [0, Math.sqrt((1 + e) / (1 - e))];
const energy = (q: Float64Array, v: Float64Array) => 0.5 * (v[0] * v[0] + v[1] * v[1]) - 1 / Math.hypot(q[0], q[1]);

test("Kepler orbit (e = 0.5): energy error stays bounded over 1e5 steps, no drift", () => {
  const bounds = { VelocityVerlet: 5e-3, Yoshida4: 5e-5 };
  for (const method of ["VelocityVerlet", "Yoshida4"] as const) {
    const r = solveSecondOrder(kepler, [0, 1e5 * 0.01], q0, v0, { method, step: 0.01, saveEvery: 100 });
    assert.equal(r.stats.nsteps, 1e5);
    const E0 = energy(r.q[0], r.v[0]);
    assert.ok(Math.abs(E0 + 0.5) < 1e-12);
    const errs = r.q.map((q, i) => Math.abs(energy(q, r.v[i]) - E0));
    const maxErr = Math.max(...errs);
    assert.ok(maxErr < bounds[method], `${method}: max energy error ${maxErr}`);
    // Bounded, not drifting: the last tenth is no worse than twice the first tenth.
    const tenth = Math.floor(errs.length / 10);
    const early = Math.max(...errs.slice(1, tenth));
    const late = Math.max(...errs.slice(-tenth));
    assert.ok(late < 2 * early + 1e-14, `${method}: early ${early}, late ${late}`);
  }
});

test("an explicit non-symplectic method drifts on the same orbit (the contrast the test above relies on)", async () => {
  const { solveIVP } = await import("../../lib/index");
  const r = solveIVP(
    (_t, y, d) => {
      const r2 = y[0] * y[0] + y[1] * y[1];
      const inv = 1 / (r2 * Math.sqrt(r2));
      d[0] = y[2];
      d[1] = y[3];
      d[2] = -y[0] * inv;
      d[3] = -y[1] * inv;
    },
    [0, 1000],
    [...q0, ...v0],
    { method: "RK4", step: 0.01, tEval: [0, 100, 1000] },
  );
  const E = r.y.map((y) => energy(y.subarray(0, 2), y.subarray(2, 4)));
  assert.ok(Math.abs(E[2] - E[0]) > 3 * Math.abs(E[1] - E[0]), `RK4 energy error ${E.map((x) => x + 0.5)}`);
});

test("invalid arguments name the argument; a blow-up reports the time", () => {
  assert.throws(
    () => solveSecondOrder(spring, [0, 1], [1], [0, 1], { step: 0.1 }),
    /invalid argument v0: has length 2 but q0 has length 1/,
  );
  assert.throws(
    () => solveSecondOrder(spring, [0, 1], [NaN], [0], { step: 0.1 }),
    /invalid argument q0: component 0 is NaN/,
  );
  assert.throws(() => solveSecondOrder(spring, [0, 1], [1], [0], { step: 0 }), /invalid argument step/);
  assert.throws(() => solveSecondOrder(spring, [0, Infinity], [1], [0], { step: 0.1 }), /invalid argument tSpan/);
  assert.throws(
    () => solveSecondOrder(spring, [0, 1], [1], [0], { step: 0.1, method: "Euler" as "Yoshida4" }),
    /unknown method "Euler"/,
  );
  const r = solveSecondOrder((_t, q, a) => (a[0] = q[0] * q[0] * 1e300), [0, 1], [1], [0], { step: 0.1 });
  assert.equal(r.status, "nonFinite");
  assert.match(r.message, /non-finite (position|velocity) component 0 in the step from t=0 with h=0\.1/);
});
