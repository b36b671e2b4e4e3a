/**
 * A Kuramoto–Sivashinsky run whose field became non-finite (NaN or ±∞): a value out of range, so a
 * RangeError. `t` is the time of the first non-finite field.
 */
export class KsNonFiniteError extends RangeError {
  readonly t: number;
  constructor(t: number, message: string) {
    super(message);
    this.name = "KsNonFiniteError";
    this.t = t;
  }
}

/** A short description of a value's type for TypeError messages ("number[]", "string", "undefined"). */
export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "Array";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}

/** TypeError unless v is an array or typed array of numbers (the field and grid arguments). */
export function checkArrayLike(name: string, v: unknown): asserts v is ArrayLike<number> {
  const ok = Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (!ok) throw new TypeError(`invalid argument ${name}: must be an array of numbers, got ${typeName(v)}`);
}
