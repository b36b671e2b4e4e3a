import { OdeArgumentError, OdeTypeError, describeValue } from "../errors";

/**
 * Throws OdeArgumentError unless `buffer` has at least `want` entries (`exact`: exactly), so a
 * kernel never reads or writes past a short buffer (typed arrays would silently ignore writes
 * and read undefined → NaN) and a right-hand side never misreads a longer one (a batch, an
 * augmented state); OdeTypeError when it is no array at all. `what` says where `want` comes from
 * (and which function asks); `t`, when given, the time of the call. Kept this small so the JIT
 * inlines it into the kernels that call it per step; the messages are built in `lengthError`.
 */
export function checkLength(
  name: string,
  buffer: ArrayLike<unknown>,
  want: number,
  what: string,
  exact = false,
  t?: number,
): void {
  if (typeof buffer === "object" && buffer !== null) {
    const have = buffer.length;
    if (exact ? have === want : have >= want) return;
  }
  lengthError(name, buffer, want, what, exact, t);
}

function lengthError(
  name: string,
  buffer: ArrayLike<unknown>,
  want: number,
  what: string,
  exact: boolean,
  t: number | undefined,
): never {
  const at = t === undefined ? "" : `, at t = ${t}`;
  if (buffer === null || typeof buffer !== "object" || typeof buffer.length !== "number")
    throw new OdeTypeError(name, `expected an array of ${want} numbers (${what}${at}), got ${describeValue(buffer)}`);
  throw new OdeArgumentError(
    name,
    `has length ${buffer.length}, needs ${exact ? "" : "at least "}${want} (${what}${at})`,
  );
}
