import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "./field";
import { OdeArgumentError } from "../ode/errors";

/**
 * The residual network that is explicit Euler of `field` on [0, tFinal] with `depth` layers:
 * h_{l+1} = h_l + Δ f(t_l, h_l), Δ = tFinal/depth (the ResNet ↔ ODE link of Haber & Ruthotto
 * 2017 and Chen et al. 2018). Returns the last hidden state; as depth grows it converges to the
 * ODE solution at first order.
 */
export function resnetFromField(field: VectorField, depth: number, tFinal: number): (h0: tf.Tensor2D) => tf.Tensor2D {
  if (!Number.isInteger(depth) || depth < 1)
    throw new OdeArgumentError("depth", `must be a positive integer, got ${depth}`);
  if (!Number.isFinite(tFinal) || tFinal === 0)
    throw new OdeArgumentError("tFinal", `must be finite and non-zero, got ${tFinal}`);
  const delta = tFinal / depth;
  return (h0) =>
    tf.tidy(() => {
      let h = h0;
      for (let l = 0; l < depth; l++) h = tf.add(h, tf.mul(field.forward(l * delta, h), delta));
      return h;
    });
}
