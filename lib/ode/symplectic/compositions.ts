/**
 * Symmetric compositions of the Störmer–Verlet step (kick–drift–kick), as weights w_i: the
 * method applies Verlet with step w_i·h for each i in turn (Hairer, Lubich & Wanner,
 * Geometric Numerical Integration, 2nd ed., Sec. II.4, eq. 4.4).
 */
export interface Composition {
  name: string;
  order: number;
  weights: number[];
}

/** Störmer–Verlet / velocity Verlet, order 2 (Verlet 1967; HLW Sec. I.1.4). */
export const velocityVerlet: Composition = { name: "VelocityVerlet", order: 2, weights: [1] };

const cbrt2 = Math.cbrt(2);
/** Yoshida's triple jump, order 4: H. Yoshida, Phys. Lett. A 150 (1990) 262–268, eq. (5.6). */
export const yoshida4: Composition = {
  name: "Yoshida4",
  order: 4,
  weights: [1 / (2 - cbrt2), -cbrt2 / (2 - cbrt2), 1 / (2 - cbrt2)],
};
