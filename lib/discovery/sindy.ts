import { Matrix, QrDecomposition } from "ml-matrix";
import { DiscoveryArgumentError, DiscoveryTypeError } from "./errors";
import { checkSeries } from "./checkSeries";
import { householderR } from "./householderR";
import type { FeatureLibrary } from "./library";

export interface SindyOptions {
  library: FeatureLibrary;
  /** Coefficients with |ξ| < threshold are set to zero (λ of STLSQ). */
  threshold: number;
  /** Most threshold-and-refit rounds (default 10, as Brunton et al.'s code). */
  maxIterations?: number;
  /** Tikhonov weight α of ||Θξ − ẋ||² + α||ξ||² (default 0: plain least squares). */
  ridge?: number;
}

export interface SindyResult {
  /** coefficients[feature][state]: ẋ_state = Σ_feature coefficients[feature][state]·θ_feature(x). */
  coefficients: number[][];
  featureNames: string[];
  stateNames: string[];
  /** Threshold-and-refit rounds run (stops early once the active set no longer changes). */
  iterations: number;
  /** Root mean square of Θ·Ξ − Ẋ over all samples and states. */
  residual: number;
}

/**
 * Least squares min ||A ξ − b||² + α||ξ||² by Householder QR of [A; √α I] (ml-matrix's
 * QrDecomposition): QR works on A itself, so its error grows with cond(A), not cond(A)² as the
 * normal equations' would — degree-2 libraries on Lorenz data reach cond(A) ~ 1e4.
 */
function leastSquares(A: Matrix, b: Matrix, ridge: number, what: string, rows = A.rows): Matrix {
  let M = A;
  let r = b;
  if (ridge > 0) {
    M = new Matrix([...A.to2DArray(), ...Matrix.eye(A.columns, A.columns).mul(Math.sqrt(ridge)).to2DArray()]);
    r = new Matrix([...b.to2DArray(), ...Matrix.zeros(A.columns, b.columns).to2DArray()]);
  }
  const qr = new QrDecomposition(M);
  // ml-matrix's isFullRank() tests R_jj === 0 exactly; use LAPACK/numpy lstsq's rcond instead:
  // rank-deficient when |R_jj| <= max(rows, cols)·ε·max|R_ii|.
  const R = qr.upperTriangularMatrix;
  let rMax = 0;
  for (let j = 0; j < R.columns; j++) rMax = Math.max(rMax, Math.abs(R.get(j, j)));
  let deficient = rMax === 0;
  for (let j = 0; j < R.columns; j++) {
    if (Math.abs(R.get(j, j)) <= Math.max(rows, M.columns) * Number.EPSILON * rMax) deficient = true;
  }
  if (deficient) {
    throw new DiscoveryArgumentError(
      "library",
      `the features ${what} are linearly dependent on the data (rank-deficient Θ); use ridge > 0 or fewer features`,
    );
  }
  return qr.solve(r);
}

/**
 * Sparse identification of nonlinear dynamics by sequentially thresholded least squares (STLSQ;
 * Brunton, Proctor & Kutz 2016, PNAS 113:3932, doi:10.1073/pnas.1517384113, sparsifyDynamics in
 * their supplementary code): Ξ = Θ\Ẋ, then repeatedly zero |ξ| < λ and refit each state's
 * derivative on its remaining features, until the active set is stable or maxIterations.
 */
