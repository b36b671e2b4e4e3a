import type { StandardProblem } from "./problem";
import { lorenz63Equations } from "../systems/chaos/lorenz";

/** Lorenz-63 (E. N. Lorenz, J. Atmos. Sci. 20 (1963) 130), σ=10, ρ=28, β=8/3: the equations of chaos' lorenz63. */
export function lorenz(sigma = 10, rho = 28, beta = 8 / 3): StandardProblem {
  return {
    name: "lorenz",
    description: "Lorenz-63: x'=σ(y−x), y'=x(ρ−z)−y, z'=xy−βz",
    ...lorenz63Equations(sigma, rho, beta),
    y0: [1, 1, 1],
    tSpan: [0, 20],
    stiff: false,
    params: { sigma, rho, beta },
    atolFor: (rtol) => 1e-3 * rtol,
    referenceFinal: [13.793199598665158, 12.951803941375987, 34.90160868452077],
  };
}
