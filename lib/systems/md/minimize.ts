import { OdeArgumentError } from "../../ode/errors";
import { MdRunError, firstNonFiniteParticle } from "./errors";
import { checkArrayLike } from "../../ode/errors";
import type { Potential } from "./potentials";

export interface FireResult {
  x: Float64Array;
  energy: number;
  steps: number;
  converged: boolean;
  /** Largest force component at the end. */
  maxForce: number;
}

/**
 * FIRE, the fast inertial relaxation engine (Bitzek, Koskinen, Gähler, Moseler & Gumbsch 2006,
 * Phys. Rev. Lett. 97, 170201) with their parameters: N_min = 5, f_inc = 1.1, f_dec = 0.5,
 * α_start = 0.1, f_α = 0.99; unit masses; Euler semi-implicit MD steps.
 */
export function fireMinimize(
  p: Potential,
  x0: ArrayLike<number>,
  o: { fmax?: number; maxSteps?: number; dt?: number; dtMax?: number } = {},
): FireResult {
  const fmax = o.fmax ?? 1e-6;
  const maxSteps = o.maxSteps ?? 20000;
  let dt = o.dt ?? 0.01;
  const dtMax = o.dtMax ?? 10 * dt;
  const dt0 = dt;
  checkArrayLike("x0", x0);
  if (!(fmax > 0)) throw new OdeArgumentError("fmax", `must be > 0, got ${fmax}`);
  if (!(Number.isInteger(maxSteps) && maxSteps >= 0))
    throw new OdeArgumentError("maxSteps", `must be an integer ≥ 0, got ${maxSteps}`);
  if (!(dt > 0 && Number.isFinite(dt))) throw new OdeArgumentError("dt", `must be finite and > 0, got ${dt}`);
  if (!(dtMax >= dt && Number.isFinite(dtMax)))
    throw new OdeArgumentError("dtMax", `must be finite and ≥ dt (${dt}), got ${dtMax}`);
  if (x0.length % p.dim !== 0)
    throw new OdeArgumentError("x0", `length ${x0.length} is not a multiple of dim ${p.dim}`);
  const x = Float64Array.from(x0);
  const v = new Float64Array(x.length);
  const f = new Float64Array(x.length);
  let E = p.energyAndForces(x, f);
  let alpha = 0.1;
  let positive = 0;
  let step = 0;
  const maxAbs = () => f.reduce((m, fi) => Math.max(m, Math.abs(fi)), 0);
  for (; step < maxSteps && maxAbs() > fmax; step++) {
    let P = 0;
    let vn = 0;
    let fn = 0;
    for (let i = 0; i < x.length; i++) {
      P += f[i] * v[i];
      vn += v[i] * v[i];
      fn += f[i] * f[i];
    }
    vn = Math.sqrt(vn);
    fn = Math.sqrt(fn);
    if (P > 0) {
      for (let i = 0; i < x.length; i++) v[i] = (1 - alpha) * v[i] + (alpha * f[i] * vn) / fn;
      if (++positive > 5) {
        dt = Math.min(dt * 1.1, dtMax);
        alpha *= 0.99;
      }
    } else {
      positive = 0;
      dt *= 0.5;
      alpha = 0.1;
      v.fill(0);
    }
    for (let i = 0; i < x.length; i++) v[i] += dt * f[i];
    for (let i = 0; i < x.length; i++) x[i] += dt * v[i];
    E = p.energyAndForces(x, f);
    if (!Number.isFinite(E)) {
      const i = firstNonFiniteParticle(f, p.dim);
      throw new MdRunError(
        `fireMinimize: the energy became ${E} at step ${step}${i >= 0 ? `, first non-finite force on particle ${i}` : ""}; lower dt (started at ${dt0})`,
        step,
        i,
      );
    }
  }
  const m = maxAbs();
  return { x, energy: E, steps: step, converged: m <= fmax, maxForce: m };
}

/** The 13-atom icosahedron (centre + 12 vertices) with nearest-neighbour distance ≈ r. */
export function icosahedron13(r = 1.1): Float64Array {
  const phi = (1 + Math.sqrt(5)) / 2;
  const verts = [
    [0, 1, phi],
    [0, -1, phi],
    [0, 1, -phi],
    [0, -1, -phi],
    [1, phi, 0],
    [-1, phi, 0],
    [1, -phi, 0],
    [-1, -phi, 0],
    [phi, 0, 1],
    [-phi, 0, 1],
    [phi, 0, -1],
    [-phi, 0, -1],
  ];
  const scale = r / Math.hypot(1, phi);
  return Float64Array.from([0, 0, 0, ...verts.flat().map((c) => c * scale)]);
}
