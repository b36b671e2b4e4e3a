import { OdeArgumentError } from "../../ode/errors";

/**
 * A Lyapunov run that cannot go on: the state or a tangent vector stopped being finite (the
 * system diverges, or the fixed RK4 step is too large for it). Names the time and component,
 * the offending value and the argument to change.
 */
export class LyapunovRunError extends RangeError {
  /** Time at which the run failed. */
  readonly t: number;
  /** Index of the state component or tangent vector that failed. */
  readonly component: number;
  constructor(message: string, t: number, component: number) {
    super(message);
    this.name = "LyapunovRunError";
    this.t = t;
    this.component = component;
  }
}

/**
 * Throws an OdeArgumentError unless `buffer` has exactly `expected` entries: a shorter buffer
 * would be read past its end, a longer one (a batch, an augmented state) silently misread.
 */
export function checkLength(fn: string, name: string, buffer: ArrayLike<number>, expected: number, t?: number): void {
  const at = t === undefined ? "" : ` (at t = ${t})`;
  if (buffer === null || typeof buffer !== "object" || typeof buffer.length !== "number")
    throw new TypeError(
      `invalid argument ${name}: ${fn} expects an array of ${expected} numbers, got ${String(buffer)}${at}`,
    );
  if (buffer.length !== expected)
    throw new OdeArgumentError(name, `${fn} expects length ${expected}, got length ${buffer.length}${at}`);
}
