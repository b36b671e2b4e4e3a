import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { OdeArgumentError } from "../../ode/errors";
import { checkArrayLike } from "../../ode/errors";

export interface Pod {
  /** Time mean of the snapshots (subtracted before the decomposition). */
  mean: Float64Array;
  /** Variances λ_k of the POD coefficients (eigenvalues of the snapshot covariance), descending. */
  energies: Float64Array;
  /** λ_k / Σ λ: each mode's share of the fluctuation energy. */
  shares: Float64Array;
  /** Orthonormal modes φ_k (grid vectors), in the order of `energies`. */
  modes: Float64Array[];
  /** The fewest leading modes whose shares add up to at least `fraction`. */
  modesFor(fraction: number): number;
  /** Coefficients a_k = φ_k · (u − mean) of the leading r modes. */
  project(u: ArrayLike<number>, r: number): Float64Array;
  /** mean + Σ_k a_k φ_k. */
  reconstruct(a: ArrayLike<number>): Float64Array;
}

/**
 * Proper orthogonal decomposition of snapshots u(t_i) (rows, equal weights): the eigenvectors of the
 * covariance C = (1/m) Σ_i (u_i − ū)(u_i − ū)ᵀ (Holmes, Lumley & Berkooz, "Turbulence, Coherent
 * Structures, Dynamical Systems and Symmetry", 2nd ed. 2012, §3.1), by ml-matrix's symmetric
 * eigensolver. For a uniform grid the grid inner product is the L² one up to the factor dx.
 */
export function pod(snapshots: ArrayLike<number>[]): Pod {
  if (!Array.isArray(snapshots)) throw new TypeError(`invalid argument snapshots: must be an array of fields`);
  const m = snapshots.length;
  if (m < 2) throw new OdeArgumentError("snapshots", `needs ≥ 2 snapshots, got ${m}`);
  snapshots.forEach((u, i) => checkArrayLike(`snapshots[${i}]`, u));
  const n = snapshots[0].length;
  const mean = new Float64Array(n);
  snapshots.forEach((u, i) => {
    if (u.length !== n)
      throw new OdeArgumentError("snapshots", `snapshot ${i} has ${u.length} points, snapshot 0 ${n}`);
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(u[j])) throw new OdeArgumentError("snapshots", `snapshot ${i}, point ${j} is ${u[j]}`);
      mean[j] += u[j] / m;
    }
  });
  const X = new Matrix(snapshots.map((u) => Array.from(u, (v, j) => v - mean[j])));
  const cov = X.transpose().mmul(X).div(m);
  const evd = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, i) => [Math.max(v, 0), i]).sort((a, b) => b[0] - a[0]);
  const energies = Float64Array.from(order, ([v]) => v);
  const total = energies.reduce((s, v) => s + v, 0);
  if (!(total > 0)) throw new OdeArgumentError("snapshots", `all snapshots are equal: no fluctuation energy`);
  const shares = energies.map((v) => v / total);
  const modes = order.map(([, i]) => Float64Array.from(evd.eigenvectorMatrix.getColumn(i)));
  const checkR = (r: number) => {
    if (!(Number.isInteger(r) && r >= 1 && r <= n))
      throw new OdeArgumentError("r", `must be an integer in [1, ${n}], got ${r}`);
  };
  return {
    mean,
    energies,
    shares,
    modes,
    modesFor(fraction) {
      if (!(fraction > 0 && fraction <= 1))
        throw new OdeArgumentError("fraction", `must be in (0, 1], got ${fraction}`);
      let s = 0;
      for (let k = 0; k < n; k++) {
        s += shares[k];
        if (s >= fraction - 1e-12) return k + 1;
      }
      return n;
    },
    project(u, r) {
      checkArrayLike("u", u);
      checkR(r);
      if (u.length !== n) throw new OdeArgumentError("u", `has ${u.length} points, the modes ${n}`);
      const a = new Float64Array(r);
      for (let k = 0; k < r; k++) for (let j = 0; j < n; j++) a[k] += modes[k][j] * (u[j] - mean[j]);
      return a;
    },
    reconstruct(a) {
      checkArrayLike("a", a);
      checkR(a.length);
      const u = Float64Array.from(mean);
      for (let k = 0; k < a.length; k++) for (let j = 0; j < n; j++) u[j] += a[k] * modes[k][j];
      return u;
    },
  };
}
