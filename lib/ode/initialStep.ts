import type { CountedRhs } from "./types";

/**
 * Initial step size by Hairer, Nørsett & Wanner, Solving ODEs I, Sec. II.4 ("Starting step
 * size", p. 169), as in scipy's `select_initial_step`. `f0` holds f(t0, y0); `work1`, `work2`
 * are scratch arrays of length n. Returns |h| (positive).
 */
export function selectInitialStep(
  f: CountedRhs,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  direction: number,
  order: number,
  /** One relative tolerance, or one per component. */
  rtol: number | Float64Array,
  atol: Float64Array,
  maxStep: number,
  spanLength: number,
  work1: Float64Array,
  work2: Float64Array,
): number {
  const n = y0.length;
  let d0 = 0;
  let d1 = 0;
  for (let i = 0; i < n; i++) {
    const sc = atol[i] + Math.abs(y0[i]) * (typeof rtol === "number" ? rtol : rtol[i]);
    d0 += (y0[i] / sc) ** 2;
    d1 += (f0[i] / sc) ** 2;
  }
  d0 = Math.sqrt(d0 / n);
  d1 = Math.sqrt(d1 / n);
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
  h0 = Math.min(h0, spanLength, maxStep);
  const y1 = work1;
  for (let i = 0; i < n; i++) y1[i] = y0[i] + direction * h0 * f0[i];
  f(t0 + direction * h0, y1, work2);
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    const sc = atol[i] + Math.abs(y0[i]) * (typeof rtol === "number" ? rtol : rtol[i]);
    d2 += ((work2[i] - f0[i]) / sc) ** 2;
  }
  d2 = Math.sqrt(d2 / n) / h0;
  const h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / Math.max(d1, d2)) ** (1 / (order + 1));
  return Math.min(100 * h0, h1, spanLength, maxStep);
}
