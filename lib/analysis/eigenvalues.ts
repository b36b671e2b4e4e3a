import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";

/** The spectrum of a real matrix: real and imaginary parts, sorted by real part descending (then imaginary). */
export interface Spectrum {
  re: number[];
  im: number[];
}

/**
 * Eigenvalues of a real n×n row-major matrix by ml-matrix's EigenvalueDecomposition (JAMA: Hessenberg
 * reduction and shifted QR, Golub & Van Loan, Matrix Computations 4th ed. §7.5): a maintained
 * eigen-solver rather than our own. Complex eigenvalues come as conjugate pairs.
 */
export function eigenvalues(matrix: Float64Array, n: number, argument = "matrix"): Spectrum {
  if (!(matrix instanceof Float64Array))
    throw new OdeTypeError(argument, `expected a Float64Array, got ${describeValue(matrix)}`);
  if (matrix.length !== n * n)
    throw new OdeArgumentError(argument, `has ${matrix.length} entries, expected n·n = ${n * n}`);
  for (let i = 0; i < matrix.length; i++)
    if (!Number.isFinite(matrix[i]))
      throw new OdeArgumentError(argument, `entry (${Math.floor(i / n)}, ${i % n}) is not finite (${matrix[i]})`);
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(n, n, Array.from(matrix)));
  const pairs = evd.realEigenvalues.map((re, i) => [re, evd.imaginaryEigenvalues[i]]);
  pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  return { re: pairs.map((p) => p[0]), im: pairs.map((p) => p[1]) };
}
