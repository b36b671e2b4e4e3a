/**
 * The weighted RMS error norm of step-size control, the one copy every stepper uses:
 *
 *   ‖e‖ = √( (1/k) Σ_{i<k} (c·e_i / s_i)² ),   s_i = atol_i + rtol_i·max(|y_i|, |ŷ_i|)
 *
 * Method: Hairer, Nørsett & Wanner, Solving ODEs I, 2nd ed., Sec. II.4, eq. (4.11), with the
 * scale from the step's start y and end ŷ (scipy's `_ivp`); pass the same array twice for a scale
 * from one state (BDF's atol + rtol·|y_new|, scipy's `bdf.py`). Only the first k components are
 * counted (the seminorm of Kidger, Chen & Lyons 2021, "Hey, that's not an ODE", ICML). `c`
 * multiplies each e_i before the division (the step h of an embedded pair, BDF's error constant),
 * so callers keep their rounding: (c·e_i)/s_i is what they computed before this file existed.
 *
 * A zero scale (atol_i = 0 with y_i = ŷ_i = 0) counts a finite nonzero error as ZERO_SCALE_SQUARE,
 * a certain rejection, where scipy's division gives inf (and 0/0 a NaN); an exactly zero error
 * there counts 0. Non-finite errors or scales (a NaN state) give a non-finite norm, which every
 * caller reports as a non-finite step: nothing here turns a NaN into a number.
 *
 * Kernels read caller-owned Float64Arrays and allocate nothing. The array functions check their
 * buffers' lengths once per call; the per-component ones (scaleAt, scaledSquare), inlined into
 * the generated Runge–Kutta kernels, read arrays that stepper allocated at length n.
 */

import { checkLength } from "./linalg/checkLength";

/** What a zero-scale component with a nonzero error adds to the sum: huge, but finite (not inf or NaN). */
export const ZERO_SCALE_SQUARE = 1e300;

/** The error scale s_i = atol_i + rtol_i·max(|y_i|, |yNew_i|) of component i. */
export function scaleAt(
  atol: Float64Array,
  rtol: Float64Array,
  y: Float64Array,
  yNew: Float64Array,
  i: number,
): number {
  return atol[i] + rtol[i] * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
}

/** The one-state error scale s_i = atol_i + rtol_i·|y_i| (scaleAt with y = ŷ, without the max). */
export function scaleOf(atol: Float64Array, rtol: Float64Array, y: Float64Array, i: number): number {
  return atol[i] + rtol[i] * Math.abs(y[i]);
}

/**
 * (c·e / s)², with the zero-scale rule above. Generated Runge–Kutta kernels call this (and
 * scaleAt, rootMean) per component inside their own fused loop, where V8 inlines it, so their
 * error estimate needs no work array and no second pass.
 */
export function scaledSquare(c: number, e: number, s: number): number {
  const d = c * e;
  if (s !== 0) {
    const r = d / s;
    return r * r;
  }
  if (d === 0) return 0;
  return d - d === 0 ? ZERO_SCALE_SQUARE : d * d; // d * d: inf stays inf, NaN stays NaN
}

/** √(sum / k), the root mean of k squares (0 when k = 0). */
export function rootMean(sum: number, k: number): number {
  return k === 0 ? 0 : Math.sqrt(sum / k);
}

/** The weighted RMS norm of c·err over the first k components (0 when k = 0), scale from y and yNew. */
export function weightedRmsNorm(
  c: number,
  err: Float64Array,
  y: Float64Array,
  yNew: Float64Array,
  atol: Float64Array,
  rtol: Float64Array,
  k: number,
): number {
  checkLength("err", err, k, "the components in the norm");
  checkLength("y", y, k, "the components in the norm");
  checkLength("yNew", yNew, k, "the components in the norm");
  checkLength("atol", atol, k, "the components in the norm");
  checkLength("rtol", rtol, k, "the components in the norm");
  let sum = 0;
  for (let i = 0; i < k; i++) sum += scaledSquare(c, err[i], scaleAt(atol, rtol, y, yNew, i));
  return rootMean(sum, k);
}

/** s_i = atol_i + rtol_i·|y_i| into `scale` (i < n), for a method that reuses one scale in several norms (BDF). */
export function errorScale(
  scale: Float64Array,
  y: Float64Array,
  atol: Float64Array,
  rtol: Float64Array,
  n: number,
): Float64Array {
  checkLength("scale", scale, n, "the components scaled");
  checkLength("y", y, n, "the components scaled");
  checkLength("atol", atol, n, "the components scaled");
  checkLength("rtol", rtol, n, "the components scaled");
  for (let i = 0; i < n; i++) scale[i] = scaleOf(atol, rtol, y, i);
  return scale;
}

/**
 * The weighted RMS norm of c·err[offset + i] over i < k against a precomputed scale (errorScale):
 * BDF's error estimates of orders k − 1 and k + 1 are rows of its difference array, read in place.
 */
export function scaledRmsNorm(c: number, err: Float64Array, offset: number, scale: Float64Array, k: number): number {
  if (!(err.length >= offset + k && scale.length >= k)) {
    checkLength("err", err, offset + k, "offset + the components in the norm");
    checkLength("scale", scale, k, "the components in the norm");
  }
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const s = scale[i];
    const d = c * err[offset + i];
    if (s !== 0) {
      const r = d / s;
      sum += r * r;
    } else sum += scaledSquare(c, err[offset + i], s);
  }
  return rootMean(sum, k);
}
