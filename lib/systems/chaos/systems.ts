import type { JacobianInPlace, RhsInPlace } from "../../ode/types";
import { OdeArgumentError } from "../../ode/errors";

/** An autonomous system with an analytic Jacobian (row-major). */
export interface DynamicalSystem {
  name: string;
  n: number;
  rhs: RhsInPlace;
  jacobian: JacobianInPlace;
  y0: number[];
}

/** Lorenz (1963): x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz. */
export function lorenz63(
  sigma = 10,
  rho = 28,
  beta = 8 / 3,
): DynamicalSystem & { params: { sigma: number; rho: number; beta: number } } {
  return {
    name: "Lorenz-63",
    n: 3,
    params: { sigma, rho, beta },
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
    y0: [1, 1, 1],
  };
}

/** Rössler (1976): x' = −y − z, y' = x + ay, z' = b + z(x − c). */
export function rossler(a = 0.2, b = 0.2, c = 5.7): DynamicalSystem {
  return {
    name: "Rössler",
    n: 3,
    rhs: (_t, y, d) => {
      d[0] = -y[1] - y[2];
      d[1] = y[0] + a * y[1];
      d[2] = b + y[2] * (y[0] - c);
    },
    jacobian: (_t, y, J) => {
      J.set([0, -1, -1, 1, a, 0, y[2], 0, y[0] - c]);
    },
    y0: [1, 1, 0],
  };
}

/** Lorenz-96 (Lorenz 1996): x_i' = (x_{i+1} − x_{i−2}) x_{i−1} − x_i + F, cyclic. */
export function lorenz96(n = 40, F = 8): DynamicalSystem {
  if (!Number.isInteger(n) || n < 4) throw new OdeArgumentError("n", `must be an integer ≥ 4, got ${n}`);
  const w = (i: number) => ((i % n) + n) % n;
  const y0 = Array.from({ length: n }, (_, i) => F + (i === 0 ? 0.01 : 0));
  return {
    name: `Lorenz-96 (n=${n}, F=${F})`,
    n,
    rhs: (_t, x, d) => {
      for (let i = 0; i < n; i++) d[i] = (x[w(i + 1)] - x[w(i - 2)]) * x[w(i - 1)] - x[i] + F;
    },
    jacobian: (_t, x, J) => {
      J.fill(0);
      for (let i = 0; i < n; i++) {
        J[i * n + w(i + 1)] += x[w(i - 1)];
        J[i * n + w(i - 2)] -= x[w(i - 1)];
        J[i * n + w(i - 1)] += x[w(i + 1)] - x[w(i - 2)];
        J[i * n + i] -= 1;
      }
    },
    y0,
  };
}

/**
 * Double pendulum (point masses on massless rods), state (θ1, θ2, ω1, ω2); the standard
 * equations of motion from the Lagrangian, with the total energy for conservation checks.
 */
export function doublePendulum(
  m1 = 1,
  m2 = 1,
  l1 = 1,
  l2 = 1,
  g = 9.81,
): DynamicalSystem & { energy(y: ArrayLike<number>): number } {
  const f = (y: ArrayLike<number>, d: Float64Array) => {
    const [t1, t2, w1, w2] = [y[0], y[1], y[2], y[3]];
    const delta = t1 - t2;
    const den = 2 * m1 + m2 - m2 * Math.cos(2 * delta);
    d[0] = w1;
    d[1] = w2;
    d[2] =
      (-g * (2 * m1 + m2) * Math.sin(t1) -
        m2 * g * Math.sin(t1 - 2 * t2) -
        2 * Math.sin(delta) * m2 * (w2 * w2 * l2 + w1 * w1 * l1 * Math.cos(delta))) /
      (l1 * den);
    d[3] =
      (2 *
        Math.sin(delta) *
        (w1 * w1 * l1 * (m1 + m2) + g * (m1 + m2) * Math.cos(t1) + w2 * w2 * l2 * m2 * Math.cos(delta))) /
      (l2 * den);
  };
  // Jacobian by central differences of the closed form (the analytic one is long and error-prone;
  // step 1e-6·max(1,|y|) gives ~1e-9 accuracy, checked in the tests).
  const work = [new Float64Array(4), new Float64Array(4), new Float64Array(4)];
  return {
    name: "double pendulum",
    n: 4,
    rhs: (_t, y, d) => f(y, d),
    jacobian: (_t, y, J) => {
      const [yp, fp, fm] = work;
      for (let j = 0; j < 4; j++) {
        const h = 1e-6 * Math.max(1, Math.abs(y[j]));
        yp.set(y);
        yp[j] = y[j] + h;
        f(yp, fp);
        yp[j] = y[j] - h;
        f(yp, fm);
        for (let i = 0; i < 4; i++) J[i * 4 + j] = (fp[i] - fm[i]) / (2 * h);
      }
    },
    y0: [Math.PI / 2, Math.PI / 2, 0, 0],
    energy: (y) => {
      const [t1, t2, w1, w2] = [y[0], y[1], y[2], y[3]];
      const T =
        0.5 * m1 * l1 * l1 * w1 * w1 +
        0.5 * m2 * (l1 * l1 * w1 * w1 + l2 * l2 * w2 * w2 + 2 * l1 * l2 * w1 * w2 * Math.cos(t1 - t2));
      const V = -(m1 + m2) * g * l1 * Math.cos(t1) - m2 * g * l2 * Math.cos(t2);
      return T + V;
    },
  };
}
