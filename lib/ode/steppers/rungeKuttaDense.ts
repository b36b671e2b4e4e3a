import type { CountedRhs } from "../types";
import type { Dop853Extras } from "../tableaus/tableau";

/**
 * Continuous extension y(t_old + θh) = y_old + h Σ_i k_i Σ_j P_ij θ^(j+1) (Hairer–Nørsett–Wanner I,
 * Sec. II.6, eq. 6.8). `q` is scratch of length `rows`. Writes into `out` and returns it.
 */
export function interpolatePolynomial(
  P: Float64Array,
  cols: number,
  rows: number,
  K: Float64Array,
  n: number,
  yOld: Float64Array,
  h: number,
  theta: number,
  q: Float64Array,
  out: Float64Array,
): Float64Array {
  polynomialWeights(P, cols, rows, h, theta, q);
  out.set(yOld);
  for (let i = 0; i < rows; i++) {
    const c = q[i];
    if (c === 0) continue;
    const off = i * n;
    for (let m = 0; m < n; m++) out[m] += c * K[off + m];
  }
  return out;
}

/**
 * The weights q_i = h Σ_j P_ij θ^(j+1) (Horner) of `interpolatePolynomial`, which is
 * yOld + Σ_i q_i k_i: also its derivative with respect to each stage k_i, for reverse mode.
 */
export function polynomialWeights(
  P: Float64Array,
  cols: number,
  rows: number,
  h: number,
  theta: number,
  q: Float64Array,
): Float64Array {
  for (let i = 0; i < rows; i++) {
    let acc = 0;
    for (let j = cols - 1; j >= 0; j--) acc = (acc + P[i * cols + j]) * theta;
    q[i] = h * acc;
  }
  return q;
}

/** Cubic Hermite interpolation from both end values and derivatives (HNW I, eq. II.6.7). */
export function interpolateHermite(
  y0: Float64Array,
  y1: Float64Array,
  f0: Float64Array,
  f1: Float64Array,
  h: number,
  theta: number,
  out: Float64Array,
): Float64Array {
  const t2 = theta * theta;
  const t3 = t2 * theta;
  const a0 = 2 * t3 - 3 * t2 + 1;
  const b0 = (t3 - 2 * t2 + theta) * h;
  const a1 = -2 * t3 + 3 * t2;
  const b1 = (t3 - t2) * h;
  for (let m = 0; m < y0.length; m++) out[m] = a0 * y0[m] + b0 * f0[m] + a1 * y1[m] + b1 * f1[m];
  return out;
}

/**
 * DOP853's 7th-order dense output (dop853.f, "contd8" preparation): three extra stages into
 * K rows 13..15, then the seven coefficient vectors F (7·n) used by `interpolateDop853`.
 * K rows 0..11 are the step's stages and row 12 is f(t_new, y_new).
 */
export function prepareDop853Dense(
  extras: Dop853Extras,
  f: CountedRhs,
  tOld: number,
  yOld: Float64Array,
  y: Float64Array,
  h: number,
  K: Float64Array,
  n: number,
  work: Float64Array,
  F: Float64Array,
): void {
  const { extraA, extraC, d } = extras;
  for (let e = 0; e < 3; e++) {
    const row = 13 + e;
    const a = extraA[e];
    work.set(yOld);
    for (let j = 0; j < a.length; j++) {
      const coef = h * a[j];
      if (coef === 0) continue;
      for (let m = 0; m < n; m++) work[m] += coef * K[j * n + m];
    }
    f(tOld + extraC[e] * h, work, K.subarray(row * n, (row + 1) * n));
  }
  for (let m = 0; m < n; m++) {
    const dy = y[m] - yOld[m];
    const fOld = K[m];
    const fNew = K[12 * n + m];
    F[m] = dy;
    F[n + m] = h * fOld - dy;
    F[2 * n + m] = 2 * dy - h * (fNew + fOld);
  }
  for (let r = 0; r < 4; r++) {
    const dr = d[r];
    const off = (3 + r) * n;
    for (let m = 0; m < n; m++) {
      let acc = 0;
      for (let j = 0; j < 16; j++) acc += dr[j] * K[j * n + m];
      F[off + m] = h * acc;
    }
  }
}

/** Evaluates DOP853's dense output at θ ∈ [0, 1] (the nested form of dop853.f's contd8). */
export function interpolateDop853(F: Float64Array, n: number, yOld: Float64Array, theta: number, out: Float64Array) {
  const s1 = 1 - theta;
  for (let m = 0; m < n; m++) {
    let acc = 0;
    for (let r = 6; r >= 0; r--) {
      acc += F[r * n + m];
      acc *= r % 2 === 0 ? theta : s1;
    }
    out[m] = acc + yOld[m];
  }
  return out;
}
