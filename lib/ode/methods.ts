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
import { OdeArgumentError, OdeTypeError, describeValue } from "./errors";

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

/**
 * The entry of an explicit Runge–Kutta method: everything read from its tableau (the method's
 * name is the tableau's `name`, which must be its key in `methods`; test/ode/methods.test.ts).
 */
function explicit(tableau: ExplicitTableau): MethodInfo {
  return {
    name: tableau.name as MethodName,
    kind: "explicitRungeKutta",
    tableau,
    order: tableau.order,
    errorOrder: tableau.errorOrder,
    fixedStep: tableau.errorOrder === 0,
    stiff: false,
    dense: tableau.dop853 !== undefined ? "dop853" : tableau.P && tableau.fsal ? "polynomial" : "hermite",
    create: (config) => new ExplicitRungeKuttaStepper(tableau, config),
  };
}

/**
 * The one method registry. A new explicit method is its tableau file and one line here; a
 * new kind of method (a stepper class) is its file and one entry here.
 */
export const methods: Readonly<Record<MethodName, MethodInfo>> = {
  Euler: explicit(euler),
  Midpoint: explicit(midpoint),
  RK4: explicit(rk4),
  BS3: explicit(bogackiShampine32),
  DOPRI5: explicit(dormandPrince54),
  Tsit5: explicit(tsitouras54),
  DOP853: explicit(dormandPrince853),
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

/** The registered names, in registry order (the order error messages list them in). */
export const methodNames = Object.keys(methods) as MethodName[];

/** The explicit Runge–Kutta tableaus by method name, read from the registry. */
export const explicitTableaus: Readonly<Record<string, ExplicitTableau>> = Object.fromEntries(
  methodNames.flatMap((name) => {
    const tableau = methods[name].tableau;
    return tableau === null ? [] : [[name, tableau]];
  }),
);

/** The registry entry of a method name; a typed error naming the argument and the known names otherwise. */
export function methodInfo(name: unknown, argument = "method"): MethodInfo {
  if (typeof name !== "string") throw new OdeTypeError(argument, `expected a method name, got ${describeValue(name)}`);
  if (!Object.hasOwn(methods, name))
    throw new OdeArgumentError(argument, `unknown method "${name}"; expected one of ${methodNames.join(", ")}`);
  return methods[name as MethodName];
}
