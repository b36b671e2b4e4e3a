import { Matrix, SingularValueDecomposition } from "ml-matrix";
import type { JacobianInPlace, OdeOptions, RhsInPlace } from "../ode/types";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { solveIVP } from "../ode/solveIVP";
import { checkDimension, checkFunction, checkPositive, checkState } from "./checks";

export interface FtleResult {
  /** Largest finite-time Lyapunov exponent (1/T) ln σ_max(Φ(T)). */
  exponent: number;
  /** All (1/T) ln σ_i, descending. */
  exponents: number[];
  /** Singular values σ_i of Φ(T), descending. */
  singularValues: number[];
  /** The flow-map Jacobian Φ(T) = ∂y(T)/∂y(0), row-major n×n. */
  flowMap: Float64Array;
  /** y(T). */
  y: Float64Array;
  /** Right-hand-side evaluations of the augmented n + n² solve. */
  nfev: number;
}

/** The variational solve did not succeed; names the solver's status and message. */
export class FlowMapSolveError extends Error {
  readonly status: string;
  constructor(status: string, message: string) {
    super(`finiteTimeLyapunov: the variational solve ended with status ${status}: ${message}`);
    this.name = "FlowMapSolveError";
    this.status = status;
  }
}

/**
 * Finite-time Lyapunov exponents over [t0, t0 + T] (Haller, Physica D 149 (2001) 248; Shadden et al.,
 * Physica D 212 (2005) 271): λ_i = (1/T) ln σ_i(Φ(T)), Φ the flow-map Jacobian from the variational
 * equation Φ' = J(t, y) Φ, Φ(t0) = I, solved with y by solveIVP on [y, Φ] (n + n² components,
 * Φ row-major) with the caller's solver options. Singular values by ml-matrix's SVD.
 */
export function finiteTimeLyapunov(
  rhs: RhsInPlace,
  jacobian: JacobianInPlace,
  y0: ArrayLike<number>,
  T: number,
  solver: Omit<OdeOptions, "jacobian" | "tEval" | "events"> = {},
  t0 = 0,
): FtleResult {
  checkFunction("rhs", rhs);
  checkFunction("jacobian", jacobian);
  if (y0 === null || typeof y0 !== "object" || typeof y0.length !== "number")
    throw new OdeTypeError("y0", `expected an array of numbers, got ${describeValue(y0)}`);
  const n = y0.length;
  checkDimension(n);
  checkState("y0", y0, n);
  checkPositive("T", T);
  if (typeof t0 !== "number" || !Number.isFinite(t0))
    throw new OdeArgumentError("t0", `must be a finite number, got ${describeValue(t0)}`);
  if (solver === null || typeof solver !== "object")
    throw new OdeTypeError("solver", `expected solver options, got ${describeValue(solver)}`);

  const J = new Float64Array(n * n);
  const y = new Float64Array(n);
  const dy = new Float64Array(n);
  // The field and its Jacobian see exactly n entries (copies), never the augmented state.
  const augmented = (t: number, z: Float64Array, dz: Float64Array): void => {
    for (let i = 0; i < n; i++) y[i] = z[i];
    rhs(t, y, dy);
    jacobian(t, y, J);
    for (let i = 0; i < n; i++) dz[i] = dy[i];
    for (let i = 0; i < n; i++)
      for (let c = 0; c < n; c++) {
        let acc = 0;
        for (let l = 0; l < n; l++) acc += J[i * n + l] * z[n + l * n + c];
        dz[n + i * n + c] = acc;
      }
  };
  const z0 = new Float64Array(n + n * n);
  for (let i = 0; i < n; i++) {
    z0[i] = y0[i];
    z0[n + i * n + i] = 1;
  }
  const r = solveIVP(augmented, [t0, t0 + T], z0, { ...solver, tEval: [t0 + T] });
  if (r.status !== "success") throw new FlowMapSolveError(r.status, r.message);
  const zT = r.y[r.y.length - 1];
  const flowMap = zT.slice(n);
  const svd = new SingularValueDecomposition(Matrix.from1DArray(n, n, Array.from(flowMap)), { autoTranspose: true });
  const singularValues = [...svd.diagonal].sort((a, b) => b - a);
  const exponents = singularValues.map((s) => Math.log(s) / T);
  return { exponent: exponents[0], exponents, singularValues, flowMap, y: zT.slice(0, n), nfev: r.stats.nfev };
}
