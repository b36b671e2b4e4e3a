import { test } from "node:test";
import assert from "node:assert/strict";
import { drift, kick, velocityVerletStep } from "../../lib/ode/symplectic/verlet";
import { solveSecondOrder } from "../../lib/index";
import { lennardJones, velocityVerlet as mdVelocityVerlet } from "../../lib/systems/md/index";

// Harmonic oscillators q_i'' = −(k_i/m_i) q_i, force F_i = −k_i q_i.
const k = Float64Array.from([4, 9, 1]);
const m = Float64Array.from([1, 2.5, 0.5]);
const invM = Float64Array.from(m, (mi) => 1 / mi);
const springs = (_t: number, q: Float64Array, F: Float64Array) => {
  for (let i = 0; i < q.length; i++) F[i] = -k[i] * q[i];
};

test("kick and drift work in place and return their input", () => {
  const v = Float64Array.from([1, 2]);
  const q = Float64Array.from([0, 0]);
  assert.equal(kick(v, Float64Array.from([2, -4]), Float64Array.from([0.5, 0.25]), 0.1), v);
  assert.deepEqual(Array.from(v), [1 + 0.1 * 2 * 0.5, 2 - 0.1 * 4 * 0.25]);
  assert.equal(drift(q, v, 2), q);
  assert.deepEqual(Array.from(q), [2 * v[0], 2 * v[1]]);
});

test("velocityVerletStep on harmonic oscillators equals the closed-form Störmer–Verlet map (HLW I.1.4), 1e-15", () => {
  const q = Float64Array.from([1, -0.5, 0.3]);
  const v = Float64Array.from([0, 1, -2]);
  const q0 = Float64Array.from(q);
  const v0 = Float64Array.from(v);
  const F = new Float64Array(3);
  springs(0, q, F);
  const h = 0.05;
  let calls = 0;
  const ret = velocityVerletStep(0.2, h, q, v, F, invM, (t, x, out) => {
    calls++;
    assert.equal(t, 0.2 + h, "forces at the end of the step");
    springs(t, x, out);
    return "value";
  });
  assert.equal(ret, "value", "returns what the force function returned");
  assert.equal(calls, 1, "one force evaluation per step");
  for (let i = 0; i < 3; i++) {
    const w2 = k[i] / m[i];
    // q1 = q0 + h v0 − (h²ω²/2) q0, v1 = v0 − (hω²/2)(q0 + q1).
    const q1 = q0[i] + h * v0[i] - 0.5 * h * h * w2 * q0[i];
    const v1 = v0[i] - 0.5 * h * w2 * (q0[i] + q1);
    assert.ok(Math.abs(q[i] - q1) < 1e-15, `q[${i}] ${q[i]} vs ${q1}`);
    assert.ok(Math.abs(v[i] - v1) < 1e-15, `v[${i}] ${v[i]} vs ${v1}`);
    assert.equal(F[i], -k[i] * q[i], "the force array holds F(q_new)");
  }
});

test("velocityVerletStep conserves the oscillator's modified energy m v² + k q² (1 − h²ω²/4) to round-off over 1e4 steps", () => {
  // The Störmer–Verlet map of q'' = −ω²q is linear and symplectic; this quadratic form is its exact invariant.
  const q = Float64Array.from([1, -0.5, 0.3]);
  const v = Float64Array.from([0, 1, -2]);
  const F = new Float64Array(3);
  springs(0, q, F);
  const h = 0.1;
  const modified = (i: number) => m[i] * v[i] * v[i] + k[i] * q[i] * q[i] * (1 - (h * h * k[i]) / m[i] / 4);
  const start = [0, 1, 2].map(modified);
  for (let s = 0; s < 10000; s++) velocityVerletStep(s * h, h, q, v, F, invM, springs);
  [0, 1, 2].forEach((i) => {
    const drift = Math.abs(modified(i) - start[i]) / start[i];
    assert.ok(drift < 1e-12, `oscillator ${i}: relative change ${drift}`);
  });
});

