import { checkParam, type DynamicalSystem } from "./types";
import { checkLength } from "../../ode/linalg/checkLength";

export interface DoublePendulumParams {
  m1?: number;
  m2?: number;
  l1?: number;
  l2?: number;
  g?: number;
}

/**
 * Double pendulum (point masses on massless rods), state (θ1, θ2, ω1, ω2) with angles from the
 * downward vertical; the standard equations of motion from the Lagrangian, an analytic Jacobian
 * (quotient rule on the closed form) and the total energy for conservation checks.
 */
export function doublePendulum(p: DoublePendulumParams = {}): DynamicalSystem & {
  params: Required<DoublePendulumParams>;
  energy(y: ArrayLike<number>): number;
} {
  const { m1 = 1, m2 = 1, l1 = 1, l2 = 1, g = 9.81 } = p;
  for (const [k, v] of Object.entries({ m1, m2, l1, l2, g })) checkParam(k, v, true);
  const M = m1 + m2;
  return {
    name: "double pendulum",
    n: 4,
    params: { m1, m2, l1, l2, g },
    rhs: (t, y, d) => {
      checkLength("y", y, 4, "double pendulum rhs", true, t);
      checkLength("dydt", d, 4, "double pendulum rhs", true, t);
      const [t1, t2, w1, w2] = [y[0], y[1], y[2], y[3]];
      const dl = t1 - t2;
      const s = Math.sin(dl);
      const c = Math.cos(dl);
      const den = 2 * m1 + m2 - m2 * Math.cos(2 * dl);
      d[0] = w1;
      d[1] = w2;
      d[2] =
        (-g * (2 * m1 + m2) * Math.sin(t1) -
          m2 * g * Math.sin(t1 - 2 * t2) -
          2 * s * m2 * (w2 * w2 * l2 + w1 * w1 * l1 * c)) /
        (l1 * den);
      d[3] = (2 * s * (w1 * w1 * l1 * M + g * M * Math.cos(t1) + w2 * w2 * l2 * m2 * c)) / (l2 * den);
    },
    jacobian: (t, y, J) => {
      checkLength("y", y, 4, "double pendulum jacobian", true, t);
      checkLength("jac", J, 16, "double pendulum jacobian", true, t);
      const [t1, t2, w1, w2] = [y[0], y[1], y[2], y[3]];
      const dl = t1 - t2;
      const s = Math.sin(dl);
      const c = Math.cos(dl);
      const s2 = Math.sin(2 * dl);
      const c2 = Math.cos(2 * dl);
      const den = 2 * m1 + m2 - m2 * c2;
      const dDen = 2 * m2 * s2; // ∂den/∂θ1 = −∂den/∂θ2
      // ω̇1 = N1 / (l1 den)
      const N1 =
        -g * (2 * m1 + m2) * Math.sin(t1) -
        m2 * g * Math.sin(t1 - 2 * t2) -
        2 * s * m2 * (w2 * w2 * l2 + w1 * w1 * l1 * c);
      const inner = 2 * m2 * (w2 * w2 * l2 * c + w1 * w1 * l1 * c2);
      const cA = m2 * g * Math.cos(t1 - 2 * t2);
      const N1t1 = -g * (2 * m1 + m2) * Math.cos(t1) - cA - inner;
      const N1t2 = 2 * cA + inner;
      const N1w1 = -2 * m2 * l1 * w1 * s2;
      const N1w2 = -4 * m2 * l2 * w2 * s;
      // ω̇2 = N2 / (l2 den), N2 = 2 sin δ · B
      const B = w1 * w1 * l1 * M + g * M * Math.cos(t1) + w2 * w2 * l2 * m2 * c;
      const N2 = 2 * s * B;
      const N2t1 = 2 * c * B + 2 * s * (-g * M * Math.sin(t1) - w2 * w2 * l2 * m2 * s);
      const N2t2 = -2 * c * B + 2 * s * (w2 * w2 * l2 * m2 * s);
      const N2w1 = 4 * s * w1 * l1 * M;
      const N2w2 = 4 * s * w2 * l2 * m2 * c;
      const q1 = 1 / (l1 * den);
      const q2 = 1 / (l2 * den);
      J.fill(0);
      J[2] = 1;
      J[7] = 1;
      J[8] = q1 * (N1t1 - (N1 * dDen) / den);
      J[9] = q1 * (N1t2 + (N1 * dDen) / den);
      J[10] = q1 * N1w1;
      J[11] = q1 * N1w2;
      J[12] = q2 * (N2t1 - (N2 * dDen) / den);
      J[13] = q2 * (N2t2 + (N2 * dDen) / den);
      J[14] = q2 * N2w1;
      J[15] = q2 * N2w2;
    },
    y0: [Math.PI / 2, Math.PI / 2, 0, 0],
    energy: (y) => {
      checkLength("y", y, 4, "double pendulum energy", true);
      const [t1, t2, w1, w2] = [y[0], y[1], y[2], y[3]];
      const T =
        0.5 * m1 * l1 * l1 * w1 * w1 +
        0.5 * m2 * (l1 * l1 * w1 * w1 + l2 * l2 * w2 * w2 + 2 * l1 * l2 * w1 * w2 * Math.cos(t1 - t2));
      const V = -M * g * l1 * Math.cos(t1) - m2 * g * l2 * Math.cos(t2);
      return T + V;
    },
  };
}
