import { test } from "node:test";
import assert from "node:assert/strict";
import {
  lennardJones,
  morse,
  harmonicBonds,
  sumPotentials,
  mullerBrown,
  velocityVerlet,
  langevinBAOAB,
  fireMinimize,
  icosahedron13,
  rmsd,
  radialDistribution,
  trajectoryFrame,
  energyFrame,
  kineticEnergy,
  temperature,
  MdRunError,
} from "../../lib/systems/md/index";
import type { Potential } from "../../lib/systems/md/index";
import { mulberry32 } from "../../lib/index";

function forcesMatchFD(p: Potential, x: Float64Array, tol = 1e-6) {
  const f = new Float64Array(x.length);
  p.energyAndForces(x, f);
  const scratch = new Float64Array(x.length);
  const scale = Math.max(1, ...Array.from(f, Math.abs));
  for (let i = 0; i < x.length; i++) {
    const h = 1e-6;
    const xp = x.slice();
    const xm = x.slice();
    xp[i] += h;
    xm[i] -= h;
    const fd = -(p.energyAndForces(xp, scratch) - p.energyAndForces(xm, scratch)) / (2 * h);
    assert.ok(Math.abs(fd - f[i]) <= tol * scale, `F[${i}]: analytic ${f[i]}, FD ${fd}`);
  }
}

/** Particles on a jittered lattice in a periodic box (no overlaps). */
function lattice(perSide: number, spacing: number, dim: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const n = perSide ** dim;
  const x = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    let rem = i;
    for (let a = 0; a < dim; a++) {
      x[i * dim + a] = ((rem % perSide) + 0.5 + 0.2 * (rand() - 0.5)) * spacing;
      rem = Math.floor(rem / perSide);
    }
  }
  return x;
}

test("forces of Lennard-Jones (open, periodic with cut-off), Morse, harmonic bonds and Müller–Brown equal −∇E by central differences", () => {
  forcesMatchFD(lennardJones(), icosahedron13(1.12));
  forcesMatchFD(lennardJones({ cutoff: 2.5, box: 6, dim: 2, shift: true }), lattice(5, 1.2, 2, 4));
  const bonds: [number, number][] = [
    [0, 1],
    [1, 2],
    [2, 3],
  ];
  const chain = Float64Array.from([0, 0, 0, 1.1, 0.1, 0, 2.0, 0.8, 0.2, 2.6, 1.7, -0.3]);
  forcesMatchFD(morse({ D: 4.7, a: 1.9, r0: 1.0, bonds }), chain);
  forcesMatchFD(sumPotentials(harmonicBonds({ k: 30, r0: 1, bonds }), lennardJones({ sigma: 0.5 })), chain);
  forcesMatchFD(mullerBrown(), Float64Array.from([-0.3, 0.9]), 1e-7);
});

/** Reference Lennard-Jones (σ = ε = 1) over all pairs with minimum image, written out plainly. */
function bruteForceLJ(x: Float64Array, dim: number, box: number, rc: number, shift: boolean) {
  const shiftE = shift ? 4 * (rc ** -12 - rc ** -6) : 0;
  let E = 0;
  const f = new Float64Array(x.length);
  const n = x.length / dim;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = Array.from({ length: dim }, (_, a) => {
        const v = x[i * dim + a] - x[j * dim + a];
        return v - box * Math.round(v / box);
      });
      const r2 = d.reduce((s, v) => s + v * v, 0);
      if (r2 >= rc * rc) continue;
      const ir6 = 1 / r2 ** 3;
      E += 4 * ir6 * (ir6 - 1) - shiftE;
      const fr = (24 * ir6 * (2 * ir6 - 1)) / r2;
      for (let a = 0; a < dim; a++) {
        f[i * dim + a] += fr * d[a];
        f[j * dim + a] -= fr * d[a];
      }
    }
  return { E, f };
}

function assertCellListMatches(x: Float64Array, dim: 2 | 3, box: number, rc: number, shift: boolean, what: string) {
  const cells = lennardJones({ cutoff: rc, box, dim, shift });
  assert.equal(cells.pairs, "cells");
  const { E, f } = bruteForceLJ(x, dim, box, rc, shift);
  const fc = new Float64Array(x.length);
  const Ec = cells.energyAndForces(x, fc);
  assert.ok(Math.abs(Ec - E) < 1e-10 * Math.abs(E), `${what}: E cells ${Ec} vs ${E}`);
  fc.forEach((v, i) => assert.ok(Math.abs(v - f[i]) < 1e-9, `${what}: F[${i}] ${v} vs ${f[i]}`));
}

