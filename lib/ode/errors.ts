/**
 * Errors thrown for invalid arguments. Following stdlib-js, the message names the argument,
 * shows the offending value and, where it applies, the component index.
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

/** Thrown by the right-hand side wrapper when f returns a vector of the wrong length. */
export class RhsShapeError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = "RhsShapeError";
  }
}
