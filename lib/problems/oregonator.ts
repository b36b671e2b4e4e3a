import type { StandardProblem } from "./problem";

/** Oregonator (Field & Noyes 1974) in the form of HNW II, Sec. IV.1 (eq. 1.5): s=77.27, q=8.375e-6, w=0.161. */
export function oregonator(s = 77.27, q = 8.375e-6, w = 0.161): StandardProblem {
  return {
    name: "orego",
    description: "Oregonator (Belousov–Zhabotinsky reaction)",
    n: 3,
    rhs: (_t, y, d) => {
      d[0] = s * (y[1] + y[0] * (1 - q * y[0] - y[1]));
      d[1] = (y[2] - (1 + y[0]) * y[1]) / s;
      d[2] = w * (y[0] - y[2]);
    },
    jacobian: (_t, y, J) => {
      J[0] = s * (1 - 2 * q * y[0] - y[1]);
      J[1] = s * (1 - y[0]);
      J[2] = 0;
      J[3] = -y[1] / s;
      J[4] = -(1 + y[0]) / s;
      J[5] = 1 / s;
      J[6] = w;
      J[7] = 0;
      J[8] = -w;
    },
    y0: [1, 2, 3],
    tSpan: [0, 360],
    stiff: true,
    params: { s, q, w },
    atolFor: (rtol) => 1e-4 * rtol,
    referenceFinal: [1.0008148703185227, 1228.1785215498924, 132.05549428465287],
  };
}
