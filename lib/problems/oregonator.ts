import type { StandardProblem } from "./problem";
import { odeSystem } from "../ode/system";
import { oregoNetwork } from "../systems/kinetics/standard";

/**
 * Oregonator (Field & Noyes 1974) in the form of HNW II, Sec. IV.1 (eq. 1.5): s=77.27, q=8.375e-6,
 * w=0.161. The right-hand side and Jacobian are those the reaction network `oregoNetwork` compiles
 * (one definition of the system).
 */
export function oregonator(s = 77.27, q = 8.375e-6, w = 0.161): StandardProblem {
  return {
    name: "orego",
    description: "Oregonator (Belousov–Zhabotinsky reaction)",
    ...odeSystem(oregoNetwork(s, q, w)),
    y0: [1, 2, 3],
    tSpan: [0, 360],
    stiff: true,
    params: { s, q, w },
    atolFor: (rtol) => 1e-4 * rtol,
    referenceFinal: [1.0008148703185227, 1228.1785215498924, 132.05549428465287],
  };
}
