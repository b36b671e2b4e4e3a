import * as tf from "@tensorflow/tfjs";

/**
 * Vector–Jacobian products of a scalar function with respect to each of `xs`, with zeros for
 * inputs it does not depend on (torchdiffeq's `allow_unused=True` followed by zeros): tf.grads
 * throws "Cannot compute gradient" instead. Safe to call inside a custom gradient: tfjs's
 * `gradients`, finishing at gradient depth 0, sets the engine's active tape to null, which would
 * break the outer backward pass's clean-up (tfjs-core engine.ts `gradients`); the outer tape is
 * put back.
 */
export function vjpAllowUnused(f: (...xs: tf.Tensor[]) => tf.Scalar, xs: tf.Tensor[]): tf.Tensor[] {
  const engineState = (tf.engine() as unknown as { state: { activeTape: unknown } }).state;
  const outerTape = engineState.activeTape;
  try {
    const { value, grads } = tf.engine().gradients(() => f(...xs), xs, undefined, true);
    value.dispose();
    return xs.map((x, i) => grads[i] ?? tf.zerosLike(x));
  } finally {
    engineState.activeTape = outerTape;
  }
}
