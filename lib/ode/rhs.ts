import type { CountedRhs, OdeStats, Rhs } from "./types";
import { RhsShapeError } from "./errors";

/**
 * Wraps a user right-hand side as an in-place, counting `CountedRhs`.
 *
 * A function declared with three parameters is taken as in-place `(t, y, dydt) => void`;
 * otherwise its return value is copied into `dydt` (length checked on every call, since a
 * wrong-length return is a user bug we want to name, not a silent truncation).
 */
export function countedRhs(f: Rhs, n: number, stats: OdeStats): CountedRhs {
  if (f.length >= 3) {
    const inPlace = f as (t: number, y: Float64Array, dydt: Float64Array) => void;
    return (t, y, dydt) => {
      stats.nfev++;
      inPlace(t, y, dydt);
    };
  }
  const returning = f as (t: number, y: Float64Array) => ArrayLike<number>;
  return (t, y, dydt) => {
    stats.nfev++;
    const v = returning(t, y);
    if (v == null || v.length !== n) {
      throw new RhsShapeError(
        `right-hand side f(t, y) at t=${t} returned ${v == null ? String(v) : `length ${v.length}`}, expected length ${n} (the length of y0)`,
      );
    }
    for (let i = 0; i < n; i++) dydt[i] = v[i];
  };
}

/** Index of the first non-finite entry of `v`, or -1. */
export function firstNonFinite(v: Float64Array): number {
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x - x !== 0) return i; // NaN or ±Infinity
  }
  return -1;
}

export function emptyStats(): OdeStats {
  return { nfev: 0, njev: 0, nlu: 0, nsteps: 0, naccept: 0, nreject: 0, minStep: Infinity };
}
