import type { VectorField } from "./field";
import type { JacobianInPlace, RhsInPlace } from "../ode/types";
import { OdeArgumentError } from "../ode/errors";
import { createFusedField } from "./fusedField";

/**
 * The same field evaluated in float64 for one state vector (a dense-layer field, or a hybrid
 * with float64 known physics), with the current weights read out of tfjs (float32 values
 * widened to float64). In place and allocation-free per call, so `solveIVP` can integrate a
 * trained field with any float64 method. `y` and `dydt` must have exactly `field.dim` entries:
 * the fused kernel reads a longer buffer as a batch of states, so anything else is an error.
 */
export function float64Rhs(field: VectorField): RhsInPlace {
  const fused = createFusedField(field);
  const d = fused.dim;
  return (t, y, dydt) => {
    checkLength("float64Rhs", "y", y, d, "the field's dim", t);
    checkLength("float64Rhs", "dydt", dydt, d, "the field's dim", t);
    fused.forward(t, y, dydt);
  };
}

/**
 * The analytic Jacobian ∂f/∂y of the same float64 field (for Rodas5 / BDF via `jacobian`), for
 * one state: `y` has `field.dim` entries, `jac` dim·dim (row-major).
 */
export function float64Jacobian(field: VectorField): JacobianInPlace {
  const fused = createFusedField(field);
  const d = fused.dim;
  return (t, y, jac) => {
    checkLength("float64Jacobian", "y", y, d, "the field's dim", t);
    checkLength("float64Jacobian", "jac", jac, d * d, "dim·dim, row-major", t);
    fused.jacobian(t, y, jac, null);
  };
}

/** A wrong type is a TypeError, a wrong length an OdeArgumentError (a RangeError); both name the argument. */
function checkLength(fn: string, name: string, buffer: Float64Array, expected: number, what: string, t: number): void {
  if (buffer === null || typeof buffer !== "object" || typeof buffer.length !== "number")
    throw new TypeError(`invalid argument ${name}: ${fn} expects a Float64Array, got ${String(buffer)} (at t = ${t})`);
  if (buffer.length !== expected)
    throw new OdeArgumentError(
      name,
      `${fn} expects length ${expected} (${what}), got length ${buffer.length} (at t = ${t})`,
    );
}
