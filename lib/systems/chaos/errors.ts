import { RunError } from "../../ode/errors";

/**
 * A Lyapunov run that cannot go on: the state or a tangent vector stopped being finite (the
 * system diverges, or the fixed RK4 step is too large for it). Names the time and component,
 * the offending value and the argument to change.
 */
export class LyapunovRunError extends RunError {
  constructor(
    message: string,
    /** Time at which the run failed. */
    readonly t: number,
    /** Index of the state component or tangent vector that failed. */
    readonly component: number,
  ) {
    super(message);
  }
}
