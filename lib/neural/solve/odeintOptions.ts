import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../fields/field";
import { checkVectorField } from "../fields/field";
import type { SensitivityStats, SolverSpec } from "../../sensitivity/gradientMethod";
import type { CheckedSolver } from "../../sensitivity/checkArgs";
import { checkSolver } from "../../sensitivity/checkArgs";
import { OdeArgumentError, OdeTypeError } from "../../ode/errors";

/**
 * Options of odeint / odeintAdjoint (torchdiffeq's keyword arguments): a method of the one
 * registry ("DOPRI5" default, "RK4", "Tsit5", …; lib/ode/methods.ts), tolerances (torchdiffeq's
 * rtol 1e-7, atol 1e-9), the step of fixed-step methods (default: one step per output
 * interval), the attempted-step budget, and a stats object to add the work to.
 */
export interface NeuralSolveOptions extends SolverSpec {
  /**
   * Added to (from emptySensitivityStats()): nfeForward and the forward steps (naccept, nreject,
   * minStep) by the solve, nfeBackward by each gradient evaluation.
   */
  stats?: SensitivityStats;
  /**
   * odeintAdjoint only: error norm of the backward solve, "full" (all of [a, a_θ], torchdiffeq's
   * default) or "seminorm" (without a_θ, a quadrature that feeds nothing back; Kidger, Chen &
   * Lyons 2021, "Hey, that's not an ODE"). Usually fewer backward steps, but not always: the RMS
   * norm over a alone is not diluted by small a_θ errors, so it can also be the stricter one.
   * Stiff methods integrate a_θ as a quadrature outside the solver's norm: both values agree.
   */
  adjointNorm?: "full" | "seminorm";
}

/** Every option; any other key is an error (a typo would silently fall back to a default). */
const optionNames = ["method", "rtol", "atol", "step", "maxSteps", "stats", "adjointNorm"];

export interface ResolvedOptions {
  solver: SolverSpec;
  checked: CheckedSolver;
  stats: SensitivityStats | null;
  adjointNorm: "full" | "seminorm";
}

/** The field is a VectorField and y0 a [batch, dim] tensor. */
export function checkY0(field: VectorField, y0: tf.Tensor2D): void {
  checkVectorField(field);
  if (!(y0 instanceof tf.Tensor))
    throw new OdeTypeError("y0", `expected a tf.Tensor2D [batch, ${field.dim}], got ${String(y0)}`);
  if (y0.rank !== 2 || y0.shape[1] !== field.dim)
    throw new OdeArgumentError("y0", `must be [batch, ${field.dim}], got [${y0.shape.join(", ")}]`);
}

/**
 * The output times: at least t0 (t = [t0] returns [y0], as torchdiffeq), numbers. Finiteness
 * and strict monotonicity of two or more times are checked by the gradient method
 * (checkSolveArgs), which names the entry.
 */
function checkTimes(t: number[]): void {
  if (!Array.isArray(t)) throw new OdeTypeError("t", `expected an array of times, got ${String(t)}`);
  if (t.length < 1) throw new OdeArgumentError("t", "is empty; it needs at least the initial time");
  t.forEach((s, i) => {
    if (typeof s !== "number") throw new OdeTypeError("t", `entry ${i} is ${String(s)}, not a number`);
  });
  if (!Number.isFinite(t[0])) throw new OdeArgumentError("t", `entry 0 is ${t[0]}; times must be finite`);
}

/**
 * Checks odeint / odeintAdjoint's arguments, each error naming the option and value.
 * `backprop` (odeint): exact reverse mode through the steps, so the method must be an explicit
 * Runge–Kutta method of the registry and there is no backward solve whose norm could be set.
 */
export function resolveOptions(
  field: VectorField,
  y0: tf.Tensor2D,
  t: number[],
  options: NeuralSolveOptions,
  backprop: boolean,
): ResolvedOptions {
  checkY0(field, y0);
  if (options === null || typeof options !== "object")
    throw new OdeTypeError("options", `expected an object, got ${String(options)}`);
  checkTimes(t);
  for (const key of Object.keys(options))
    if (!optionNames.includes(key))
      throw new OdeArgumentError(
        key,
        `is not an option of ${backprop ? "odeint" : "odeintAdjoint"}; expected one of ${optionNames.join(", ")}`,
      );
  const { stats = null, adjointNorm = "full", ...solver } = options;
  const checked = checkSolver(solver, "");
  if (backprop && checked.info.kind !== "explicitRungeKutta")
    throw new OdeArgumentError(
      "method",
      `"${checked.info.name}" is not an explicit Runge–Kutta method: odeint backpropagates through explicit steps; use odeintAdjoint for it`,
    );
  if (stats !== null && (typeof stats !== "object" || typeof stats.nfeForward !== "number"))
    throw new OdeTypeError("stats", `expected an object from emptySensitivityStats(), got ${String(stats)}`);
  if (adjointNorm !== "full" && adjointNorm !== "seminorm")
    throw new OdeArgumentError("adjointNorm", `unknown value "${String(adjointNorm)}"; expected "full" or "seminorm"`);
  if (backprop && options.adjointNorm !== undefined)
    throw new OdeArgumentError(
      "adjointNorm",
      `"${options.adjointNorm}" sets the norm of odeintAdjoint's backward solve; odeint differentiates by backprop`,
    );
  return { solver, checked, stats, adjointNorm };
}
