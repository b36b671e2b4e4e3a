import type { StandardProblem } from "./problem";

/** Brusselator (Prigogine & Lefever 1968): x' = a + x²y − (b+1)x, y' = bx − x²y. */
export function brusselator(a = 1, b = 3): StandardProblem {
  return {
    name: "brusselator",
    description: "Brusselator: x'=a+x²y−(b+1)x, y'=bx−x²y",
    n: 2,
    rhs: (_t, y, d) => {
      const x2y = y[0] * y[0] * y[1];
      d[0] = a + x2y - (b + 1) * y[0];
      d[1] = b * y[0] - x2y;
    },
    jacobian: (_t, y, J) => {
      J[0] = 2 * y[0] * y[1] - (b + 1);
      J[1] = y[0] * y[0];
      J[2] = b - 2 * y[0] * y[1];
      J[3] = -y[0] * y[0];
    },
    y0: [1.5, 3],
    tSpan: [0, 20],
    stiff: false,
    params: { a, b },
    atolFor: (rtol) => 1e-3 * rtol,
    referenceFinal: [0.4986370712683374, 4.596780349451998],
  };
}
