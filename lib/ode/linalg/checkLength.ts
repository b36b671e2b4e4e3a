import { OdeArgumentError, OdeTypeError, describeValue } from "../errors";

/**
 * Throws OdeArgumentError unless `buffer` has at least `want` entries (`exact`: exactly), so a
 * kernel never reads or writes past a short buffer (typed arrays would silently ignore writes
 * and read undefined → NaN) and a right-hand side never misreads a longer one (a batch, an
 * augmented state); OdeTypeError when it is no array at all. `what` says where `want` comes from
 * (and which function asks); `t`, when given, the time of the call.
 */
export function checkLength(
  name: string,
  buffer: ArrayLike<unknown>,
  want: number,
  what: string,
  exact = false,
  t?: number,
): void {
  const at = t === undefined ? "" : `, at t = ${t}`;
  if (buffer === null || typeof buffer !== "object" || typeof buffer.length !== "number")
    throw new OdeTypeError(name, `expected an array of ${want} numbers (${what}${at}), got ${describeValue(buffer)}`);
  const have = buffer.length;
  if (exact ? have !== want : have < want) {
    throw new OdeArgumentError(name, `has length ${have}, needs ${exact ? "" : "at least "}${want} (${what}${at})`);
  }
}
