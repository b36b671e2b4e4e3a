import type { MethodName, Stepper, StepperConfig } from "../types";
import type { ExplicitTableau } from "../tableaus/tableau";
import { ExplicitRungeKuttaStepper } from "./explicitRungeKutta";
import { Rodas5Stepper } from "./rodas5";
import { BDFStepper } from "./bdf";
import { AutoStepper } from "./auto";
import { euler } from "../tableaus/euler";
import { midpoint } from "../tableaus/midpoint";
import { rk4 } from "../tableaus/rk4";
import { bogackiShampine32 } from "../tableaus/bogackiShampine32";
import { dormandPrince54 } from "../tableaus/dormandPrince54";
import { tsitouras54 } from "../tableaus/tsitouras54";
import { dormandPrince853 } from "../tableaus/dormandPrince853";

export const explicitTableaus: Record<string, ExplicitTableau> = {
  Euler: euler,
  Midpoint: midpoint,
  RK4: rk4,
  BS3: bogackiShampine32,
  DOPRI5: dormandPrince54,
  Tsit5: tsitouras54,
  DOP853: dormandPrince853,
};

/** Builds the stepper for a validated method name. */
export function createStepper(method: MethodName, config: StepperConfig): Stepper {
  switch (method) {
    case "Rodas5":
      return new Rodas5Stepper(config);
    case "BDF":
      return new BDFStepper(config);
    case "Auto":
      return new AutoStepper(config);
    default:
      return new ExplicitRungeKuttaStepper(explicitTableaus[method], config);
  }
}
