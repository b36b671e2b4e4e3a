import { OdeTypeError, RunError, describeValue as describe } from "../../ode/errors";

/**
 * A stiff solve inside the kinetics tools (forward sensitivities, a rate fit's model) that did not
 * reach its end: the solver's status and message (which names the time reached), so a caller (the
 * rate fit) can treat it as a rejected trial and a user can see where it stopped. A failed computation for the given
 * values, hence a RangeError.
 */
export class KineticsSolveError extends RunError {
  constructor(
    message: string,
    /** The solver's status ("stepSizeUnderflow", "maxSteps", …). */
    readonly status: string,
  ) {
    super(message);
  }
}

export { describeValue as describe } from "../../ode/errors";

/** OdeTypeError (a TypeError) for an argument of the wrong type: "invalid argument <name>: expected …, got …". */
export function argumentTypeError(argument: string, expected: string, value: unknown, where = ""): TypeError {
  return new OdeTypeError(argument, `expected ${expected}${where}, got ${describe(value)}`);
}