test("Lennard-Jones with a cell list equals the minimum-image all-pairs sum (3-D and 2-D, unwrapped coordinates)", () => {
  const x3 = lattice(6, 1.15, 3, 9); // 216 particles, 3 × 3 × 3 cells
  const box3 = 6 * 1.15;
  assertCellListMatches(x3, 3, box3, 2.2, false, "3-D");
  // Particles moved by whole boxes give the same energy and forces.
  const shifted = x3.map((v, i) => v + box3 * (((i * 7) % 5) - 2));
  assertCellListMatches(shifted, 3, box3, 2.2, false, "3-D, unwrapped");
  assertCellListMatches(lattice(12, 1.1, 2, 13), 2, 12 * 1.1, 2.5, true, "2-D, shifted"); // 5 × 5 cells
});

test("velocity Verlet on LJ13: energy error bounded and second order in dt (halving dt: 3–5× smaller)", () => {
  const lj = lennardJones();
  const x0 = icosahedron13(1.12);
  const rand = mulberry32(5);
  const v0 = Float64Array.from(x0, () => 0.3 * (rand() - 0.5));
  const masses = new Array(13).fill(1);
  const drift = (dt: number) => {
    const traj = velocityVerlet(lj, x0, v0, masses, { dt, steps: Math.round(4 / dt), saveEvery: 1 });
    const E = traj.potential.map((p, i) => p + traj.kinetic[i]);
    return Math.max(...Array.from(E, (e) => Math.abs(e - E[0]))) / Math.abs(E[0]);
  };
  const e1 = drift(0.002);
  const e2 = drift(0.001);
  assert.ok(e1 < 1e-4, `relative energy error ${e1}`);
  assert.ok(e1 / e2 > 3 && e1 / e2 < 5, `ratio ${e1 / e2}`);
});

test("BAOAB samples the Boltzmann distribution of a harmonic bond (⟨(r−r0)²⟩ = kT/k within 5%) and is bit-reproducible", () => {
  const p = harmonicBonds({ k: 4, r0: 1, bonds: [[0, 1]], dim: 1 });
  const run = () =>
    langevinBAOAB(p, [0, 1], [0, 0], [1, 1e9], { dt: 0.05, steps: 200000, gamma: 1, kT: 0.2, seed: 42, saveEvery: 10 });
  const traj = run();
  // The heavy second particle barely moves; the relative coordinate is a 1-D oscillator with k = 4.
  let s = 0;
  let c = 0;
  traj.positions.forEach((x, i) => {
    if (i < 100) return;
    s += (Math.abs(x[1] - x[0]) - 1) ** 2;
    c++;
  });
  const mean = s / c;
  assert.ok(Math.abs(mean / (0.2 / 4) - 1) < 0.05, `⟨δr²⟩ = ${mean}, kT/k = ${0.2 / 4}`);
  const again = run();
  assert.deepEqual(
    Array.from(again.positions[again.positions.length - 1]),
    Array.from(traj.positions[traj.positions.length - 1]),
  );
});

