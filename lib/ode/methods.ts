import type { MethodName, Stepper, StepperConfig } from "./types";
import type { ExplicitTableau } from "./tableaus/tableau";
import { ExplicitRungeKuttaStepper } from "./steppers/explicitRungeKutta";
import { Rodas5Stepper } from "./steppers/rodas5";
import { BDFStepper } from "./steppers/bdf";
import { AutoStepper } from "./steppers/auto";
import { euler } from "./tableaus/euler";
import { midpoint } from "./tableaus/midpoint";
import { rk4 } from "./tableaus/rk4";
import { bogackiShampine32 } from "./tableaus/bogackiShampine32";
import { dormandPrince54 } from "./tableaus/dormandPrince54";
import { tsitouras54 } from "./tableaus/tsitouras54";
import { dormandPrince853 } from "./tableaus/dormandPrince853";
import { OdeArgumentError, OdeTypeError } from "./errors";

/**
 * What every entry point needs to know about a method, registered once: solveIVP, OdeSolver,
 * the gradient methods of lib/sensitivity, fit and the analysis code read these fields and never
 * compare method names.
 */
export interface MethodInfo {
  readonly name: MethodName;
  /** Explicit Runge–Kutta (a tableau), Rosenbrock (Rodas5), BDF (variable order), or the switching Auto. */
  readonly kind: "explicitRungeKutta" | "rosenbrock" | "bdf" | "auto";
  /** The Butcher tableau of explicit Runge–Kutta methods, else null. */
  readonly tableau: ExplicitTableau | null;
  /** Order of the propagated solution (BDF: the highest, 5). */
  readonly order: number;
  /** Order of the error estimate; 0 for fixed-step methods. */
  readonly errorOrder: number;
  /** Needs `options.step` and takes steps of that size. */
  readonly fixedStep: boolean;
  /** For stiff problems: uses ∂f/∂y (given, or by finite differences). */
  readonly stiff: boolean;
  /**
   * Dense output inside a step: "polynomial" (the tableau's continuous extension of its own
   * stages: differentiable through the stages), "hermite" (cubic Hermite from the step's ends),
   * "dop853" (three extra stages), or the method's own ("rosenbrock", "bdf", "auto").
   */
  readonly dense: "polynomial" | "hermite" | "dop853" | "rosenbrock" | "bdf" | "auto";
  create(config: StepperConfig): Stepper;
}

function explicit(name: MethodName, tableau: ExplicitTableau): MethodInfo {
  return {
    name,
    kind: "explicitRungeKutta",
    tableau,
    order: tableau.order,
    errorOrder: tableau.errorOrder,
    fixedStep: tableau.errorOrder === 0,
    stiff: false,
    dense: tableau.name === "DOP853" ? "dop853" : tableau.P && tableau.fsal ? "polynomial" : "hermite",
    create: (config) => new ExplicitRungeKuttaStepper(tableau, config),
  };
}

/** The one method registry. */
export const methods: Readonly<Record<MethodName, MethodInfo>> = {
  Euler: explicit("Euler", euler),
  Midpoint: explicit("Midpoint", midpoint),
  RK4: explicit("RK4", rk4),
  BS3: explicit("BS3", bogackiShampine32),
  DOPRI5: explicit("DOPRI5", dormandPrince54),
  Tsit5: explicit("Tsit5", tsitouras54),
  DOP853: explicit("DOP853", dormandPrince853),
  Rodas5: {
    name: "Rodas5",
    kind: "rosenbrock",
    tableau: null,
    order: 5,
    errorOrder: 4,
    fixedStep: false,
    stiff: true,
    dense: "rosenbrock",
    create: (config) => new Rodas5Stepper(config),
  },
  BDF: {
    name: "BDF",
    kind: "bdf",
    tableau: null,
    order: 5,
    errorOrder: 1,
    fixedStep: false,
    stiff: true,
    dense: "bdf",
    create: (config) => new BDFStepper(config),
  },
  Auto: {
    name: "Auto",
    kind: "auto",
    tableau: null,
    order: 5,
    errorOrder: 4,
    fixedStep: false,
    stiff: true,
    dense: "auto",
    create: (config) => new AutoStepper(config),
  },
};

export const methodNames = Object.keys(methods) as MethodName[];

/** The registry entry of a method name; a typed error naming the argument and the known names otherwise. */
export function methodInfo(name: unknown, argument = "method"): MethodInfo {
  if (typeof name !== "string") throw new OdeTypeError(argument, `expected a method name, got ${typeof name}`);
  if (!Object.hasOwn(methods, name))
    throw new OdeArgumentError(argument, `unknown method "${name}"; expected one of ${methodNames.join(", ")}`);
  return methods[name as MethodName];
}
