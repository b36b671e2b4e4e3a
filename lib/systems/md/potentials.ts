import { OdeArgumentError } from "../../ode/errors";
import { LjCellList } from "./cellList";
import { describe } from "./errors";

/** Throws unless `f` is a Float64Array as long as the positions (F = −∇E is written into it). */
function checkForces(f: Float64Array, length: number): void {
  if (!(f instanceof Float64Array))
    throw new TypeError(`invalid argument forces: expected a Float64Array, got ${describe(f)}`);
  if (f.length !== length) throw new OdeArgumentError("forces", `has length ${f.length}, positions ${length}`);
}

/**
 * A potential energy surface with analytic forces: `energyAndForces` writes F = −∇E into
 * `forces` (same layout as x: particle-major, `dim` coordinates each) and returns E.
 */
export interface Potential {
  readonly dim: number;
  energyAndForces(x: Float64Array, forces: Float64Array): number;
}

function checkPositions(x: Float64Array, dim: number, what = "x"): number {
  if (!(x instanceof Float64Array))
    throw new TypeError(`invalid argument ${what}: expected a Float64Array of positions, got ${describe(x)}`);
  if (x.length % dim !== 0) throw new OdeArgumentError(what, `length ${x.length} is not a multiple of dim ${dim}`);
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i]))
      throw new OdeArgumentError(what, `coordinate ${i % dim} of particle ${Math.floor(i / dim)} is ${x[i]}`);
  return x.length / dim;
}

export interface LennardJonesOptions {
  epsilon?: number;
  sigma?: number;
  /** Interaction cut-off radius (default none: all pairs). */
  cutoff?: number;
  /** Side of a cubic (square) periodic box, minimum-image convention. */
  box?: number;
  /** Shift the pair energy to zero at the cut-off (forces unchanged). */
  shift?: boolean;
  dim?: number;
}

/**
 * Lennard-Jones 12-6, E = Σ 4ε[(σ/r)¹² − (σ/r)⁶]. With a cut-off and a periodic box of at least
 * three cut-offs per side, pairs are found through a cell list (./cellList.ts), so the cost is
 * linear in the number of particles; otherwise all pairs (minimum image in a box).
 */
export function lennardJones(o: LennardJonesOptions = {}): Potential & { pairs: "all" | "cells" } {
  const eps = o.epsilon ?? 1;
  const sigma = o.sigma ?? 1;
  const dim = o.dim ?? 3;
  const rc = o.cutoff ?? Infinity;
  const box = o.box;
  if (!(eps > 0)) throw new OdeArgumentError("epsilon", `must be > 0, got ${eps}`);
  if (!(sigma > 0)) throw new OdeArgumentError("sigma", `must be > 0, got ${sigma}`);
  if (dim !== 2 && dim !== 3) throw new OdeArgumentError("dim", `must be 2 or 3, got ${dim}`);
  if (!(rc > 0)) throw new OdeArgumentError("cutoff", `must be > 0, got ${rc}`);
  if (box !== undefined) {
    if (!(box > 0)) throw new OdeArgumentError("box", `must be > 0, got ${box}`);
    if (!(rc <= box / 2))
      throw new OdeArgumentError("cutoff", `${rc} exceeds half the box (${box / 2}); minimum image needs rc ≤ box/2`);
  }
  const rc2 = rc * rc;
  const s2 = sigma * sigma;
  const shiftE = o.shift && Number.isFinite(rc) ? 4 * eps * ((s2 / rc2) ** 6 - (s2 / rc2) ** 3) : 0;
  const dr = new Float64Array(3);
  /** Adds the pair (i, j) to E and forces; returns the pair energy. */
  const pair = (x: Float64Array, f: Float64Array, i: number, j: number): number => {
    let r2 = 0;
    for (let a = 0; a < dim; a++) {
      let d = x[i * dim + a] - x[j * dim + a];
      if (box !== undefined) d -= box * Math.round(d / box);
      dr[a] = d;
      r2 += d * d;
    }
    if (r2 >= rc2) return 0;
    const ir2 = s2 / r2;
    const ir6 = ir2 * ir2 * ir2;
    // F_i = 24ε (2 (σ/r)¹² − (σ/r)⁶) / r² · r_ij
    const fr = (24 * eps * ir6 * (2 * ir6 - 1)) / r2;
    for (let a = 0; a < dim; a++) {
      f[i * dim + a] += fr * dr[a];
      f[j * dim + a] -= fr * dr[a];
    }
    return 4 * eps * ir6 * (ir6 - 1) - shiftE;
  };
  const useCells = box !== undefined && Number.isFinite(rc) && Math.floor(box / rc) >= 3;
  const cellList = useCells ? new LjCellList({ dim, box: box!, rc, eps, sigma, shiftE }) : null;
  return {
    dim,
    pairs: useCells ? "cells" : "all",
    energyAndForces(x, f) {
      const n = checkPositions(x, dim);
      checkForces(f, x.length);
      if (cellList) return cellList.energyAndForces(x, f);
      f.fill(0);
      let E = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) E += pair(x, f, i, j);
      return E;
    },
  };
}

/** Morse bonds E = Σ D (1 − e^{−a(r − r0)})² over the listed pairs. */
export function morse(o: { D: number; a: number; r0: number; bonds: [number, number][]; dim?: number }): Potential {
  const dim = o.dim ?? 3;
  for (const key of ["D", "a", "r0"] as const)
    if (!(o[key] > 0 && Number.isFinite(o[key])))
      throw new OdeArgumentError(key, `Morse ${key} must be finite and > 0, got ${o[key]}`);
  return bondPotential(dim, o.bonds, (r) => {
    const e = Math.exp(-o.a * (r - o.r0));
    return [o.D * (1 - e) ** 2, 2 * o.D * o.a * e * (1 - e)];
  });
}

