import { OdeArgumentError, OdeTypeError } from "../ode/errors";

/**
 * Seeded pseudo-random numbers: mulberry32 (T. Ettinger 2017; period 2^32), uniform on [0, 1).
 * Every random draw in the library takes a seed, so a notebook run twice gives the same
 * weights, noise and figures. In place of a global Math.random.
 */
export function mulberry32(seed: number): () => number {
  if (typeof seed !== "number") throw new OdeTypeError("seed", `expected an integer, got ${String(seed)}`);
  // Any integer is a seed (taken mod 2^32, so −1 and 2^32 − 1 give the same stream); a fraction would be cut silently.
  if (!Number.isInteger(seed)) throw new OdeArgumentError("seed", `must be an integer, got ${seed}`);
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
