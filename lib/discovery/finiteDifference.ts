import { DiscoveryArgumentError, DiscoveryTypeError } from "./errors";
import { checkSeries } from "./checkSeries";

/**
 * Derivatives of a sampled time series by second-order finite differences: the three-point
 * central formula inside, the three-point one-sided formulas at both ends (Fornberg, Math. Comp.
 * 51 (1988) 699, weights for arbitrary spacing, so non-uniform `t` keeps second order). Needs at
 * least 3 samples and strictly increasing, finite times. Returns new Float64Arrays, one per sample.
 */
export function finiteDifference(t: ArrayLike<number>, X: Float64Array[]): Float64Array[] {
  if (!(Array.isArray(t) || t instanceof Float64Array)) {
    throw new DiscoveryTypeError("t", `expected an array or Float64Array of times, got ${typeof t}`);
  }
  const n = checkSeries("X", X);
  const m = X.length;
  if (t.length !== m) throw new DiscoveryArgumentError("t", `expected length ${m} (samples in X), got ${t.length}`);
  if (m < 3) throw new DiscoveryArgumentError("X", `expected at least 3 samples, got ${m}`);
  for (let k = 0; k < m; k++) {
    if (!Number.isFinite(t[k])) throw new DiscoveryArgumentError("t", `non-finite time ${t[k]} at sample ${k}`);
    if (k > 0 && !(t[k] > t[k - 1])) {
      throw new DiscoveryArgumentError("t", `not strictly increasing at sample ${k}: ${t[k - 1]} then ${t[k]}`);
    }
  }
  const out = X.map(() => new Float64Array(n));
  for (let k = 0; k < m; k++) {
    // Three nodes k0 < k0+1 < k0+2 around k; weights of the derivative of the quadratic through them at t[k].
    const k0 = k === 0 ? 0 : k === m - 1 ? m - 3 : k - 1;
    const t0 = t[k0],
      t1 = t[k0 + 1],
      t2 = t[k0 + 2],
      s = t[k];
    const w0 = (2 * s - t1 - t2) / ((t0 - t1) * (t0 - t2));
    const w1 = (2 * s - t0 - t2) / ((t1 - t0) * (t1 - t2));
    const w2 = (2 * s - t0 - t1) / ((t2 - t0) * (t2 - t1));
    const a = X[k0],
      b = X[k0 + 1],
      c = X[k0 + 2],
      d = out[k];
    for (let i = 0; i < n; i++) d[i] = w0 * a[i] + w1 * b[i] + w2 * c[i];
  }
  return out;
}
