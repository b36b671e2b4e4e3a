import { Matrix, QrDecomposition } from "ml-matrix";

/** A weighted least-squares fit y ≈ β₀ + Σ_j β_j z_{·c_j} and its weighted R². */
export interface WeightedFit {
  intercept: number;
  /** One per column of `cols`. */
  coefficients: Float64Array;
  /** 1 − Σw(y − ŷ)² / Σw(y − ȳ_w)² (scikit-learn's `score` with sample_weight). */
  r2: number;
}

/**
 * Weighted least squares with an intercept on the columns `cols` of Z (n × d row-major), by
 * Householder QR (ml-matrix) of the rows scaled by √w. Null when the design is rank deficient.
 */
export function weightedLeastSquares(
  Z: Float64Array,
  d: number,
  y: Float64Array,
  w: Float64Array,
  cols: readonly number[],
): WeightedFit | null {
  const n = y.length;
  const p = cols.length + 1;
  const A = new Matrix(n, p);
  const b = new Matrix(n, 1);
  for (let s = 0; s < n; s++) {
    const r = Math.sqrt(w[s]);
    A.set(s, 0, r);
    cols.forEach((c, j) => A.set(s, j + 1, r * Z[s * d + c]));
    b.set(s, 0, r * y[s]);
  }
  const qr = new QrDecomposition(A);
  if (!qr.isFullRank()) return null;
  const beta = qr.solve(b).getColumn(0);
  let sw = 0;
  let mean = 0;
  for (let s = 0; s < n; s++) {
    sw += w[s];
    mean += w[s] * y[s];
  }
  mean /= sw;
  let ssRes = 0;
  let ssTot = 0;
  for (let s = 0; s < n; s++) {
    let yHat = beta[0];
    cols.forEach((c, j) => (yHat += beta[j + 1] * Z[s * d + c]));
    ssRes += w[s] * (y[s] - yHat) ** 2;
    ssTot += w[s] * (y[s] - mean) ** 2;
  }
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
  return { intercept: beta[0], coefficients: Float64Array.from(beta.slice(1)), r2 };
}
