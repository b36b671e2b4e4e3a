import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "./field";
import type { NeuralSolveOptions } from "./integrate";
import { resolveOptions, solveThroughOutputs } from "./integrate";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";

/** The field is a VectorField and y0 a [batch, dim] tensor. */
export function checkY0(field: VectorField, y0: tf.Tensor2D): void {
  if (
    field === null ||
    typeof field !== "object" ||
    typeof field.apply !== "function" ||
    !Array.isArray(field.variables)
  )
    throw new OdeTypeError("field", `expected a VectorField (mlpField, hybridField, …), got ${String(field)}`);
  if (!(y0 instanceof tf.Tensor))
    throw new OdeTypeError("y0", `expected a tf.Tensor2D [batch, ${field.dim}], got ${String(y0)}`);
  if (y0.rank !== 2 || y0.shape[1] !== field.dim) {
    throw new OdeArgumentError("y0", `must be [batch, ${field.dim}], got [${y0.shape.join(", ")}]`);
  }
}

/**
 * Solves dy/dt = field(t, y) from y(t[0]) = y0 and returns y at every t as [T, batch, dim]
 * (torchdiffeq's `odeint`). Differentiable by backpropagation through the solver steps: use it
 * inside tf.variableGrads / tf.grads / optimizer.minimize. Outputs are hit exactly (the step is
 * clipped at each t). float32 in tfjs; step control in float64. `t = [t0]` returns [y0] (as torchdiffeq).
 */
export function odeint(
  field: VectorField,
  y0: tf.Tensor2D,
  t: number[],
  options: NeuralSolveOptions = {},
): tf.Tensor3D {
  checkY0(field, y0);
  const o = resolveOptions(options, t);
  if (options.adjointNorm !== undefined)
    throw new OdeArgumentError(
      "adjointNorm",
      `"${options.adjointNorm}" sets the norm of odeintAdjoint's backward solve; odeint differentiates by backprop`,
    );
  const counters = { nfe: 0, stats: options.stats ?? null };
  const rhs = (s: number, state: tf.Tensor[]) => [field.forward(s, state[0] as tf.Tensor2D)];
  try {
    return solveThroughOutputs(rhs, y0, t, o, counters);
  } finally {
    if (options.stats) options.stats.nfeForward += counters.nfe;
  }
}
