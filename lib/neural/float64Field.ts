import type { VectorField } from "./field";
import type { JacobianInPlace, RhsInPlace } from "../ode/types";
import { createFusedField } from "./fusedField";

/**
 * The same field evaluated in float64 for one state vector (a dense-layer field, or a hybrid
 * with float64 known physics), with the current weights read out of tfjs (float32 values
 * widened to float64). In place and allocation-free per call, so `solveIVP` can integrate a
 * trained field with any float64 method.
 */
export function float64Rhs(field: VectorField): RhsInPlace {
  const fused = createFusedField(field);
  return (t, y, dydt) => fused.forward(t, y, dydt);
}

/** The analytic Jacobian ∂f/∂y of the same float64 field (for Rodas5 / BDF via `jacobian`). */
export function float64Jacobian(field: VectorField): JacobianInPlace {
  const fused = createFusedField(field);
  return (t, y, jac) => fused.jacobian(t, y, jac, null);
}
