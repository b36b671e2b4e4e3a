import type { JacobianInPlace, RhsInPlace } from "../../ode/types";

/**
 * The float64 form of a universal differential equation's known part (Rackauckas et al. 2020,
 * arXiv:2001.04385), for one state vector of `dim` entries: what a hybrid Field64 adds to its
 * network, with the analytic Jacobian the stiff solvers and the gradient methods need.
 */
export interface KnownPhysics64 {
  rhs: RhsInPlace;
  /** Analytic ∂known/∂y, row-major dim·dim. */
  jacobian: JacobianInPlace;
}
