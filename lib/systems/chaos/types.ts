import { OdeArgumentError } from "../../ode/errors";
import type { JacobianInPlace, RhsInPlace } from "../../ode/types";

/** What the variational equations need: f and its Jacobian, row-major (jac[i*n + j] = ∂f_i/∂y_j). */
export interface VariationalSystem {
  n: number;
  rhs: RhsInPlace;
  jacobian: JacobianInPlace;
}

/** An autonomous system with an analytic Jacobian. */
export interface DynamicalSystem extends VariationalSystem {
  name: string;
  /** A standard initial state. */
  y0: number[];
}

/** Throws an OdeArgumentError naming `name` unless `value` is a finite number (and > 0 when `positive`). */
export function checkParam(name: string, value: number, positive = false): void {
  if (typeof value !== "number" || !Number.isFinite(value) || (positive && !(value > 0)))
    throw new OdeArgumentError(name, `must be a finite${positive ? " positive" : ""} number, got ${value}`);
}
