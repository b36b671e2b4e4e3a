import type { JacobianInPlace } from "../ode/types";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { eigenvalues } from "./eigenvalues";
import { checkDimension, checkFunction, checkState } from "./checks";

export interface SpectrumAlongTrajectory {
  t: number[];
  /** Eigenvalues at each time, sorted by real part descending. */
  re: number[][];
  im: number[][];
  /**
   * Stiffness ratio max|Re λ| / min|Re λ| over the eigenvalues with Re λ < −zeroTol·max(1, max|λ|);
   * null where fewer than one eigenvalue is negative in that sense.
   */
  stiffnessRatio: (number | null)[];
}

/**
 * Eigenvalues of the Jacobian J(t_k, y_k) at each point of a trajectory, and the stiffness ratio
 * of Lambert (Numerical Methods for Ordinary Differential Systems, Wiley 1991, §6.2):
 * S = max |Re λ| / min |Re λ| over the eigenvalues with Re λ < 0. Eigenvalues whose real part is
 * zero up to rounding (|Re λ| ≤ zeroTol·max(1, max|λ|), e.g. a conservation law's zero eigenvalue)
 * are left out, as Lambert's definition assumes Re λ < 0 for all of them.
 */
export function jacobianSpectrum(
  jacobian: JacobianInPlace,
  n: number,
  t: ArrayLike<number>,
  y: ArrayLike<ArrayLike<number>>,
  zeroTol = 1e-12,
): SpectrumAlongTrajectory {
  checkFunction("jacobian", jacobian);
  checkDimension(n);
  if (t === null || typeof t !== "object" || typeof t.length !== "number")
    throw new OdeTypeError("t", `expected an array of times, got ${describeValue(t)}`);
  if (y === null || typeof y !== "object" || typeof y.length !== "number")
    throw new OdeTypeError("y", `expected an array of states, got ${describeValue(y)}`);
  if (y.length !== t.length) throw new OdeArgumentError("y", `has ${y.length} states, t has ${t.length} times`);
  if (!(zeroTol >= 0 && zeroTol < 1)) throw new OdeArgumentError("zeroTol", `must be in [0, 1), got ${zeroTol}`);
  const J = new Float64Array(n * n);
  const state = new Float64Array(n);
  const out: SpectrumAlongTrajectory = { t: [], re: [], im: [], stiffnessRatio: [] };
  for (let k = 0; k < t.length; k++) {
    if (typeof t[k] !== "number" || !Number.isFinite(t[k]))
      throw new OdeArgumentError("t", `entry ${k} is not a finite number (${describeValue(t[k])})`);
    checkState(`y[${k}]`, y[k], n);
    state.set(y[k]);
    J.fill(0);
    jacobian(t[k], state, J);
    const s = eigenvalues(J, n, `jacobian at t = ${t[k]}`);
    let scale = 1;
    for (let i = 0; i < n; i++) scale = Math.max(scale, Math.hypot(s.re[i], s.im[i]));
    let lo = Infinity;
    let hi = 0;
    for (const re of s.re)
      if (re < -zeroTol * scale) {
        lo = Math.min(lo, -re);
        hi = Math.max(hi, -re);
      }
    out.t.push(t[k]);
    out.re.push(s.re);
    out.im.push(s.im);
    out.stiffnessRatio.push(hi > 0 ? hi / lo : null);
  }
  return out;
}
