import * as tf from "@tensorflow/tfjs";
import type { Field64 } from "../../sensitivity/field64";
import type { VectorField } from "./field";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";

/**
 * The float32 ↔ float64 hand-over between a tfjs field's variables and a Field64's flat θ, which
 * holds the variables in order, each flattened row-major (the layout of toField64's fields).
 * tfjs has no float64, so every crossing is explicit: `syncParameters` widens (exact), and
 * `storeParameters` / `splitGradient` round to float32.
 */

/** Total size of the variables, checked against θ's length (a mismatch is an error, not a partial copy). */
function checkPair(field64: Field64, field: VectorField, fn: string): void {
  if (field64 === null || typeof field64 !== "object" || !(field64.parameters instanceof Float64Array))
    throw new OdeTypeError(
      "field64",
      `${fn} expects a Field64 (parameters: Float64Array), got ${describeValue(field64)}`,
    );
  checkVariables(field, field64.parameters.length, "parameters", fn);
}

function checkVariables(field: VectorField, length: number, what: string, fn: string): void {
  if (field === null || typeof field !== "object" || !Array.isArray(field.variables))
    throw new OdeTypeError(
      "field",
      `${fn} expects a VectorField (variables: tf.Variable[]), got ${describeValue(field)}`,
    );
  let size = 0;
  for (const v of field.variables) size += v.size;
  if (size !== length)
    throw new OdeArgumentError(
      what,
      `${fn}: has length ${length}, the field's ${field.variables.length} variables hold ${size} values`,
    );
}

/** θ ← the variables' current values (float32 widened to float64). Returns θ. */
export function syncParameters(field64: Field64, field: VectorField): Float64Array {
  checkPair(field64, field, "syncParameters");
  let off = 0;
  for (const v of field.variables) {
    field64.parameters.set(v.dataSync(), off);
    off += v.size;
  }
  return field64.parameters;
}

/** The variables ← θ, rounded to float32 (what training does before the user sees the tfjs field). */
export function storeParameters(field64: Field64, field: VectorField): void {
  checkPair(field64, field, "storeParameters");
  const parts = splitGradient(field, field64.parameters);
  field.variables.forEach((v, k) => tf.tidy(() => v.assign(tf.tensor(parts[k], v.shape))));
}

/**
 * A flat float64 vector in θ's layout (a gradient) split into one float32 array per variable, in
 * variable order: what a tfjs optimizer's applyGradients takes.
 */
export function splitGradient(field: VectorField, flat: Float64Array): Float32Array[] {
  if (!(flat instanceof Float64Array))
    throw new OdeTypeError("flat", `splitGradient expects a Float64Array, got ${describeValue(flat)}`);
  checkVariables(field, flat.length, "flat", "splitGradient");
  let off = 0;
  return field.variables.map((v) => {
    const part = Float32Array.from(flat.subarray(off, off + v.size));
    off += v.size;
    return part;
  });
}
