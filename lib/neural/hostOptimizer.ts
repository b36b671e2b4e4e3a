import type * as tf from "@tensorflow/tfjs";
import { OdeArgumentError } from "../ode/errors";

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
  if (name === "Adam")
    return adam(nParams, { learningRate: lr, beta1: o.beta1!, beta2: o.beta2!, epsilon: o.epsilon! });
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

export interface AdamOptions {
  learningRate: number;
  /** Decay of the first-moment average (default 0.9). */
  beta1?: number;
  /** Decay of the second-moment average (default 0.999). */
  beta2?: number;
  /** Added to √v̂ in the denominator (default 1e-8). */
  epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015, Algorithm 1) over a flat float64 parameter vector of length nParams,
 * the one Adam of the library (tf.train.adam's float64 twin and the HamiltonianNetwork's
 * optimizer). As tfjs-core's adam_optimizer, the bias corrections 1 − βᵗ use running products
 * βᵗ = β·βᵗ⁻¹ rather than powers (the two differ in the last bits). Defaults are the paper's.
 */
export function adam(nParams: number, o: AdamOptions): HostOptimizer {
  if (!Number.isInteger(nParams) || nParams < 0)
    throw new OdeArgumentError("nParams", `must be a non-negative integer, got ${nParams}`);
  const lr = o.learningRate;
  const b1 = o.beta1 ?? 0.9;
  const b2 = o.beta2 ?? 0.999;
  const eps = o.epsilon ?? 1e-8;
  if (!(Number.isFinite(lr) && lr > 0))
    throw new OdeArgumentError("learningRate", `must be a finite number > 0, got ${lr}`);
  for (const [k, b] of [
    ["beta1", b1],
    ["beta2", b2],
  ] as const)
    if (!(b >= 0 && b < 1)) throw new OdeArgumentError(k, `must be in [0, 1), got ${b}`);
  if (!(Number.isFinite(eps) && eps >= 0))
    throw new OdeArgumentError("epsilon", `must be a finite number ≥ 0, got ${eps}`);
  const m = new Float64Array(nParams);
  const v = new Float64Array(nParams);
  let accB1 = b1;
  let accB2 = b2;
  return {
    name: "Adam",
    step: (theta, g) => {
      if (theta.length !== nParams || g.length !== nParams)
        throw new OdeArgumentError(
          "theta",
          `Adam.step needs theta and grad of length ${nParams}, got ${theta.length} and ${g.length}`,
        );
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
