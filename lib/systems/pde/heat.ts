import type { JacobianInPlace, RhsInPlace } from "../../ode/types";
import { OdeArgumentError } from "../../ode/errors";
import { typeName } from "./errors";
import { checkArrayLike } from "../../ode/errors";

export interface Heat1DOptions {
  /** Interior grid points (≥ 2). */
  nx: number;
  /** Domain length (default 1). */
  length?: number;
  /** Diffusivity D > 0. */
  diffusivity: number;
  /** Boundary condition; only zero Dirichlet ("dirichlet", the default) is implemented. */
  boundary?: "dirichlet";
}

export interface Heat1D {
  n: number;
  rhs: RhsInPlace;
  /** Dense tridiagonal Jacobian (the semi-discrete operator is linear). */
  jacobian: JacobianInPlace;
  /** Interior grid points x_1 … x_n (boundaries x_0 = 0 and x_{n+1} = length are held at 0). */
  grid: Float64Array;
}

function positive(name: string, v: number): void {
  if (!(v > 0 && Number.isFinite(v))) throw new OdeArgumentError(name, `must be a finite number > 0, got ${v}`);
}

/**
 * The heat equation u_t = D u_xx on (0, length) with u = 0 at both ends, by the method of
 * lines: second-order central differences on nx interior points (spacing length/(nx+1)).
 */
export function heatEquation1D(o: Heat1DOptions): Heat1D {
  const { nx, diffusivity: D } = o;
  const L = o.length ?? 1;
  if (!(Number.isInteger(nx) && nx >= 2)) throw new OdeArgumentError("nx", `must be an integer ≥ 2, got ${nx}`);
  positive("diffusivity", D);
  positive("length", L);
  if ((o.boundary ?? "dirichlet") !== "dirichlet")
    throw new OdeArgumentError("boundary", `only "dirichlet" is supported, got ${JSON.stringify(o.boundary)}`);
  const dx = L / (nx + 1);
  const c = D / (dx * dx);
  return {
    n: nx,
    grid: Float64Array.from({ length: nx }, (_, i) => (i + 1) * dx),
    rhs: (_t, u, d) => {
      if (u.length !== nx || d.length !== nx)
        throw new OdeArgumentError("u", `the state has ${u.length} points and dydt ${d.length}, the grid ${nx}`);
      d[0] = c * (-2 * u[0] + u[1]);
      for (let i = 1; i < nx - 1; i++) d[i] = c * (u[i - 1] - 2 * u[i] + u[i + 1]);
      d[nx - 1] = c * (u[nx - 2] - 2 * u[nx - 1]);
    },
    jacobian: (_t, _u, J) => {
      if (J.length !== nx * nx) throw new OdeArgumentError("J", `has ${J.length} entries, the Jacobian ${nx}×${nx}`);
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
 * The Fourier-series solution u(x, t) = Σ_{m=1}^{terms} b_m sin(mπx/L) exp(−D (mπ/L)² t) with zero
 * Dirichlet ends, b_m = (2/L) ∫_0^L f(x) sin(mπx/L) dx by composite Simpson on `quadrature` intervals.
 */
export function heatFourierSolution(
  initial: (x: number) => number,
  x: ArrayLike<number>,
  t: number,
  o: { length?: number; diffusivity: number; terms?: number; quadrature?: number },
): Float64Array {
  if (typeof initial !== "function")
    throw new TypeError(`invalid argument initial: must be a function of x, got ${typeName(initial)}`);
  checkArrayLike("x", x);
  const L = o.length ?? 1;
  const terms = o.terms ?? 200;
  const q = o.quadrature ?? 4000;
  positive("length", L);
  positive("diffusivity", o.diffusivity);
  if (!(t >= 0 && Number.isFinite(t))) throw new OdeArgumentError("t", `must be a finite number ≥ 0, got ${t}`);
  if (!(Number.isInteger(terms) && terms >= 1))
    throw new OdeArgumentError("terms", `must be a positive integer, got ${terms}`);
  if (!(Number.isInteger(q) && q >= 2 && q % 2 === 0))
    throw new OdeArgumentError("quadrature", `must be an even integer ≥ 2, got ${q}`);
  const h = L / q;
  const fx = Float64Array.from({ length: q + 1 }, (_, i) => initial(i * h));
  const out = new Float64Array(x.length);
  for (let m = 1; m <= terms; m++) {
    const km = (m * Math.PI) / L;
    const decay = Math.exp(-o.diffusivity * km * km * t);
    if (decay === 0) break;
    let s = 0;
    for (let i = 0; i <= q; i++) {
      const w = i === 0 || i === q ? 1 : i % 2 === 1 ? 4 : 2;
      s += w * fx[i] * Math.sin(km * i * h);
    }
    const b = ((2 / L) * s * h) / 3;
    for (let j = 0; j < x.length; j++) out[j] += b * Math.sin(km * x[j]) * decay;
  }
  return out;
}
