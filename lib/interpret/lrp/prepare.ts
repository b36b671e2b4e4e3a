import type { MethodName } from "../../ode/types";
import type { ExplicitTableau } from "../../ode/tableaus/tableau";
import type { FusedMlp } from "../../neural/fields/fusedMlp";
import type { FusedHybrid } from "../../neural/fields/hybrid64";
import type { LrpField } from "./field";
import type { LrpRule } from "./rules";
import type { SolveRecord } from "./record";
import { methodInfo } from "../../ode/methods";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import { lrpFieldOf } from "./field";
import { rulesPerLayer } from "./rules";
import { checkVector } from "./target";
import { fixedGrid } from "./grid";
import { DenseLrp } from "./denseKernel";
import { recordSolve } from "./record";

/** The solve and the rules: what every LRP-through-the-solver entry point takes. */
export interface LrpSolveSettings {
  /** A fixed-step explicit Runge–Kutta method of the registry: "Euler", "Midpoint", "RK4" (default). */
  method?: MethodName;
  step: number;
  /** Default 0. */
  t0?: number;
  t1: number;
  /** The network's rule(s), as lrpDense: one for every layer or one per layer. */
  rule: LrpRule | readonly LrpRule[];
  /** ε of the solver's sums (step updates, stage inputs, known + network split); default 0. */
  sumEpsilon?: number;
  /** ε of the known part's linearisation (hybrid fields); default 0. */
  knownEpsilon?: number;
}

/** A checked, recorded solve, ready for any number of backward passes. */
export interface LrpSetup {
  method: MethodName;
  field: LrpField;
  tableau: ExplicitTableau;
  kernel: DenseLrp;
  record: SolveRecord;
  step: number;
  sumEpsilon: number;
  knownEpsilon: number;
}

/** Checks the arguments (errors name them) and records the solve from y0. */
export function prepareSolve(
  field: FusedMlp | FusedHybrid | LrpField,
  y0: ArrayLike<number>,
  options: LrpSolveSettings,
): LrpSetup {
  const lf = lrpFieldOf(field);
  if (options === null || typeof options !== "object")
    throw new OdeTypeError("options", `expected { method?, step, t1, rule, … }, got ${describeValue(options)}`);
  const method = options.method ?? "RK4";
  const info = methodInfo(method, "options.method");
  if (info.kind !== "explicitRungeKutta" || info.tableau === null)
    throw new OdeArgumentError(
      "options.method",
      `"${method}" is not an explicit Runge–Kutta method; LRP through the solver needs Euler, Midpoint or RK4`,
    );
  if (!info.fixedStep)
    throw new OdeArgumentError(
      "options.method",
      `"${method}" is adaptive (its steps depend on the error estimate); LRP through the solver needs a fixed-step method: Euler, Midpoint or RK4`,
    );
  checkVector("y0", y0, lf.dim, `the field's state (dim ${lf.dim})`);
  const rules = rulesPerLayer(options.rule, lf.network.sizes.length - 1, "options.rule");
  const sumEpsilon = epsilonOption("options.sumEpsilon", options.sumEpsilon);
  const knownEpsilon = epsilonOption("options.knownEpsilon", options.knownEpsilon);
  const times = fixedGrid(options.t0 ?? 0, options.t1, options.step);
  const kernel = new DenseLrp(lf.network, rules);
  const record = recordSolve(lf, kernel, info.tableau, times, y0);
  return { method, field: lf, tableau: info.tableau, kernel, record, step: options.step, sumEpsilon, knownEpsilon };
}

function epsilonOption(argument: string, v: number | undefined): number {
  if (v === undefined) return 0;
  if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v))
    throw new OdeArgumentError(argument, `must be a finite number ≥ 0, got ${describeValue(v)}`);
  return v;
}
