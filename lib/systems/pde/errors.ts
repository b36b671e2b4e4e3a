import { RunError } from "../../ode/errors";

/**
 * A Kuramoto–Sivashinsky run whose field became non-finite (NaN or ±∞): a value out of range, so a
 * RangeError. `t` is the time of the first non-finite field.
 */
export class KsNonFiniteError extends RunError {
  constructor(
    readonly t: number,
    message: string,
  ) {
    super(message);
  }
}

/** A short description of a value's type for TypeError messages ("number[]", "string", "undefined"). */
export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "Array";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}
