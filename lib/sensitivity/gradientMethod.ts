import type { MethodName } from "../ode/types";
import type { Field64 } from "./field64";

/**
 * How to solve (diffrax's solver + step-size controller, scipy's names): a method of the one
 * registry (lib/ode/methods.ts), tolerances, the step of fixed-step methods (default: one step per
 * output interval) and the attempted-step budget. Plain data, validated by `checkSolver`.
 */
export interface SolverSpec {
  method?: MethodName;
  rtol?: number;
  atol?: number;
  step?: number;
  maxSteps?: number;
}

/** Work of one differentiable solve; the backward fields are filled by `pullback`. */
export interface SensitivityStats {
  nfeForward: number;
  nfeBackward: number;
  naccept: number;
  nreject: number;
  /** Smallest accepted |h| of the forward and backward solves. */
  minStep: number;
  /**
   * Bytes of the typed arrays the solution keeps for its pullback (the memory cost of a gradient
   * method): discrete() its tape (every evaluation's input and activations, the steps), adjoint()
   * the outputs and, interpolated, the forward dense output, forwardSensitivity() the sensitivities.
   */
  keptBytes: number;
}

/** ∂L/∂θ (parameters.length) and ∂L/∂y0 (B·dim). */
export interface Cotangents {
  theta: Float64Array;
  y0: Float64Array;
}

/**
 * A solve whose outputs can be differentiated: y(t_k) for every requested time, and the
 * vector–Jacobian product of the whole map (y0, θ) ↦ (y(t_0), …, y(t_K)). `pullback` takes one
 * cotangent per output time (null: zero) and may be called more than once (each call is a new
 * backward pass over the same forward solve).
 */
export interface DifferentiableSolution {
  readonly t: readonly number[];
  /** y(t_k), each B·dim. */
  readonly y: readonly Float64Array[];
  readonly stats: SensitivityStats;
  pullback(yBar: readonly (Float64Array | null)[]): Cotangents;
}

/**
 * A gradient method (diffrax's `adjoint=` argument as an object): discrete reverse mode through
 * the accepted steps, the continuous adjoint, or forward sensitivities. Each works over the
 * steppers of lib/ode and returns the same plain result.
 */
export interface GradientMethod {
  readonly name: string;
  solve(field: Field64, y0: Float64Array, t: readonly number[], solver: SolverSpec): DifferentiableSolution;
}

export function emptySensitivityStats(): SensitivityStats {
  return { nfeForward: 0, nfeBackward: 0, naccept: 0, nreject: 0, minStep: Infinity, keptBytes: 0 };
}
