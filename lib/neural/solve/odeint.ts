import type * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../fields/field";
import type { NeuralSolveOptions } from "./odeintOptions";
import { resolveOptions } from "./odeintOptions";
import { gradientSolve } from "./gradientSolve";
import { discrete } from "../../sensitivity/discrete";

/**
 * Solves dy/dt = field(t, y) from y(t[0]) = y0 and returns y at every t as [T, batch, dim]
 * (torchdiffeq's `odeint`), on lib/ode's explicit Runge–Kutta steppers ("DOPRI5" default, any
 * explicit method of the registry). Differentiable by exact reverse mode through the accepted
 * steps (lib/sensitivity's `discrete()`: what torchdiffeq's odeint + autograd computes), inside
 * tf.variableGrads / tf.grads / optimizer.minimize. The solve is float64 (a dense-layer or hybrid
 * field in float64 loops, any other field through float32 tfjs evaluations); outputs and
 * gradients are rounded to float32 tensors. `t = [t0]` returns [y0] (as torchdiffeq).
 */
export function odeint(
  field: VectorField,
  y0: tf.Tensor2D,
  t: number[],
  options: NeuralSolveOptions = {},
): tf.Tensor3D {
  const o = resolveOptions(field, y0, t, options, true);
  return gradientSolve(field, y0, t, o, discrete());
}
