import { OdeArgumentError, checkArrayLike, describeValue } from "../../ode/errors";

/**
 * The relevance put on an output vector v to start LRP: "output" (R = v, every component explains
 * itself), { component: c } (one-hot on c times its value, zennit's `attr_output` for one class),
 * or an explicit vector of v's length.
 */
export type LrpTarget = "output" | { readonly component: number } | ArrayLike<number>;

/** The starting relevance for output `v` into `out` (returns it); errors name `argument`. */
export function targetRelevance(
  target: LrpTarget,
  v: ArrayLike<number>,
  out: Float64Array,
  argument: string,
): Float64Array {
  const n = v.length;
  if (target === "output") {
    for (let i = 0; i < n; i++) out[i] = v[i];
    return out;
  }
  if (target !== null && typeof target === "object" && "component" in target) {
    const c = target.component;
    if (!Number.isInteger(c) || c < 0 || c >= n)
      throw new OdeArgumentError(`${argument}.component`, `must be an integer in [0, ${n}), got ${describeValue(c)}`);
    out.fill(0);
    out[c] = v[c];
    return out;
  }
  checkArrayLike(argument, target);
  if (target.length !== n)
    throw new OdeArgumentError(argument, `has length ${target.length}; the output has ${n} components`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(target[i]))
      throw new OdeArgumentError(argument, `component ${i} is ${String(target[i])}; relevances must be finite`);
    out[i] = target[i];
  }
  return out;
}

/** Throws unless `x` is an array-like of `n` finite numbers. */
export function checkVector(argument: string, x: unknown, n: number, where: string): asserts x is ArrayLike<number> {
  checkArrayLike(argument, x);
  if (x.length !== n) throw new OdeArgumentError(argument, `has length ${x.length}; ${where} needs ${n}`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(x[i]))
      throw new OdeArgumentError(argument, `component ${i} is ${String(x[i])}; must be finite`);
}
