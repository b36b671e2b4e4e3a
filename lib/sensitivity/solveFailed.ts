import type { StepOutcome } from "../ode/types";

/**
 * A forward or backward solve of a gradient method that could not finish (step budget,
 * non-finite state, step-size underflow, singular matrix, Newton failure). A RangeError: the
 * value out of range is the state at time `t`. `status` is the `OdeResult.status` name.
 */
export class SolveFailedError extends RangeError {
  readonly status: Exclude<StepOutcome, "ok">;
  /** Time the solve had reached. */
  readonly t: number;
  constructor(status: Exclude<StepOutcome, "ok">, t: number, message: string) {
    super(message);
    this.name = "SolveFailedError";
    this.status = status;
    this.t = t;
  }
}
