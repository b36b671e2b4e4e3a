import type { StandardProblem } from "./problem";
import { odeSystem } from "../ode/system";
import { robertsonNetwork } from "../systems/kinetics/standard";

/**
 * Robertson's autocatalytic reaction (H. H. Robertson 1966; HNW II, Sec. IV.1, eq. 1.4):
 * k1 = 0.04, k2 = 3e7, k3 = 1e4; y1 + y2 + y3 is conserved. The right-hand side and Jacobian
 * are those the reaction network `robertsonNetwork` compiles (one definition of the system).
 */
export function robertson(k1 = 0.04, k2 = 3e7, k3 = 1e4): StandardProblem {
  return {
    name: "rober",
    description: "Robertson kinetics: A→B (k1), 2B→B+C (k2), B+C→A+C (k3)",
    ...odeSystem(robertsonNetwork(k1, k2, k3)),
    y0: [1, 0, 0],
    tSpan: [0, 1e5],
    stiff: true,
    params: { k1, k2, k3 },
    atolFor: () => 1e-14,
    referenceFinal: [0.01786592114210175, 7.27475146843725e-8, 0.9821340061103857],
  };
}
