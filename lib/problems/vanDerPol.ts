import type { StandardProblem } from "./problem";

/** Van der Pol oscillator y0' = y1, y1' = μ(1 − y0²) y1 − y0; stiff for large μ (HNW II, Sec. IV.1). */
export function vanDerPol(mu = 1000): StandardProblem {
  return {
    name: "vdp_stiff",
    description: `Van der Pol, μ=${mu}: y0'=y1, y1'=μ(1−y0²)y1−y0`,
    n: 2,
    rhs: (_t, y, d) => {
      d[0] = y[1];
      d[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
    },
    jacobian: (_t, y, J) => {
      J[0] = 0;
      J[1] = 1;
      J[2] = -2 * mu * y[0] * y[1] - 1;
      J[3] = mu * (1 - y[0] * y[0]);
    },
    y0: [2, 0],
    tSpan: [0, 3000],
    stiff: true,
    params: { mu },
    atolFor: (rtol) => 1e-3 * rtol,
    // Reference only for μ = 1000 over [0, 3000].
    referenceFinal: mu === 1000 ? [-1.5106069367441788, 0.0011783800007307765] : [],
  };
}
