import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";

/** Argument checks shared by the analysis functions; errors name the argument and its value. */
export function checkDimension(n: unknown): asserts n is number {
  if (typeof n !== "number") throw new OdeTypeError("n", `expected a positive integer, got ${describeValue(n)}`);
  if (!Number.isInteger(n) || n < 1) throw new OdeArgumentError("n", `must be a positive integer, got ${n}`);
}

export function checkFunction(name: string, f: unknown): void {
  if (typeof f !== "function") throw new OdeTypeError(name, `expected a function, got ${describeValue(f)}`);
}

/** A state vector of n finite numbers (an array or a typed array). */
export function checkState(name: string, y: unknown, n: number): asserts y is ArrayLike<number> {
  if (y === null || typeof y !== "object" || typeof (y as ArrayLike<number>).length !== "number")
    throw new OdeTypeError(name, `expected an array of ${n} numbers, got ${describeValue(y)}`);
  const v = y as ArrayLike<number>;
  if (v.length !== n) throw new OdeArgumentError(name, `has ${v.length} entries, expected n = ${n}`);
  for (let i = 0; i < n; i++) {
    if (typeof v[i] !== "number")
      throw new OdeTypeError(name, `component ${i} is not a number (${describeValue(v[i])})`);
    if (!Number.isFinite(v[i])) throw new OdeArgumentError(name, `component ${i} is not finite (${v[i]})`);
  }
}

export function checkPositive(name: string, v: unknown, integer = false): void {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${describeValue(v)}`);
  if (!(Number.isFinite(v) && v > 0) || (integer && !Number.isInteger(v)))
    throw new OdeArgumentError(name, `must be a finite ${integer ? "integer" : "number"} > 0, got ${v}`);
}
