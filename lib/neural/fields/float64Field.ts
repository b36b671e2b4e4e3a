import type { Field64 } from "../../sensitivity/field64";
import type { VectorField } from "./field";
import type { JacobianInPlace, RhsInPlace } from "../../ode/types";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import { toField64 } from "./toField64";

/**
 * A Field64 as given, or a tfjs field's float64 form with its current weights (toField64: float32
 * values widened to float64, read once, here).
 */
function asField64(field: VectorField | Field64, fn: string): Field64 {
  if (field === null || typeof field !== "object")
    throw new OdeTypeError("field", `${fn} expects a VectorField or a Field64, got ${describeValue(field)}`);
  if ("variables" in field) return toField64(field);
  if (!(field.parameters instanceof Float64Array) || typeof field.forward !== "function")
    throw new OdeTypeError(
      "field",
      `${fn} expects a VectorField or a Field64 { dim, parameters, forward, jacobian }, got ${describeValue(field)}`,
    );
  return field;
}

/**
 * The field in float64 for one state vector, as an in-place right-hand side: a Field64, or a
 * tfjs field (dense-layer or hybrid with float64 known physics: exact float64 loops; others
 * through tfjs). Allocation-free per call, so `solveIVP` can integrate a trained field with any
 * float64 method. `y` and `dydt` must have exactly `field.dim` entries: a Field64 reads a longer
 * buffer as a batch of states, so anything else is an error.
 */
export function float64Rhs(field: VectorField | Field64): RhsInPlace {
  const f64 = asField64(field, "float64Rhs");
  const d = f64.dim;
  return (t, y, dydt) => {
    checkLength("float64Rhs", "y", y, d, "the field's dim", t);
    checkLength("float64Rhs", "dydt", dydt, d, "the field's dim", t);
    f64.forward(t, y, dydt);
  };
}

/**
 * The analytic Jacobian ∂f/∂y of the same float64 field (for Rodas5 / BDF via `jacobian`), for
 * one state: `y` has `field.dim` entries, `jac` dim·dim (row-major).
 */
export function float64Jacobian(field: VectorField | Field64): JacobianInPlace {
  const f64 = asField64(field, "float64Jacobian");
  if (typeof f64.jacobian !== "function")
    throw new OdeTypeError(
      "field",
      `float64Jacobian expects a Field64 with a jacobian method, got ${describeValue(field)}`,
    );
  const d = f64.dim;
  return (t, y, jac) => {
    checkLength("float64Jacobian", "y", y, d, "the field's dim", t);
    checkLength("float64Jacobian", "jac", jac, d * d, "dim·dim, row-major", t);
    f64.jacobian(t, y, jac, null);
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
