import { OdeArgumentError } from "../../ode/errors";
import { checkParam, type DynamicalSystem } from "./types";
import { checkLength } from "../../ode/linalg/checkLength";
import type { OdeSystem } from "../../ode/system";

export interface Lorenz63Params {
  sigma?: number;
  rho?: number;
  beta?: number;
}

/**
 * The Lorenz-63 equations and their analytic Jacobian, unchecked (E. N. Lorenz, J. Atmos. Sci.
 * 20 (1963) 130): the one definition, which `lorenz63` wraps with buffer checks and the solver
 * problem set (lib/problems/lorenz.ts) uses as it is.
 */
export function lorenz63Equations(sigma: number, rho: number, beta: number): OdeSystem {
  return {
    n: 3,
    rhs: (_t, y, d) => {
      d[0] = sigma * (y[1] - y[0]);
      d[1] = y[0] * (rho - y[2]) - y[1];
      d[2] = y[0] * y[1] - beta * y[2];
    },
    jacobian: (_t, y, J) => {
      J[0] = -sigma;
      J[1] = sigma;
      J[2] = 0;
      J[3] = rho - y[2];
      J[4] = -1;
      J[5] = -y[0];
      J[6] = y[1];
      J[7] = y[0];
      J[8] = -beta;
    },
  };
}

/** Lorenz (1963): x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz. */
export function lorenz63(
  p: Lorenz63Params = {},
): DynamicalSystem & { params: { sigma: number; rho: number; beta: number } } {
  const { sigma = 10, rho = 28, beta = 8 / 3 } = p;
  checkParam("sigma", sigma);
  checkParam("rho", rho);
  checkParam("beta", beta);
  const standard = lorenz63Equations(sigma, rho, beta);
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
