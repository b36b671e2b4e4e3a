import type * as tf from "@tensorflow/tfjs";

/**
 * A float64 copy of a tf.train optimizer's update rule, applied to the fused engine's flat
 * parameter vector on the host. The fused engine computes gradients in float64; handing them
 * to tfjs would round parameters to float32 every iteration and cost a few tfjs ops per
 * variable (≈ 0.3 ms per iteration for a 2-50-2 MLP, measured). The rules follow tfjs-core's
 * sgd_optimizer / adam_optimizer / rmsprop_optimizer line by line (hyper-parameters are read
 * from the given optimizer; its own accumulators are not used or advanced).
 */
export interface HostOptimizer {
  readonly name: string;
  /** θ ← θ − update(g), in place. */
  step(theta: Float64Array, grad: Float64Array): void;
}

interface OptimizerFields {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  decay?: number;
  momentum?: number;
  centered?: boolean;
}

/** The float64 twin of `optimizer`, or null for optimizer types without one (tfjs is used then). */
export function hostOptimizerFor(optimizer: tf.Optimizer, nParams: number): HostOptimizer | null {
  const name = optimizer.getClassName();
  const o = optimizer as unknown as OptimizerFields;
  const lr = o.learningRate;
  if (name === "SGD") {
    return {
      name,
      step: (theta, g) => {
        for (let p = 0; p < nParams; p++) theta[p] -= lr * g[p];
      },
    };
  }
  if (name === "Adam") {
    const b1 = o.beta1!;
    const b2 = o.beta2!;
    const eps = o.epsilon!;
    const m = new Float64Array(nParams);
    const v = new Float64Array(nParams);
    let accB1 = b1;
    let accB2 = b2;
    return {
      name,
      step: (theta, g) => {
        for (let p = 0; p < nParams; p++) {
          m[p] = b1 * m[p] + (1 - b1) * g[p];
          v[p] = b2 * v[p] + (1 - b2) * g[p] * g[p];
          const mHat = m[p] / (1 - accB1);
          const vHat = v[p] / (1 - accB2);
          theta[p] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
        }
        accB1 *= b1;
        accB2 *= b2;
      },
    };
  }
  if (name === "RMSProp") {
    const decay = o.decay!;
    const momentum = o.momentum ?? 0;
    const eps = o.epsilon!;
    const centered = o.centered === true;
    const ms = new Float64Array(nParams);
    const mom = new Float64Array(nParams);
    const mg = new Float64Array(nParams);
    return {
      name,
      step: (theta, g) => {
        for (let p = 0; p < nParams; p++) {
          ms[p] = decay * ms[p] + (1 - decay) * g[p] * g[p];
          let denom: number;
          if (centered) {
            mg[p] = decay * mg[p] + (1 - decay) * g[p];
            denom = Math.sqrt(ms[p] - (mg[p] * mg[p] + eps)); // as tfjs-core writes it
          } else denom = Math.sqrt(ms[p] + eps);
          mom[p] = momentum * mom[p] + (lr * g[p]) / denom;
          theta[p] -= mom[p];
        }
      },
    };
  }
  return null;
}
