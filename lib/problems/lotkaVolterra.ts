import type { StandardProblem } from "./problem";

/** Lotka–Volterra predator–prey: x' = a x − b x y, y' = −c y + d x y. */
export function lotkaVolterra(a = 1.5, b = 1, c = 3, dd = 1): StandardProblem {
  return {
    name: "lotka_volterra",
    description: "Lotka–Volterra: x'=ax−bxy, y'=−cy+dxy",
    n: 2,
    rhs: (_t, y, d) => {
      d[0] = a * y[0] - b * y[0] * y[1];
      d[1] = -c * y[1] + dd * y[0] * y[1];
    },
    jacobian: (_t, y, J) => {
      J[0] = a - b * y[1];
      J[1] = -b * y[0];
      J[2] = dd * y[1];
      J[3] = -c + dd * y[0];
    },
    y0: [1, 1],
    tSpan: [0, 10],
    stiff: false,
    params: { a, b, c, d: dd },
    atolFor: (rtol) => 1e-3 * rtol,
    referenceFinal: [1.0263447675750936, 0.9096910781361349],
  };
}
