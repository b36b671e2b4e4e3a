import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "./field";
import type { MlpOptions } from "./mlpSpec";
import { initialLayers, mlpSpecFromOptions } from "./mlpSpec";
import { activations } from "./activations";

/** The options of mlpField (and of its float64 twin mlp64). */
export type MlpFieldOptions = MlpOptions;

/**
 * A dense-layer field f(t, y) = W_L σ(… σ(W_1 x + b_1) …) + b_L with x = y (or y³), plus t as an
 * extra input when time-dependent, as tfjs variables. Weights from the seed: Glorot uniform, or
 * N(0, initStd²) when initStd is given (torchdiffeq's ode_demo: normal_(std=0.1)); zero biases.
 * `mlp64` with the same options is the same field in float64, without tensors.
 */
export function mlpField(o: MlpFieldOptions): VectorField {
  const spec = mlpSpecFromOptions(o);
  const variables = initialLayers(spec, o.seed, o.initStd).map((values, k) => {
    const l = k >> 1;
    const [fanIn, fanOut] = [spec.sizes[l], spec.sizes[l + 1]];
    const name = `mlp_${k % 2 === 0 ? "w" : "b"}${l}_${o.seed}_${uid()}`;
    return tf.variable(k % 2 === 0 ? tf.tensor2d(values, [fanIn, fanOut]) : tf.tensor1d(values), true, name);
  });
  const sigma = activations[spec.activation].tensor;
  const apply = (t: number, y: tf.Tensor2D, params: tf.Tensor[]): tf.Tensor2D =>
    tf.tidy(() => {
      let x: tf.Tensor2D = spec.inputTransform === "cube" ? (tf.pow(y, 3) as tf.Tensor2D) : y;
      if (spec.timeDependent) x = tf.concat([x, tf.fill([y.shape[0], 1], t)], 1);
      const layers = params.length / 2;
      for (let l = 0; l < layers; l++) {
        const z = tf.add(tf.matMul(x, params[2 * l] as tf.Tensor2D), params[2 * l + 1]) as tf.Tensor2D;
        x = l + 1 < layers ? sigma(z) : z;
      }
      return x;
    });
  const field: VectorField = {
    dim: o.dim,
    variables,
    mlp: spec,
    apply,
    // Through the object, so a wrapped `apply` (instrumentation, hybrid fields) is what runs.
    forward: (t, y) => field.apply(t, y, field.variables),
  };
  return field;
}

let counter = 0;
/** Variable names must be unique in tfjs's registry. */
function uid(): number {
  return ++counter;
}
