import { OdeTypeError } from "../../ode/errors";

/**
 * A stiff solve inside the kinetics tools (forward sensitivities, a rate fit's model) that did not
 * reach its end: the solver's status and message (which names the time reached), so a caller (the
 * rate fit) can treat it as a rejected trial and a user can see where it stopped. A failed computation for the given
 * values, hence a RangeError.
 */
export class KineticsSolveError extends RangeError {
  /** The solver's status ("stepSizeUnderflow", "maxSteps", …). */
  readonly status: string;
  constructor(message: string, status: string) {
    super(message);
    this.name = "KineticsSolveError";
    this.status = status;
  }
}

/** A short description of a value for error messages: its type, and the value when it is short. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${(v as unknown as ArrayLike<number>).length}`;
  if (typeof v === "object") return `a ${(v as object).constructor?.name ?? "object"}`;
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

/** OdeTypeError (a TypeError) for an argument of the wrong type: "invalid argument <name>: expected …, got …". */
export function argumentTypeError(argument: string, expected: string, value: unknown, where = ""): TypeError {
  return new OdeTypeError(argument, `expected ${expected}${where}, got ${describe(value)}`);
}