test("FIRE finds the LJ dimer (r = 2^{1/6}σ, E = −ε), the LJ13 icosahedron (E = −44.326801, Wales & Doye 1997) and the Müller–Brown minimum", () => {
  const dimer = fireMinimize(lennardJones(), [0, 0, 0, 1.5, 0, 0], { fmax: 1e-8 });
  assert.ok(dimer.converged);
  const r = Math.hypot(dimer.x[3] - dimer.x[0], dimer.x[4] - dimer.x[1], dimer.x[5] - dimer.x[2]);
  assert.ok(Math.abs(r - 2 ** (1 / 6)) < 1e-6 && Math.abs(dimer.energy + 1) < 1e-10, `r=${r} E=${dimer.energy}`);
  const rand = mulberry32(11);
  const start = Float64Array.from(icosahedron13(1.1), (v) => v + 0.05 * (rand() - 0.5));
  const lj13 = fireMinimize(lennardJones(), start, { fmax: 1e-7, maxSteps: 50000 });
  assert.ok(lj13.converged, `max force ${lj13.maxForce}`);
  assert.ok(Math.abs(lj13.energy + 44.326801) < 1e-4, `E = ${lj13.energy}`);
  // The minimum is the icosahedron: RMSD to the ideal one (scaled to the same size) is tiny after alignment.
  const scale = Math.hypot(lj13.x[3] - lj13.x[0], lj13.x[4] - lj13.x[1], lj13.x[5] - lj13.x[2]);
  assert.ok(rmsd(lj13.x, icosahedron13(scale)) < 0.02, `rmsd ${rmsd(lj13.x, icosahedron13(scale))}`);
  const mb = fireMinimize(mullerBrown(), [-0.4, 1.3], { fmax: 1e-8, dt: 1e-4, dtMax: 1e-3 });
  assert.ok(
    Math.abs(mb.x[0] + 0.558) < 2e-3 && Math.abs(mb.x[1] - 1.442) < 2e-3 && Math.abs(mb.energy + 146.7) < 0.01,
    `${mb.x} E=${mb.energy}`,
  );
});

test("RMSD is invariant to rotation and translation; g(r) of an ideal gas is ≈ 1; trajectories come out as frames", () => {
  const a = icosahedron13(1.1);
  const th = 0.7;
  const b = new Float64Array(a.length);
  for (let i = 0; i < 13; i++) {
    const [x, y, z] = [a[i * 3], a[i * 3 + 1], a[i * 3 + 2]];
    b[i * 3] = Math.cos(th) * x - Math.sin(th) * z + 3;
    b[i * 3 + 1] = y - 1;
    b[i * 3 + 2] = Math.sin(th) * x + Math.cos(th) * z + 0.5;
  }
  assert.ok(rmsd(a, b) < 1e-7, `rmsd ${rmsd(a, b)}`);
  const rand = mulberry32(2);
  const frames = Array.from({ length: 20 }, () => Float64Array.from({ length: 600 }, () => 10 * rand()));
  const { g } = radialDistribution(frames, { box: 10, rMax: 4, bins: 8 });
  for (const v of g.slice(2)) assert.ok(Math.abs(v - 1) < 0.1, `g = ${v}`);
  const traj = velocityVerlet(lennardJones(), icosahedron13(1.12), new Float64Array(39), new Array(13).fill(1), {
    dt: 0.005,
    steps: 10,
    saveEvery: 5,
  });
  assert.deepEqual(trajectoryFrame(traj, 3).shape, [39, 8]);
  assert.deepEqual(energyFrame(traj).columns, ["t", "potential", "kinetic", "total"]);
});

