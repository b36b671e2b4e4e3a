import type * as tf from "@tensorflow/tfjs";
import type { KnownPhysics64 } from "./knownPhysics";
import type { MlpSpec } from "./mlpSpec";
import { OdeTypeError } from "../../ode/errors";

/**
 * A neural vector field dh/dt = f_θ(t, h) on batches, as tfjs tensors: `apply(t, y, params)` maps
 * y [batch, dim] to dy/dt [batch, dim] with the parameters passed explicitly (so gradients with
 * respect to them can be taken functionally, as the adjoint needs); `variables` are the trainable
 * tf.Variables in the same order, and `forward(t, y)` applies the field with them. tfjs computes
 * in float32; `toField64` turns a VectorField into the float64 Field64 the gradient methods use.
 */
export interface VectorField {
  readonly dim: number;
  readonly variables: tf.Variable[];
  apply(t: number, y: tf.Tensor2D, params: tf.Tensor[]): tf.Tensor2D;
  forward(t: number, y: tf.Tensor2D): tf.Tensor2D;
  /** Set for dense-layer fields: enough to evaluate the same field in float64 outside tfjs. */
  readonly mlp?: MlpSpec;
  /** Set by hybridField when the known part is also given in float64: `toField64` uses it. */
  readonly hybrid?: { nn: VectorField; known64: KnownPhysics64 };
}

/** A VectorField (dim, variables, apply), or an OdeTypeError naming `field`. */
export function checkVectorField(field: VectorField): void {
  if (
    field === null ||
    typeof field !== "object" ||
    typeof field.apply !== "function" ||
    !Array.isArray(field.variables)
  )
    throw new OdeTypeError("field", `expected a VectorField (mlpField, hybridField, …), got ${String(field)}`);
}
