/**
 * Velocity Verlet, the one copy: the in-place kick and drift of the Störmer–Verlet method and
 * the step made of them, shared by `solveSecondOrder` (and its compositions) and molecular
 * dynamics (lib/systems/md, also its Langevin splitting).
 *
 * Method: for H = ½ vᵀMv + V(q) with force F = −∇V, one step of size h is
 *   v ← v + ½h·M⁻¹F(q)  (kick),  q ← q + h·v  (drift),  F ← F(q),  v ← v + ½h·M⁻¹F(q)  (kick);
 * symplectic, time-reversible, second order, one force evaluation per step when F(q) is kept
 * from the step before (Swope, Andersen, Berens & Wilson, J. Chem. Phys. 76 (1982) 637,
 * doi:10.1063/1.442716; Hairer, Lubich & Wanner, Geometric Numerical Integration, 2nd ed.,
 * Sec. I.1.4).
 *
 * Kernels work in place on caller-owned Float64Arrays of one length (checked) and allocate
 * nothing. The kick multiplies (½h·F_i)·(1/m_i) in that order; with unit inverse masses it is
 * ½h·a_i exactly.
 */

import { checkLength } from "../linalg/checkLength";

/**
 * Writes the force (or acceleration) at time t and positions q into `out`; its return value (MD's
 * potential energy) is handed back by velocityVerletStep.
 */
export type VerletForce<R> = (t: number, q: Float64Array, out: Float64Array) => R;

/** Kick: v_i += (halfStep·force_i)·invMass_i. Returns v. */
export function kick(v: Float64Array, force: Float64Array, invMass: Float64Array, halfStep: number): Float64Array {
  checkLength("force", force, v.length, "the velocity's length", true);
  checkLength("invMass", invMass, v.length, "the velocity's length", true);
  return kickChecked(v, force, invMass, halfStep);
}

/** Drift: q_i += step·v_i. Returns q. */
export function drift(q: Float64Array, v: Float64Array, step: number): Float64Array {
  checkLength("v", v, q.length, "the positions' length", true);
  return driftChecked(q, v, step);
}

/**
 * One velocity Verlet step from t to t + h, in place: `force` holds F(q) on entry and F(q_new) on
 * return. Returns what `evaluate` returned for the new positions.
 */
export function velocityVerletStep<R>(
  t: number,
  h: number,
  q: Float64Array,
  v: Float64Array,
  force: Float64Array,
  invMass: Float64Array | null,
  evaluate: VerletForce<R>,
): R {
  const n = q.length;
  if (v.length !== n || force.length !== n || (invMass !== null && invMass.length !== n)) {
    // Lengths checked once here, not in each kick and drift (this is the inner loop of a solve).
    checkLength("v", v, n, "the positions' length", true);
    checkLength("force", force, n, "the positions' length", true);
    if (invMass !== null) checkLength("invMass", invMass, n, "the positions' length", true);
  }
  const half = 0.5 * h;
  // Kick and drift fused per component (each component's arithmetic as in kick then drift);
  // invMass null: unit masses (the force is already an acceleration), no multiply. Both measured:
  // on 2-component systems the separate loops and the unit-mass multiply cost ~20 % per step.
  if (invMass === null)
    for (let i = 0; i < n; i++) {
      v[i] += half * force[i];
      q[i] += h * v[i];
    }
  else
    for (let i = 0; i < n; i++) {
      v[i] += half * force[i] * invMass[i];
      q[i] += h * v[i];
    }
  const value = evaluate(t + h, q, force);
  if (invMass === null) for (let i = 0; i < n; i++) v[i] += half * force[i];
  else kickChecked(v, force, invMass, half);
  return value;
}

function kickChecked(v: Float64Array, force: Float64Array, invMass: Float64Array, halfStep: number): Float64Array {
  for (let i = 0; i < v.length; i++) v[i] += halfStep * force[i] * invMass[i];
  return v;
}

function driftChecked(q: Float64Array, v: Float64Array, step: number): Float64Array {
  for (let i = 0; i < q.length; i++) q[i] += step * v[i];
  return q;
}
