import { OdeArgumentError } from "../../ode/errors";
import { checkParam, type DynamicalSystem } from "./types";
import { checkLength } from "../../ode/linalg/checkLength";
import { lorenz } from "../../problems/lorenz";

export interface Lorenz63Params {
  sigma?: number;
  rho?: number;
  beta?: number;
}

/** Lorenz (1963): x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz. */
export function lorenz63(
  p: Lorenz63Params = {},
): DynamicalSystem & { params: { sigma: number; rho: number; beta: number } } {
  const { sigma = 10, rho = 28, beta = 8 / 3 } = p;
  checkParam("sigma", sigma);
  checkParam("rho", rho);
  checkParam("beta", beta);
  // The same equations and analytic Jacobian as the solver test problem.
  const standard = lorenz(sigma, rho, beta);
  return {
    name: "Lorenz-63",
    n: 3,
    params: { sigma, rho, beta },
    rhs: (t, y, d) => {
      checkLength("y", y, 3, "Lorenz-63 rhs", true, t);
      checkLength("dydt", d, 3, "Lorenz-63 rhs", true, t);
      standard.rhs(t, y, d);
    },
    jacobian: (t, y, J) => {
      checkLength("y", y, 3, "Lorenz-63 jacobian", true, t);
      checkLength("jac", J, 9, "Lorenz-63 jacobian", true, t);
      standard.jacobian(t, y, J);
    },
    y0: [1, 1, 1],
  };
}

export interface Lorenz96Params {
  /** Number of sites (≥ 4). Default 40. */
  n?: number;
  /** Forcing. Default 8 (chaotic). */
  F?: number;
}

/** Lorenz-96 (Lorenz 1996): x_i' = (x_{i+1} − x_{i−2}) x_{i−1} − x_i + F, cyclic indices. */
export function lorenz96(p: Lorenz96Params = {}): DynamicalSystem & { params: { n: number; F: number } } {
  const { n = 40, F = 8 } = p;
  if (!Number.isInteger(n) || n < 4) throw new OdeArgumentError("n", `must be an integer ≥ 4, got ${n}`);
  checkParam("F", F);
  const w = (i: number) => ((i % n) + n) % n;
  return {
    name: `Lorenz-96 (n=${n}, F=${F})`,
    n,
    params: { n, F },
    rhs: (t, x, d) => {
      checkLength("y", x, n, "Lorenz-96 rhs", true, t);
      checkLength("dydt", d, n, "Lorenz-96 rhs", true, t);
      for (let i = 0; i < n; i++) d[i] = (x[w(i + 1)] - x[w(i - 2)]) * x[w(i - 1)] - x[i] + F;
    },
    jacobian: (t, x, J) => {
      checkLength("y", x, n, "Lorenz-96 jacobian", true, t);
      checkLength("jac", J, n * n, "Lorenz-96 jacobian", true, t);
      J.fill(0);
      for (let i = 0; i < n; i++) {
        J[i * n + w(i + 1)] += x[w(i - 1)];
        J[i * n + w(i - 2)] -= x[w(i - 1)];
        J[i * n + w(i - 1)] += x[w(i + 1)] - x[w(i - 2)];
        J[i * n + i] -= 1;
      }
    },
    // The equilibrium x_i = F, nudged at one site.
    y0: Array.from({ length: n }, (_, i) => F + (i === 0 ? 0.01 : 0)),
  };
}