export function sindy(X: Float64Array[], dXdt: Float64Array[], options: SindyOptions): SindyResult {
  if (options === null || typeof options !== "object") {
    throw new DiscoveryTypeError("options", `expected an object, got ${options}`);
  }
  const { library, threshold, maxIterations = 10, ridge = 0 } = options;
  if (!library || typeof library.evaluate !== "function") {
    throw new DiscoveryTypeError("options.library", "expected a FeatureLibrary (e.g. polynomialLibrary(...))");
  }
  const n = checkSeries("X", X, library.nStates);
  checkSeries("dXdt", dXdt, n);
  const m = X.length;
  if (dXdt.length !== m) throw new DiscoveryArgumentError("dXdt", `expected ${m} samples (as X), got ${dXdt.length}`);
  if (typeof threshold !== "number" || !(threshold >= 0) || !Number.isFinite(threshold)) {
    throw new DiscoveryArgumentError("options.threshold", `expected a finite number >= 0, got ${threshold}`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new DiscoveryArgumentError("options.maxIterations", `expected an integer >= 0, got ${maxIterations}`);
  }
  if (typeof ridge !== "number" || !(ridge >= 0) || !Number.isFinite(ridge)) {
    throw new DiscoveryArgumentError("options.ridge", `expected a finite number >= 0, got ${ridge}`);
  }
  const p = library.names.length;
  if (m < p) throw new DiscoveryArgumentError("X", `expected at least ${p} samples (one per feature), got ${m}`);
  // [Θ | Ẋ] column-major, for the one factorisation below.
  const a = new Float64Array(m * (p + n));
  const row = new Float64Array(p);
  for (let k = 0; k < m; k++) {
    library.evaluate(X[k], row);
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(row[j])) {
        throw new DiscoveryArgumentError("library", `feature ${library.names[j]} is ${row[j]} at sample ${k}`);
      }
      a[j * m + k] = row[j];
    }
    for (let i = 0; i < n; i++) a[(p + i) * m + k] = dXdt[k][i];
  }
  const thetaTimes = (xi: number[][], i: number, k: number) => {
    let s = 0;
    for (let j = 0; j < p; j++) s += a[j * m + k] * xi[j][i];
    return s;
  };
  const dXAt = (k: number, i: number) => a[(p + i) * m + k];
  // Every refit is a least-squares problem in the columns of Θ. One Householder QR of [Θ | Ẋ] =
  // Q [[R, C], [0, D]] reduces each to min ||R_S ξ − C_i||² + α||ξ||² on p rows (Q is orthogonal and
  // D does not depend on ξ), so the m-row factorisation runs once, not once per state and round.
  // Before (an ml-matrix QR of Θ_S per state and round) pysindy was 4× faster (bench/interpret.md).
  let R: Matrix;
  let C: Matrix;
  if (m >= p + n) {
    const Rt = householderR(a.slice(), m, p + n);
    R = new Matrix(p, p);
    C = new Matrix(p, n);
    for (let r = 0; r < p; r++) {
      for (let c = r; c < p; c++) R.set(r, c, Rt[r * (p + n) + c]);
      for (let i = 0; i < n; i++) C.set(r, i, Rt[r * (p + n) + p + i]);
    }
  } else {
    R = new Matrix(m, p);
    C = new Matrix(m, n);
    for (let k = 0; k < m; k++) {
      for (let j = 0; j < p; j++) R.set(k, j, a[j * m + k]);
      for (let i = 0; i < n; i++) C.set(k, i, dXAt(k, i));
    }
  }
  const xi = leastSquares(R, C, ridge, "(all)", m).to2DArray();
  const active = xi.map((r) => r.map(() => true));
  let iterations = 0;
  for (; iterations < maxIterations;) {
    let changed = false;
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < n; i++) {
        if (active[j][i] && Math.abs(xi[j][i]) < threshold) {
          active[j][i] = false;
          xi[j][i] = 0;
          changed = true;
        }
      }
    }
    if (!changed) break;
    iterations++;
    for (let i = 0; i < n; i++) {
      const cols = [];
      for (let j = 0; j < p; j++) if (active[j][i]) cols.push(j);
      if (cols.length === 0) continue;
      const sol = leastSquares(
        R.subMatrixColumn(cols),
        C.subMatrixColumn([i]),
        ridge,
        cols.map((j) => library.names[j]).join(", "),
        m,
      );
      cols.forEach((j, c) => (xi[j][i] = sol.get(c, 0)));
    }
  }
  let ss = 0;
  for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) ss += (thetaTimes(xi, i, k) - dXAt(k, i)) ** 2;
  return {
    coefficients: xi,
    featureNames: [...library.names],
    stateNames: [...library.stateNames],
    iterations,
    residual: Math.sqrt(ss / (m * n)),
  };
}
