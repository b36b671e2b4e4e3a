import type { StandardProblem } from "./problem";

/**
 * Robertson's autocatalytic reaction (H. H. Robertson 1966; HNW II, Sec. IV.1, eq. 1.4):
 * k1 = 0.04, k2 = 3e7, k3 = 1e4; y1 + y2 + y3 is conserved.
 */
export function robertson(k1 = 0.04, k2 = 3e7, k3 = 1e4): StandardProblem {
  return {
    name: "rober",
    description: "Robertson kinetics: A→B (k1), 2B→B+C (k2), B+C→A+C (k3)",
    n: 3,
    rhs: (_t, y, d) => {
      const r1 = k1 * y[0];
      const r2 = k2 * y[1] * y[1];
      const r3 = k3 * y[1] * y[2];
      d[0] = -r1 + r3;
      d[1] = r1 - r3 - r2;
      d[2] = r2;
    },
    jacobian: (_t, y, J) => {
      J[0] = -k1;
      J[1] = k3 * y[2];
      J[2] = k3 * y[1];
      J[3] = k1;
      J[4] = -k3 * y[2] - 2 * k2 * y[1];
      J[5] = -k3 * y[1];
      J[6] = 0;
      J[7] = 2 * k2 * y[1];
      J[8] = 0;
    },
    y0: [1, 0, 0],
    tSpan: [0, 1e5],
    stiff: true,
    params: { k1, k2, k3 },
    atolFor: () => 1e-14,
    referenceFinal: [0.01786592114210175, 7.27475146843725e-8, 0.9821340061103857],
  };
}
