import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../fields/field";
import { odeint } from "./odeint";
import { OdeArgumentError } from "../../ode/errors";

/**
 * The residual network that is explicit Euler of `field` on [0, tFinal] with `depth` layers:
 * h_{l+1} = h_l + Δ f(t_l, h_l), Δ = tFinal/depth (the ResNet ↔ ODE link of Haber & Ruthotto
 * 2017 and Chen et al. 2018). Returns the last hidden state; as depth grows it converges to the
 * ODE solution at first order. The layers are lib/ode's Euler steps, one per output time
 * t_l = lΔ (odeint with method "Euler", a step budget of exactly `depth`): float64 inside, the
 * result a float32 tensor, differentiable like odeint.
 */
export function resnetFromField(field: VectorField, depth: number, tFinal: number): (h0: tf.Tensor2D) => tf.Tensor2D {
  if (!Number.isInteger(depth) || depth < 1)
    throw new OdeArgumentError("depth", `must be a positive integer, got ${depth}`);
  if (!Number.isFinite(tFinal) || tFinal === 0)
    throw new OdeArgumentError("tFinal", `must be finite and non-zero, got ${tFinal}`);
  const delta = tFinal / depth;
  const layers = Array.from({ length: depth + 1 }, (_, l) => l * delta);
  return (h0) =>
    tf.tidy(() => {
      const hs = odeint(field, h0, layers, { method: "Euler", maxSteps: depth });
      return hs.slice([depth, 0, 0], [1, -1, -1]).reshape(h0.shape) as tf.Tensor2D;
    });
}
