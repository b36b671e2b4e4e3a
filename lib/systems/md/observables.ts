import { OdeArgumentError } from "../../ode/errors";
import { checkArrayLike } from "../../ode/errors";

/** Checks v (N·dim velocities) against masses (N): a mismatch would read past the masses or skip some. */
function checkVelocities(v: ArrayLike<number>, masses: ArrayLike<number>, dim: number): void {
  checkArrayLike("v", v);
  checkArrayLike("masses", masses);
  if (!(dim === 1 || dim === 2 || dim === 3)) throw new OdeArgumentError("dim", `must be 1, 2 or 3, got ${dim}`);
  if (v.length !== masses.length * dim)
    throw new OdeArgumentError(
      "v",
      `has length ${v.length}, expected ${masses.length * dim} (${masses.length} masses × dim ${dim})`,
    );
}

/** Kinetic energy ½ Σ m v². */
export function kineticEnergy(v: ArrayLike<number>, masses: ArrayLike<number>, dim: number): number {
  checkVelocities(v, masses, dim);
  let k = 0;
  for (let i = 0; i < v.length; i++) k += 0.5 * masses[Math.floor(i / dim)] * v[i] * v[i];
  return k;
}

/** Instantaneous temperature 2K/(dof·k_B) with k_B = 1; dof = N·dim − `constraints` (e.g. dim for fixed momentum). */
export function temperature(v: ArrayLike<number>, masses: ArrayLike<number>, dim: number, constraints = 0): number {
  checkVelocities(v, masses, dim);
  if (!(Number.isInteger(constraints) && constraints >= 0))
    throw new OdeArgumentError("constraints", `must be an integer ≥ 0, got ${constraints}`);
  const dof = v.length - constraints;
  if (dof <= 0) throw new OdeArgumentError("constraints", `${constraints} leave ${dof} degrees of freedom`);
  return (2 * kineticEnergy(v, masses, dim)) / dof;
}

/**
 * Radial distribution function g(r) in a periodic box (minimum image), normalised by the ideal
 * gas shell count so an uncorrelated configuration gives g ≈ 1. Averages over the given frames.
 */
export function radialDistribution(
  frames: Float64Array[],
  o: { box: number; rMax: number; bins: number; dim?: number },
): { r: Float64Array; g: Float64Array } {
  const dim = o.dim ?? 3;
  if (!Array.isArray(frames))
    throw new TypeError(`invalid argument frames: expected an array of Float64Array, got ${typeof frames}`);
  if (frames.length === 0) throw new OdeArgumentError("frames", "is empty");
  if (dim !== 2 && dim !== 3) throw new OdeArgumentError("dim", `must be 2 or 3, got ${dim}`);
  if (!(o.box > 0 && Number.isFinite(o.box))) throw new OdeArgumentError("box", `must be finite and > 0, got ${o.box}`);
  if (!(o.rMax > 0 && o.rMax <= o.box / 2)) throw new OdeArgumentError("rMax", `must be in (0, box/2], got ${o.rMax}`);
  if (!(Number.isInteger(o.bins) && o.bins >= 1))
    throw new OdeArgumentError("bins", `must be an integer ≥ 1, got ${o.bins}`);
  frames.forEach((x, s) => {
    checkArrayLike(`frames[${s}]`, x);
    if (x.length !== frames[0].length || x.length % dim !== 0 || x.length < 2 * dim)
      throw new OdeArgumentError(
        "frames",
        `frame ${s} has length ${x.length}; every frame needs the same length, a multiple of dim ${dim}, of at least 2 particles (frame 0: ${frames[0].length})`,
      );
  });
  const counts = new Float64Array(o.bins);
  const dr = o.rMax / o.bins;
  let n = 0;
  for (const x of frames) {
    n = x.length / dim;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        let r2 = 0;
        for (let a = 0; a < dim; a++) {
          let d = x[i * dim + a] - x[j * dim + a];
          d -= o.box * Math.round(d / o.box);
          r2 += d * d;
        }
        const r = Math.sqrt(r2);
        if (r < o.rMax) counts[Math.floor(r / dr)] += 2;
      }
  }
  const density = n / o.box ** dim;
  const r = Float64Array.from({ length: o.bins }, (_, b) => (b + 0.5) * dr);
  const g = Float64Array.from(counts, (c, b) => {
    const r0 = b * dr;
    const r1 = r0 + dr;
    const shell = dim === 3 ? (4 / 3) * Math.PI * (r1 ** 3 - r0 ** 3) : Math.PI * (r1 ** 2 - r0 ** 2);
    return c / (frames.length * n * density * shell);
  });
  return { r, g };
}

/**
 * Root-mean-square deviation after removing both centroids and, in 3-D, the optimal rotation
 * (Kabsch 1976, via the quaternion form of Horn 1987: the largest eigenvalue of a 4 × 4
 * symmetric matrix, found by power iteration on a shifted matrix). In 2-D the optimal angle is closed-form.
 */
export function rmsd(a: ArrayLike<number>, b: ArrayLike<number>, dim = 3): number {
  checkArrayLike("a", a);
  checkArrayLike("b", b);
  if (dim !== 2 && dim !== 3) throw new OdeArgumentError("dim", `must be 2 or 3, got ${dim}`);
  if (a.length !== b.length) throw new OdeArgumentError("b", `has length ${b.length}, a ${a.length}`);
  if (a.length === 0 || a.length % dim !== 0)
    throw new OdeArgumentError("a", `length ${a.length} is not a positive multiple of dim ${dim}`);
  const n = a.length / dim;
  const ca = new Float64Array(dim);
  const cb = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < dim; k++) {
      ca[k] += a[i * dim + k] / n;
      cb[k] += b[i * dim + k] / n;
    }
  let ga = 0;
  let gb = 0;
  const M = new Float64Array(9);
  for (let i = 0; i < n; i++)
    for (let p = 0; p < dim; p++) {
      const ap = a[i * dim + p] - ca[p];
      ga += ap * ap;
      gb += (b[i * dim + p] - cb[p]) ** 2;
      for (let q = 0; q < dim; q++) M[p * 3 + q] += ap * (b[i * dim + q] - cb[q]);
    }
  let best: number;
  if (dim === 2) {
    best = Math.hypot(M[0] + M[4], M[1] - M[3]); // max over θ of Σ a·R(θ)b
  } else {
    const [Sxx, Sxy, Sxz, Syx, Syy, Syz, Szx, Szy, Szz] = M;
    const K = [
      [Sxx + Syy + Szz, Syz - Szy, Szx - Sxz, Sxy - Syx],
      [Syz - Szy, Sxx - Syy - Szz, Sxy + Syx, Szx + Sxz],
      [Szx - Sxz, Sxy + Syx, -Sxx + Syy - Szz, Syz + Szy],
      [Sxy - Syx, Szx + Sxz, Syz + Szy, -Sxx - Syy + Szz],
    ];
    const shift = (ga + gb) / 2 + 1e-12; // ≥ |λ| bound: makes K + shift·I positive definite
    let q = [1, 0.1, 0.1, 0.1];
    let lambda = 0;
    for (let it = 0; it < 1000; it++) {
      const nq = K.map((row, r) => row.reduce((s, v, c) => s + v * q[c], 0) + shift * q[r]);
      const norm = Math.hypot(...nq);
      const prev = lambda;
      lambda = norm - shift;
      q = nq.map((v) => v / norm);
      if (Math.abs(lambda - prev) < 1e-14 * Math.max(1, Math.abs(lambda))) break;
    }
    best = lambda;
  }
  return Math.sqrt(Math.max(0, (ga + gb - 2 * best) / n));
}
