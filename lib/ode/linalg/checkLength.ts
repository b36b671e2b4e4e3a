import { OdeArgumentError } from "../errors";

/**
 * Throws OdeArgumentError unless `buffer` has at least `want` entries (`exact`: exactly), so a
 * kernel never reads or writes past a short buffer (typed arrays would silently ignore writes
 * and read undefined → NaN).
 */
export function checkLength(name: string, buffer: ArrayLike<unknown>, want: number, what: string, exact = false): void {
  const have = buffer.length;
  if (exact ? have !== want : have < want) {
    throw new OdeArgumentError(name, `has length ${have}, needs ${exact ? "" : "at least "}${want} (${what})`);
  }
}
