/**
 * Errors of the neural layer. Invalid arguments use lib/ode's `OdeArgumentError` (a RangeError)
 * and `OdeTypeError` (a TypeError), which name the argument and show the value; the classes here
 * report failures of a solve or of training, naming where (time, iteration) and why.
 */

/** Why a tfjs or fused solve stopped, with the same status names as `OdeResult.status`. */
export type NeuralSolveStatus =
  "maxSteps" | "nonFinite" | "stepSizeUnderflow" | "noEvent" | "eventNotDifferentiable" | string;

/**
 * A solve that could not finish (step limit, non-finite state, step-size underflow, no event
 * found). A RangeError: the value out of range is the state at time `t`.
 */
export class NeuralSolveError extends RangeError {
  readonly status: NeuralSolveStatus;
  /** Time the solve had reached. */
  readonly t: number;
  constructor(status: NeuralSolveStatus, t: number, message: string) {
    super(message);
    this.name = "NeuralSolveError";
    this.status = status;
    this.t = t;
  }
}

/** Training stopped because something became non-finite or the step size collapsed. */
export class TrainingDivergedError extends Error {
  readonly iteration: number;
  constructor(
    iteration: number,
    where: string,
    advice = "Try a lower learning rate, multiple shooting / shorter windows (batchTime), a stiff or fixed-step method, or gradient clipping.",
  ) {
    super(`training diverged at iteration ${iteration}: ${where}. ${advice}`);
    this.name = "TrainingDivergedError";
    this.iteration = iteration;
  }
}
