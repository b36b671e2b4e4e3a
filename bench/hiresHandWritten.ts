import type { JacobianInPlace, RhsInPlace } from "../lib/index";

/**
 * HIRES written out by hand in the ODE form of Hairer & Wanner II, Sec. IV.10 (Schäfer 1975),
 * the rate constants of each species summed as the book prints them. bench/systems.ts times it
 * against the rhs and Jacobian the reaction language compiles from `kinetics.hiresNetwork()`
 * (which `problemSet.hires` uses), and test/systems/kinetics.test.ts checks the network against it.
 */
export const hiresHandWritten: RhsInPlace = (_t, y, d) => {
  const r = 280 * y[5] * y[7];
  d[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007;
  d[1] = 1.71 * y[0] - 8.75 * y[1];
  d[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4];
  d[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3];
  d[4] = -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6];
  d[5] = -r + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6];
  d[6] = r - 1.81 * y[6];
  d[7] = -r + 1.81 * y[6];
};

/** ∂f/∂y of `hiresHandWritten`, row-major 8 × 8. */
export const hiresHandWrittenJacobian: JacobianInPlace = (_t, y, J) => {
  J.fill(0);
  J[0] = -1.71;
  J[1] = 0.43;
  J[2] = 8.32;
  J[8] = 1.71;
  J[9] = -8.75;
  J[18] = -10.03;
  J[19] = 0.43;
  J[20] = 0.035;
  J[25] = 8.32;
  J[26] = 1.71;
  J[27] = -1.12;
  J[36] = -1.745;
  J[37] = 0.43;
  J[38] = 0.43;
  J[43] = 0.69;
  J[44] = 1.71;
  J[45] = -0.43 - 280 * y[7];
  J[46] = 0.69;
  J[47] = -280 * y[5];
  J[53] = 280 * y[7];
  J[54] = -1.81;
  J[55] = 280 * y[5];
  J[61] = -280 * y[7];
  J[62] = 1.81;
  J[63] = -280 * y[5];
};