test("velocityVerletStep is time-reversible: a step of h then −h returns to the start (round-off)", () => {
  const q = Float64Array.from([1, -0.5, 0.3]);
  const v = Float64Array.from([0, 1, -2]);
  const q0 = Float64Array.from(q);
  const v0 = Float64Array.from(v);
  const F = new Float64Array(3);
  springs(0, q, F);
  velocityVerletStep(0, 0.07, q, v, F, invM, springs);
  velocityVerletStep(0.07, -0.07, q, v, F, invM, springs);
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(q[i] - q0[i]) < 1e-15 && Math.abs(v[i] - v0[i]) < 1e-15, `component ${i}`);
  }
});

test("MD's velocityVerlet and solveSecondOrder run on this step: the same numbers, bit for bit", () => {
  // LJ trimer with unequal masses: the kernel's (½h·F)·(1/m) against the MD trajectory.
  const lj = lennardJones();
  const x0 = [0, 0, 0, 1.15, 0.02, 0, 0.5, 1.0, 0.1];
  const v0 = [0.05, -0.02, 0, 0, 0.03, -0.01, -0.04, 0, 0.02];
  const masses = [1, 2, 0.7];
  const dt = 0.004;
  const traj = mdVelocityVerlet(lj, x0, v0, masses, { dt, steps: 500, saveEvery: 500 });
  const x = Float64Array.from(x0);
  const v = Float64Array.from(v0);
  const F = new Float64Array(9);
  const inv = Float64Array.from({ length: 9 }, (_, i) => 1 / masses[Math.floor(i / 3)]);
  lj.energyAndForces(x, F);
  let E = 0;
  for (let s = 0; s < 500; s++)
    E = velocityVerletStep(s * dt, dt, x, v, F, inv, (_t, q, out) => lj.energyAndForces(q, out));
  assert.deepEqual(Array.from(traj.positions[1]), Array.from(x));
  assert.deepEqual(Array.from(traj.velocities[1]), Array.from(v));
  assert.equal(traj.potential[1], E);
  // solveSecondOrder: accelerations with unit inverse masses, the same map.
  const spring = (_t: number, q: Float64Array, a: Float64Array) => {
    a[0] = -9 * q[0];
  };
  const r = solveSecondOrder(spring, [0, 1], [1], [0], { step: 0.01 });
  const q = Float64Array.of(1);
  const w = Float64Array.of(0);
  const a = Float64Array.of(-9);
  const one = Float64Array.of(1);
  let t = 0;
  for (let s = 1; s <= 100; s++) {
    const tNext = s === 100 ? 1 : s * 0.01;
    velocityVerletStep(t, tNext - t, q, w, a, one, spring);
    t = tNext;
  }
  assert.equal(r.q[r.q.length - 1][0], q[0]);
  assert.equal(r.v[r.v.length - 1][0], w[0]);
});

test("kick and drift check their buffers' lengths (OdeArgumentError, a RangeError, naming the buffer)", () => {
  const a3 = new Float64Array(3);
  const a2 = new Float64Array(2);
  assert.throws(
    () => kick(a3, a3, a2, 0.1),
    (e: Error) =>
      e instanceof RangeError &&
      /invalid argument invMass: has length 2, needs 3 \(the velocity's length\)/.test(e.message),
  );
  assert.throws(() => kick(a3, a2, a3, 0.1), /invalid argument force: has length 2, needs 3/);
  assert.throws(() => drift(a3, a2, 0.1), /invalid argument v: has length 2, needs 3 \(the positions' length\)/);
  assert.throws(
    () => velocityVerletStep(0, 0.1, a3, a3, a2, a3, () => 0),
    /invalid argument force: has length 2, needs 3/,
  );
});

test("velocityVerletStep with invMass null (unit masses, the force is an acceleration) equals unit inverse masses bit for bit", () => {
  const springs = (_t: number, x: Float64Array, out: Float64Array) => {
    for (let i = 0; i < x.length; i++) out[i] = -(i + 1) * x[i] - 0.3 * x[i] ** 3;
  };
  const run = (invM: Float64Array | null) => {
    const q = Float64Array.from([0.4, -1.1, 0.7]);
    const v = Float64Array.from([0.2, 0.5, -0.9]);
    const F = new Float64Array(3);
    springs(0, q, F);
    for (let s = 0; s < 500; s++) velocityVerletStep(s * 0.01, 0.01, q, v, F, invM, springs);
    return [...q, ...v];
  };
  assert.deepEqual(run(null), run(new Float64Array(3).fill(1)));
});
