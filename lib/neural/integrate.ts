import type { ExplicitTableau } from "../ode/tableaus/tableau";
import type { SensitivityStats } from "../sensitivity/gradientMethod";
import { emptySensitivityStats } from "../sensitivity/gradientMethod";
import { euler } from "../ode/tableaus/euler";
import { midpoint } from "../ode/tableaus/midpoint";
import { rk4 } from "../ode/tableaus/rk4";
import { bogackiShampine32 } from "../ode/tableaus/bogackiShampine32";
import { dormandPrince54 } from "../ode/tableaus/dormandPrince54";
import { tsitouras54 } from "../ode/tableaus/tsitouras54";
import { PIController } from "../ode/controller";

/**
 * What is left of the tfjs Runge–Kutta loop (issue 14: odeint, odeintAdjoint and odeintEvent now
 * run on lib/ode's steppers through lib/sensitivity): the lowercase method names and the step
 * state still read by the old fused engines (fusedBackprop.ts, fusedAdjoint.ts) and the old
 * names lib/neural/index.ts exports. This file goes with those engines.
 */
export type { NeuralSolveOptions } from "./solve/odeintOptions";

/** @deprecated The registry's names ("DOPRI5", "RK4", …) are the only method names. */
export type NeuralMethod = "euler" | "midpoint" | "rk4" | "bs3" | "dopri5" | "tsit5";

/** @deprecated SensitivityStats (lib/sensitivity). */
export type NeuralStats = SensitivityStats;

/** @deprecated emptySensitivityStats (lib/sensitivity). */
export const emptyNeuralStats = emptySensitivityStats;

/** The old engines' lowercase names for lib/ode's tableaus. */
export const neuralTableaus: Record<NeuralMethod, ExplicitTableau> = {
  euler,
  midpoint,
  rk4,
  bs3: bogackiShampine32,
  dopri5: dormandPrince54,
  tsit5: tsitouras54,
};

/** The old fused backprop's first step and PI controller. */
export function newStepState(tableau: ExplicitTableau, t: number[]): { h: number; controller: PIController | null } {
  const span = Math.abs(t[t.length - 1] - t[0]);
  return {
    h: t.length > 1 ? Math.min(span / 100, Math.abs(t[1] - t[0])) : 0,
    controller: tableau.errorOrder === 0 ? null : new PIController(tableau.errorOrder),
  };
}
