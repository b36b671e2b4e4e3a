/**
 * Errors of the neural layer. Invalid arguments use lib/ode's `OdeArgumentError` (a RangeError)
 * and `OdeTypeError` (a TypeError), which name the argument and show the value. A solve that
 * cannot finish (step limit, non-finite state, step-size underflow) is lib/sensitivity's
 * `SolveFailedError`, whatever the entry point (odeint, odeintAdjoint, odeintEvent, fit); the
 * classes here report what only the neural layer knows: an event search that found no event or
 * an event time without a derivative, and training that diverged.
 */

/** Why odeintEvent failed (and, until they are removed, the old fused engines' solve statuses). */
export type NeuralSolveStatus =
  "maxSteps" | "nonFinite" | "stepSizeUnderflow" | "noEvent" | "eventNotDifferentiable" | string;

/**
 * An event search of odeintEvent that failed: no sign change of g up to tMax ("noEvent"), a
 * tangential event whose time has no derivative ("eventNotDifferentiable"), or a NaN event
 * function ("nonFinite"). A RangeError: the value out of range is the state at time `t`.
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
