/**
 * Errors thrown for invalid arguments. Following stdlib-js, the message names the argument,
 * shows the offending value and, where it applies, the time and the component index. A value
 * of the wrong type is an `OdeTypeError` (a `TypeError`); a value of the right type that is
 * out of range or inconsistent is an `OdeArgumentError` (a `RangeError`).
 */
export class OdeArgumentError extends RangeError {
  /** Name of the offending argument, e.g. "atol" or "y0". */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`invalid argument ${argument}: ${message}`);
    this.name = "OdeArgumentError";
    this.argument = argument;
  }
}

/** A wrong type for an argument (a string for a number, a non-function for `f`, …). */
export class OdeTypeError extends TypeError {
  /** Name of the offending argument, e.g. "tSpan" or "events[0].terminal". */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`invalid argument ${argument}: ${message}`);
    this.name = "OdeTypeError";
    this.argument = argument;
  }
}

/**
 * A call that the solver's state does not allow: `step()` on a finished or failed `OdeSolver`,
 * `denseOutput()` before its first step (scipy's `OdeSolver` raises RuntimeError for both).
 * A RangeError: the value out of range is the solver's `status`.
 */
export class OdeStateError extends RangeError {
  /** The solver status at the time of the call. */
  readonly status: string;
  constructor(status: string, message: string) {
    super(message);
    this.name = "OdeStateError";
    this.status = status;
  }
}

/** A short description of a value for error messages: its type, and the value when it is short. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${(v as unknown as ArrayLike<number>).length}`;
  if (typeof v === "object") return `a ${(v as object).constructor?.name ?? "object"}`;
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

/** Thrown by the right-hand side wrapper when f returns a vector of the wrong length. */
export class RhsShapeError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = "RhsShapeError";
  }
}

/**
 * A run that cannot go on for the values given — a state, tangent or energy that stopped being
 * finite, a solve that did not reach its end — as opposed to a bad argument: a RangeError named
 * after its class. The systems' run errors (LyapunovRunError, MdRunError, KsNonFiniteError,
 * KineticsSolveError) extend it and add the fields that say where (time, component, step, status).
 */
export class RunError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Throws OdeTypeError unless `v` is an array or a typed array (not a DataView) of numbers. */
export function checkArrayLike(argument: string, v: unknown): asserts v is ArrayLike<number> {
  if (!(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))))
    throw new OdeTypeError(argument, `expected an array of numbers, got ${describeValue(v)}`);
}
