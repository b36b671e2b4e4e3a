import type { StandardProblem } from "./problem";

/** Lorenz-63 (E. N. Lorenz, J. Atmos. Sci. 20 (1963) 130), σ=10, ρ=28, β=8/3. */
export function lorenz(sigma = 10, rho = 28, beta = 8 / 3): StandardProblem {
  return {
    name: "lorenz",
    description: "Lorenz-63: x'=σ(y−x), y'=x(ρ−z)−y, z'=xy−βz",
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
    y0: [1, 1, 1],
    tSpan: [0, 20],
    stiff: false,
    params: { sigma, rho, beta },
    atolFor: (rtol) => 1e-3 * rtol,
    referenceFinal: [13.793199598665158, 12.951803941375987, 34.90160868452077],
  };
}
