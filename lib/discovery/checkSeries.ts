import { DiscoveryArgumentError, DiscoveryTypeError } from "./errors";

/**
 * Checks a series of state vectors: a non-empty array of Float64Array, each of length `dim`
 * (the first one's when omitted), every entry finite. Returns the dimension.
 */
export function checkSeries(name: string, X: unknown, dim?: number): number {
  if (!Array.isArray(X)) throw new DiscoveryTypeError(name, `expected an array of Float64Array, got ${typeof X}`);
  if (X.length === 0) throw new DiscoveryArgumentError(name, "expected at least one sample, got an empty array");
  const n = dim ?? (X[0] instanceof Float64Array ? X[0].length : -1);
  for (let k = 0; k < X.length; k++) {
    const x = X[k];
    if (!(x instanceof Float64Array)) {
      throw new DiscoveryTypeError(`${name}[${k}]`, `expected a Float64Array, got ${x?.constructor?.name ?? typeof x}`);
    }
    if (x.length !== n) throw new DiscoveryArgumentError(`${name}[${k}]`, `expected length ${n}, got ${x.length}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[i])) {
        throw new DiscoveryArgumentError(name, `non-finite value ${x[i]} at sample ${k}, component ${i}`);
      }
    }
  }
  return n;
}