/** Harmonic bonds E = Σ ½ k (r − r0)². */
export function harmonicBonds(o: { k: number; r0: number; bonds: [number, number][]; dim?: number }): Potential {
  const dim = o.dim ?? 3;
  if (!(o.k > 0 && Number.isFinite(o.k))) throw new OdeArgumentError("k", `must be finite and > 0, got ${o.k}`);
  if (!(o.r0 >= 0 && Number.isFinite(o.r0))) throw new OdeArgumentError("r0", `must be finite and ≥ 0, got ${o.r0}`);
  return bondPotential(dim, o.bonds, (r) => [0.5 * o.k * (r - o.r0) ** 2, o.k * (r - o.r0)]);
}

/** Pair potential over a bond list; `u(r)` returns [energy, dE/dr]. */
function bondPotential(dim: number, bonds: [number, number][], u: (r: number) => [number, number]): Potential {
  if (!(Number.isInteger(dim) && dim >= 1)) throw new OdeArgumentError("dim", `must be an integer ≥ 1, got ${dim}`);
  if (!Array.isArray(bonds))
    throw new TypeError(`invalid argument bonds: expected an array of [i, j] pairs, got ${describe(bonds)}`);
  bonds.forEach((b, k) => {
    if (!Array.isArray(b) || b.length !== 2 || !Number.isInteger(b[0]) || !Number.isInteger(b[1]))
      throw new TypeError(
        `invalid argument bonds: bond ${k} must be a pair of particle indices [i, j], got ${JSON.stringify(b)}`,
      );
  });
  const d = new Float64Array(dim);
  return {
    dim,
    energyAndForces(x, f) {
      const n = checkPositions(x, dim);
      checkForces(f, x.length);
      f.fill(0);
      let E = 0;
      bonds.forEach(([i, j], b) => {
        if (!(i >= 0 && j >= 0 && i < n && j < n && i !== j))
          throw new OdeArgumentError("bonds", `bond ${b} (${i}, ${j}) names a particle outside 0…${n - 1}`);
        let r2 = 0;
        for (let a = 0; a < dim; a++) {
          d[a] = x[i * dim + a] - x[j * dim + a];
          r2 += d[a] * d[a];
        }
        const r = Math.sqrt(r2);
        const [e, dEdr] = u(r);
        E += e;
        for (let a = 0; a < dim; a++) {
          const fa = (-dEdr * d[a]) / r;
          f[i * dim + a] += fa;
          f[j * dim + a] -= fa;
        }
      });
      return E;
    },
  };
}

/** Sum of potentials on the same particles. */
export function sumPotentials(...ps: Potential[]): Potential {
  if (ps.length === 0) throw new OdeArgumentError("potentials", "none given; sum at least one potential");
  ps.forEach((p, i) => {
    if (p === null || typeof p !== "object" || typeof p.energyAndForces !== "function")
      throw new TypeError(`invalid argument potentials: potential ${i} has no energyAndForces, got ${describe(p)}`);
  });
  const dim = ps[0].dim;
  const other = ps.findIndex((p) => p.dim !== dim);
  if (other >= 0)
    throw new OdeArgumentError(
      "potentials",
      `must share the same dim: potential 0 has ${dim}, potential ${other} ${ps[other].dim}`,
    );
  let work = new Float64Array(0);
  return {
    dim,
    energyAndForces(x, f) {
      checkPositions(x, dim);
      checkForces(f, x.length);
      if (work.length !== x.length) work = new Float64Array(x.length);
      f.fill(0);
      let E = 0;
      for (const p of ps) {
        E += p.energyAndForces(x, work);
        for (let i = 0; i < f.length; i++) f[i] += work[i];
      }
      return E;
    },
  };
}

/**
 * The Müller–Brown surface (Müller & Brown 1979, Theor. Chim. Acta 53, 75): one particle in 2-D,
 * E = Σ_k A_k exp(a_k (x−x0_k)² + b_k (x−x0_k)(y−y0_k) + c_k (y−y0_k)²). Minima near
 * (−0.558, 1.442), (0.623, 0.028), (−0.050, 0.467).
 */
export function mullerBrown(): Potential {
  const A = [-200, -100, -170, 15];
  const a = [-1, -1, -6.5, 0.7];
  const b = [0, 0, 11, 0.6];
  const c = [-10, -10, -6.5, 0.7];
  const x0 = [1, 0, -0.5, -1];
  const y0 = [0, 0.5, 1.5, 1];
  return {
    dim: 2,
    energyAndForces(p, f) {
      checkPositions(p, 2);
      if (p.length !== 2) throw new OdeArgumentError("x", `Müller–Brown takes one 2-D point, got length ${p.length}`);
      checkForces(f, 2);
      let E = 0;
      f[0] = 0;
      f[1] = 0;
      for (let k = 0; k < 4; k++) {
        const dx = p[0] - x0[k];
        const dy = p[1] - y0[k];
        const e = A[k] * Math.exp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy);
        E += e;
        f[0] -= e * (2 * a[k] * dx + b[k] * dy);
        f[1] -= e * (b[k] * dx + 2 * c[k] * dy);
      }
      return E;
    },
  };
}
