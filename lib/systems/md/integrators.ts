import { OdeArgumentError } from "../../ode/errors";
import { MdRunError, firstNonFiniteParticle } from "./errors";
import { checkArrayLike } from "../../ode/errors";
import { mulberry32, normalGenerator } from "../../random/index";
import type { Potential } from "./potentials";
import { drift, kick, velocityVerletStep } from "../../ode/symplectic/verlet";

export interface MdTrajectory {
  times: Float64Array;
  positions: Float64Array[];
  velocities: Float64Array[];
  potential: Float64Array;
  kinetic: Float64Array;
}

interface RunOptions {
  dt: number;
  steps: number;
  /** Save every this many steps (default 1); the initial state is saved too. */
  saveEvery?: number;
}

function check(p: Potential, x0: ArrayLike<number>, v0: ArrayLike<number>, masses: ArrayLike<number>, o: RunOptions) {
  checkArrayLike("x0", x0);
  checkArrayLike("v0", v0);
  checkArrayLike("masses", masses);
  if (o === null || typeof o !== "object")
    throw new TypeError(`invalid argument options: expected an object { dt, steps }, got ${String(o)}`);
  const n = x0.length / p.dim;
  if (!Number.isInteger(n)) throw new OdeArgumentError("x0", `length ${x0.length} is not a multiple of dim ${p.dim}`);
  if (v0.length !== x0.length) throw new OdeArgumentError("v0", `has length ${v0.length}, x0 ${x0.length}`);
  if (masses.length !== n) throw new OdeArgumentError("masses", `has ${masses.length} entries for ${n} particles`);
  for (let i = 0; i < n; i++)
    if (!(masses[i] > 0)) throw new OdeArgumentError("masses", `mass ${i} is ${masses[i]}; must be > 0`);
  if (!(o.dt > 0)) throw new OdeArgumentError("dt", `must be > 0, got ${o.dt}`);
  if (!(Number.isInteger(o.steps) && o.steps >= 0))
    throw new OdeArgumentError("steps", `must be an integer ≥ 0, got ${o.steps}`);
  for (let i = 0; i < x0.length; i++) {
    if (!Number.isFinite(x0[i]))
      throw new OdeArgumentError("x0", `coordinate ${i % p.dim} of particle ${Math.floor(i / p.dim)} is ${x0[i]}`);
    if (!Number.isFinite(v0[i]))
      throw new OdeArgumentError("v0", `component ${i % p.dim} of particle ${Math.floor(i / p.dim)} is ${v0[i]}`);
  }
  const every = o.saveEvery ?? 1;
  if (!(Number.isInteger(every) && every >= 1))
    throw new OdeArgumentError("saveEvery", `must be an integer ≥ 1, got ${every}`);
  return n;
}

function kinetic(v: Float64Array, masses: ArrayLike<number>, dim: number): number {
  let k = 0;
  for (let i = 0; i < v.length; i++) k += 0.5 * masses[Math.floor(i / dim)] * v[i] * v[i];
  return k;
}

/**
 * Velocity Verlet (Swope et al. 1982): symplectic, time-reversible, second order; the energy
 * error stays bounded and scales as dt². In place on Float64Arrays; one force call per step.
 * The step is lib/ode's (ode/symplectic/verlet.ts), as is BAOAB's kick and drift.
 */
export function velocityVerlet(
  p: Potential,
  x0: ArrayLike<number>,
  v0: ArrayLike<number>,
  masses: ArrayLike<number>,
  o: RunOptions,
): MdTrajectory {
  return run(p, x0, v0, masses, o, null);
}

export interface LangevinOptions extends RunOptions {
  /** Friction γ (1/time). */
  gamma: number;
  /** Temperature as k_B T (energy units). */
  kT: number;
  seed: number;
}

/**
 * Langevin dynamics by BAOAB (Leimkuhler & Matthews 2013, Appl. Math. Res. Express 2013(1)):
 * half kick, half drift, exact Ornstein–Uhlenbeck step v ← c v + √((1−c²) kT/m) ξ with
 * c = e^{−γ dt}, half drift, half kick. Configurational averages are accurate to O(dt²).
 * Seeded: the same seed gives the same trajectory bit for bit.
 */
export function langevinBAOAB(
  p: Potential,
  x0: ArrayLike<number>,
  v0: ArrayLike<number>,
  masses: ArrayLike<number>,
  o: LangevinOptions,
): MdTrajectory {
  if (!(o.gamma >= 0)) throw new OdeArgumentError("gamma", `must be ≥ 0, got ${o.gamma}`);
  if (!(o.kT > 0)) throw new OdeArgumentError("kT", `must be > 0, got ${o.kT}`);
  if (typeof o.seed !== "number") throw new TypeError(`invalid argument seed: expected a number, got ${typeof o.seed}`);
  if (!Number.isInteger(o.seed)) throw new OdeArgumentError("seed", `must be an integer, got ${o.seed}`);
  return run(p, x0, v0, masses, o, o);
}

function run(
  p: Potential,
  x0: ArrayLike<number>,
  v0: ArrayLike<number>,
  masses: ArrayLike<number>,
  o: RunOptions,
  thermostat: LangevinOptions | null,
): MdTrajectory {
  check(p, x0, v0, masses, o);
  const dim = p.dim;
  const x = Float64Array.from(x0);
  const v = Float64Array.from(v0);
  const f = new Float64Array(x.length);
  const invM = Float64Array.from({ length: x.length }, (_, i) => 1 / masses[Math.floor(i / dim)]);
  const h = o.dt;
  const every = o.saveEvery ?? 1;
  const saves = Math.floor(o.steps / every) + 1;
  const out: MdTrajectory = {
    times: new Float64Array(saves),
    positions: [],
    velocities: [],
    potential: new Float64Array(saves),
    kinetic: new Float64Array(saves),
  };
  let E = p.energyAndForces(x, f);
  const forces = (_t: number, q: Float64Array, out: Float64Array) => p.energyAndForces(q, out); // no explicit t
  const half = 0.5 * h;
  const save = (s: number, step: number) => {
    out.times[s] = step * h;
    out.positions.push(x.slice());
    out.velocities.push(v.slice());
    out.potential[s] = E;
    out.kinetic[s] = kinetic(v, masses, dim);
  };
  save(0, 0);
  const rand = thermostat ? mulberry32(thermostat.seed) : null;
  const c = thermostat ? Math.exp(-thermostat.gamma * h) : 0;
  const noise = thermostat ? Float64Array.from(invM, (im) => Math.sqrt((1 - c * c) * thermostat.kT * im)) : null;
  // Standard normal kicks, both values of each Box–Muller draw used in turn.
  const gaussian = rand ? normalGenerator(rand, 1, "pairs") : null;
  for (let step = 1, s = 1; step <= o.steps; step++) {
    if (thermostat) {
      kick(v, f, invM, half); // B
      drift(x, v, half); // A
      for (let i = 0; i < x.length; i++) v[i] = c * v[i] + noise![i] * gaussian!(); // O
      drift(x, v, half); // A
      E = p.energyAndForces(x, f);
      kick(v, f, invM, half); // B
    } else {
      E = velocityVerletStep((step - 1) * h, h, x, v, f, invM, forces);
    }
    if (!Number.isFinite(E)) {
      const i = firstNonFiniteParticle(f, dim);
      throw new MdRunError(
        `MD: the potential energy became ${E} at t = ${step * h} (step ${step})${i >= 0 ? `, first non-finite force on particle ${i}` : ""}; lower dt (now ${h})`,
        step,
        i,
      );
    }
    if (step % every === 0) save(s++, step);
  }
  return out;
}
