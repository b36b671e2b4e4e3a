import type { StandardProblem } from "./problem";
import { odeSystem } from "../ode/system";
import { brusselatorNetwork } from "../systems/kinetics/standard";

/**
 * Brusselator (Prigogine & Lefever 1968): x' = a + x²y − (b+1)x, y' = bx − x²y. The right-hand
 * side and Jacobian are those the reaction network `brusselatorNetwork` compiles (one definition
 * of the system).
 */
export function brusselator(a = 1, b = 3): StandardProblem {
  return {
    name: "brusselator",
    description: "Brusselator: x'=a+x²y−(b+1)x, y'=bx−x²y",
    ...odeSystem(brusselatorNetwork(a, b)),
    y0: [1.5, 3],
    tSpan: [0, 20],
    stiff: false,
    params: { a, b },
    atolFor: (rtol) => 1e-3 * rtol,
    referenceFinal: [0.4986370712683374, 4.596780349451998],
  };
}