test("bad MD input: TypeErrors for wrong types, RangeErrors naming argument, value and particle; a blow-up is an MdRunError", () => {
  const lj = lennardJones();
  const x = Float64Array.from([0, 0, 0, 1.1, 0, 0]);
  const isRange = (re: RegExp) => (e: Error) => e instanceof RangeError && re.test(e.message);
  const isType = (re: RegExp) => (e: Error) => e instanceof TypeError && re.test(e.message);
  assert.throws(
    () => lj.energyAndForces(x, new Float64Array(3)),
    isRange(/invalid argument forces: has length 3, positions 6/),
  );
  assert.throws(
    () => lj.energyAndForces([0, 0, 0] as unknown as Float64Array, new Float64Array(3)),
    isType(/invalid argument x: expected a Float64Array/),
  );
  assert.throws(
    () => lj.energyAndForces(Float64Array.from([0, 0, 0, NaN, 0, 0]), new Float64Array(6)),
    isRange(/coordinate 0 of particle 1 is NaN/),
  );
  const bond = harmonicBonds({ k: 1, r0: 1, bonds: [[0, 1]] });
  assert.throws(() => bond.energyAndForces(x, new Float64Array(5)), isRange(/forces: has length 5, positions 6/));
  assert.throws(
    () => harmonicBonds({ k: -2, r0: 1, bonds: [[0, 1]] }),
    isRange(/invalid argument k: must be finite and > 0, got -2/),
  );
  assert.throws(
    () => morse({ D: 1, a: 0, r0: 1, bonds: [[0, 1]] }),
    isRange(/invalid argument a: Morse a must be finite and > 0, got 0/),
  );
  assert.throws(
    () => harmonicBonds({ k: 1, r0: 1, bonds: [[0, 1.5]] as [number, number][] }),
    isType(/bond 0 must be a pair of particle indices/),
  );
  assert.throws(() => sumPotentials(), isRange(/potentials: none given/));
  assert.throws(() => sumPotentials(lj, mullerBrown()), isRange(/potential 0 has 3, potential 1 2/));
  assert.throws(
    () => mullerBrown().energyAndForces(Float64Array.from([0, 0]), new Float64Array(1)),
    isRange(/forces: has length 1, positions 2/),
  );
  assert.throws(() => lennardJones({ cutoff: 2.5, box: 4, dim: 3 }), isRange(/cutoff: 2.5 exceeds half the box \(2\)/));
  const opts = { dt: 0.01, steps: 10 };
  assert.throws(
    () => velocityVerlet(lj, x, new Float64Array(6), [1], opts),
    isRange(/masses: has 1 entries for 2 particles/),
  );
  assert.throws(() => velocityVerlet(lj, x, new Float64Array(6), [1, 0], opts), isRange(/masses: mass 1 is 0/));
  assert.throws(
    () => velocityVerlet(lj, x, "v" as unknown as number[], [1, 1], opts),
    isType(/invalid argument v0: expected an array of numbers, got the string "v"/),
  );
  assert.throws(
    () => velocityVerlet(lj, x, Float64Array.from([0, 0, 0, 0, Infinity, 0]), [1, 1], opts),
    isRange(/v0: component 1 of particle 1 is Infinity/),
  );
  assert.throws(
    () => velocityVerlet(lj, x, new Float64Array(6), [1, 1], { ...opts, saveEvery: 0 }),
    isRange(/saveEvery: must be an integer ≥ 1, got 0/),
  );
  assert.throws(
    () => langevinBAOAB(lj, x, new Float64Array(6), [1, 1], { ...opts, gamma: 1, kT: 1, seed: 0.5 }),
    isRange(/seed: must be an integer, got 0.5/),
  );
  assert.throws(() => fireMinimize(lj, x, { dt: 0 }), isRange(/invalid argument dt: must be finite and > 0, got 0/));
  assert.throws(
    () => fireMinimize(lj, Float64Array.from([0, 0]), {}),
    isRange(/x0: length 2 is not a multiple of dim 3/),
  );
  assert.throws(
    () => kineticEnergy([1, 2, 3], [1, 1], 2),
    isRange(/invalid argument v: has length 3, expected 4 \(2 masses × dim 2\)/),
  );
  assert.throws(() => temperature([1, 2], [1], 2, 2), isRange(/constraints: 2 leave 0 degrees of freedom/));
  assert.throws(
    () => rmsd([0, 0, 0, 1], [0, 0, 0, 1], 3),
    isRange(/invalid argument a: length 4 is not a positive multiple of dim 3/),
  );
  assert.throws(
    () => radialDistribution([x, Float64Array.from([0, 0, 0])], { box: 4, rMax: 2, bins: 10 }),
    isRange(/frame 1 has length 3/),
  );
  assert.throws(
    () => radialDistribution([x], { box: 4, rMax: 2, bins: 2.5 }),
    isRange(/bins: must be an integer ≥ 1, got 2.5/),
  );
  // A harmonic bond (ω = 1) with dt = 3 > 2/ω: velocity Verlet is unstable (Hairer, Lubich &
  // Wanner, Geometric Numerical Integration, Sec. I.5) and grows ~ 7× per step until the energy overflows.
  const unstable = harmonicBonds({ k: 0.5, r0: 0, bonds: [[0, 1]], dim: 1 });
  assert.throws(
    () => velocityVerlet(unstable, [0, 1], [0, 0], [1, 1], { dt: 3, steps: 2000 }),
    (e: Error) =>
      e instanceof MdRunError &&
      e instanceof RangeError &&
      e.name === "MdRunError" &&
      e.step > 100 &&
      e.step < 2000 &&
      /MD: the potential energy became (Infinity|NaN) at t = \d+ \(step \d+\).*; lower dt \(now 3\)/.test(e.message),
  );
});
