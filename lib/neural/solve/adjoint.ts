import type * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../fields/field";
import type { NeuralSolveOptions } from "./odeintOptions";
import { resolveOptions } from "./odeintOptions";
import { gradientSolve } from "./gradientSolve";
import { adjoint } from "../../sensitivity/adjoint";

/**
 * `odeint` with gradients by the continuous adjoint method (Chen et al. 2018, "Neural Ordinary
 * Differential Equations", Algorithm 1; torchdiffeq's `odeint_adjoint`), lib/sensitivity's
 * `adjoint()`: the backward pass integrates a' = −aᵀ∂f/∂z and a_θ' = −aᵀ∂f/∂θ from t_N to t_0,
 * adding ∂L/∂z(t_i) to a at each output time. Any method of the registry, the stiff Rodas5 and
 * BDF included. For explicit methods z is integrated backwards beside a and restarted from the
 * forward value at each output time (Algorithm 1: memory independent of the number of steps);
 * for stiff methods (registry `stiff`), where integrating z backwards blows up, z is read from
 * the forward dense output (Kim et al. 2021, "Stiff neural ordinary differential equations");
 * an explicit method on a stiff field reverses z unstably (as torchdiffeq does) and its gradient
 * is wrong: use Rodas5 or BDF there. Same signature as `odeint`; parameters (or
 * states) the field does not use get zero gradients and `t = [t0]` returns [y0], as in
 * torchdiffeq. `adjointNorm: "seminorm"` leaves a_θ out of the backward error norm (Kidger,
 * Chen & Lyons 2021).
 */
export function odeintAdjoint(
  field: VectorField,
  y0: tf.Tensor2D,
  t: number[],
  options: NeuralSolveOptions = {},
): tf.Tensor3D {
  const o = resolveOptions(field, y0, t, options, false);
  const state = o.checked.info.stiff ? "interpolated" : "reversed";
  return gradientSolve(field, y0, t, o, adjoint({ state, norm: o.adjointNorm }));
}
