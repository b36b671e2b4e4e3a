import type { StandardProblem } from "./problem";
import { odeSystem } from "../ode/system";
import { hiresNetwork } from "../systems/kinetics/standard";

/**
 * HIRES, 8 species of plant physiology (Schäfer 1975; HNW II, Sec. IV.10), on [0, 321.8122]. The
 * right-hand side and Jacobian are those the reaction network `hiresNetwork` compiles (one
 * definition of the system; its 15 mass-action steps give exactly the equations of HNW).
 */
export function hires(): StandardProblem {
  return {
    name: "hires",
    description: "HIRES: 8-species light-induced plant physiology (Hairer–Wanner test set)",
    ...odeSystem(hiresNetwork()),
    y0: [1, 0, 0, 0, 0, 0, 0, 0.0057],
    tSpan: [0, 321.8122],
    stiff: true,
    params: { k1: 1.71, k2: 280, k3: 8.32, k4: 0.69, k5: 0.43, k6: 1.81, source: 0.0007 },
    atolFor: (rtol) => 1e-4 * rtol,
    referenceFinal: [
      0.0007371312573325551, 0.00014424857263161615, 5.8887297409673603e-5, 0.0011756513432831274,
      0.0023863561988309878, 0.006238968252741738, 0.0028499983951855157, 0.0028500016048144607,
    ],
  };
}
