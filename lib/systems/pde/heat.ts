import type { JacobianInPlace, RhsInPlace } from "../../ode/types";
import { OdeArgumentError } from "../../ode/errors";

export interface Heat1D {
  n: number;
  rhs: RhsInPlace;
  /** Dense tridiagonal Jacobian (the semi-discrete operator is linear). */
  jacobian: JacobianInPlace;
  /** Interior grid points x_1 … x_n (boundaries x_0 = 0 and x_{n+1} = length are held at 0). */
  grid: Float64Array;
}

/**
 * The heat equation u_t = D u_xx on (0, length) with u = 0 at both ends, by the method of
 * lines: second-order central differences on nx interior points (spacing length/(nx+1)).
 */
export function heatEquation1D(o: { nx: number; length?: number; diffusivity: number }): Heat1D {
  const { nx, diffusivity: D } = o;
  const L = o.length ?? 1;
  if (!(Number.isInteger(nx) && nx >= 2)) throw new OdeArgumentError("nx", `must be an integer ≥ 2, got ${nx}`);
  if (!(D > 0)) throw new OdeArgumentError("diffusivity", `must be > 0, got ${D}`);
  if (!(L > 0)) throw new OdeArgumentError("length", `must be > 0, got ${L}`);
  const dx = L / (nx + 1);
  const c = D / (dx * dx);
  return {
    n: nx,
    grid: Float64Array.from({ length: nx }, (_, i) => (i + 1) * dx),
    rhs: (_t, u, d) => {
      for (let i = 0; i < nx; i++) {
        const left = i > 0 ? u[i - 1] : 0;
        const right = i < nx - 1 ? u[i + 1] : 0;
        d[i] = c * (left - 2 * u[i] + right);
      }
    },
    jacobian: (_t, _u, J) => {
      J.fill(0);
      for (let i = 0; i < nx; i++) {
        J[i * nx + i] = -2 * c;
        if (i > 0) J[i * nx + i - 1] = c;
        if (i < nx - 1) J[i * nx + i + 1] = c;
      }
    },
  };
}

/**
 * The Fourier-series solution u(x, t) = Σ_m b_m sin(mπx/L) exp(−D (mπ/L)² t) with zero Dirichlet
 * ends, b_m = (2/L) ∫_0^L f(x) sin(mπx/L) dx by composite Simpson on `quadrature` intervals.
 */
export function heatFourierSolution(
  initial: (x: number) => number,
  x: ArrayLike<number>,
  t: number,
  o: { length?: number; diffusivity: number; terms?: number; quadrature?: number },
): Float64Array {
  const L = o.length ?? 1;
  const terms = o.terms ?? 200;
  const q = o.quadrature ?? 4000;
  const h = L / q;
  const fx = Float64Array.from({ length: q + 1 }, (_, i) => initial(i * h));
  const out = new Float64Array(x.length);
  for (let m = 1; m <= terms; m++) {
    const km = (m * Math.PI) / L;
    let s = 0;
    for (let i = 0; i <= q; i++) {
      const w = i === 0 || i === q ? 1 : i % 2 === 1 ? 4 : 2;
      s += w * fx[i] * Math.sin(km * i * h);
    }
    const b = ((2 / L) * s * h) / 3;
    const decay = Math.exp(-o.diffusivity * km * km * t);
    if (decay === 0) break;
    for (let j = 0; j < x.length; j++) out[j] += b * Math.sin(km * x[j]) * decay;
  }
  return out;
}
