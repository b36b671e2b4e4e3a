import * as tf from "@tensorflow/tfjs";
import type { Activation, MlpSpec, VectorField } from "./field";
import { glorotUniform, mulberry32, normalArray } from "./random";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";
import { activationNames, activations } from "./activations";

export interface MlpFieldOptions {
  dim: number;
  hidden: number[];
  activation?: Activation;
  /** Feed t as an extra input. */
  timeDependent?: boolean;
  /** "cube" feeds y³ (the spiral demo of Chen et al. 2018 / torchdiffeq's ode_demo). */
  inputTransform?: "identity" | "cube";
  seed: number;
  /** Weight initialisation: Glorot uniform (default) or N(0, std²) weights, e.g. 0.1 as torchdiffeq's ode_demo. */
  initStd?: number;
}

/**
 * A dense-layer field f(t, y) = W_L σ(… σ(W_1 x + b_1) …) + b_L with x = y (or y³), plus t as an
 * extra input when time-dependent. Weights from the seed: Glorot uniform, or N(0, initStd²) when
 * initStd is given (torchdiffeq's ode_demo: normal_(std=0.1)); zero biases.
 */
export function mlpField(o: MlpFieldOptions): VectorField {
  if (o === null || typeof o !== "object")
    throw new OdeTypeError("options", `expected { dim, hidden, seed, … }, got ${String(o)}`);
  if (typeof o.dim !== "number") throw new OdeTypeError("dim", `expected a number, got ${String(o.dim)}`);
  if (!Number.isInteger(o.dim) || o.dim <= 0)
    throw new OdeArgumentError("dim", `must be a positive integer, got ${o.dim}`);
  if (typeof o.seed !== "number")
    throw new OdeTypeError("seed", `is required (every random draw takes a seed), got ${String(o.seed)}`);
  if (!Number.isInteger(o.seed) || o.seed < 0)
    throw new OdeArgumentError("seed", `must be a non-negative integer, got ${o.seed}`);
  if (!Array.isArray(o.hidden))
    throw new OdeTypeError("hidden", `expected an array of layer widths, got ${String(o.hidden)}`);
  if (o.activation !== undefined && !activationNames.includes(o.activation))
    throw new OdeArgumentError(
      "activation",
      `unknown value "${String(o.activation)}"; expected one of ${activationNames.join(", ")}`,
    );
  if (o.inputTransform !== undefined && o.inputTransform !== "identity" && o.inputTransform !== "cube")
    throw new OdeArgumentError(
      "inputTransform",
      `unknown value "${String(o.inputTransform)}"; expected "identity" or "cube"`,
    );
  if (o.timeDependent !== undefined && typeof o.timeDependent !== "boolean")
    throw new OdeTypeError("timeDependent", `expected a boolean, got ${String(o.timeDependent)}`);
  if (o.initStd !== undefined && !(typeof o.initStd === "number" && Number.isFinite(o.initStd) && o.initStd > 0))
    throw new OdeArgumentError("initStd", `must be a finite number > 0, got ${String(o.initStd)}`);
  o.hidden.forEach((h, i) => {
    if (!Number.isInteger(h) || h <= 0)
      throw new OdeArgumentError("hidden", `entry ${i} is ${h}; widths must be positive integers`);
  });
  const spec: MlpSpec = {
    sizes: [o.dim + (o.timeDependent ? 1 : 0), ...o.hidden, o.dim],
    activation: o.activation ?? "tanh",
    timeDependent: o.timeDependent ?? false,
    inputTransform: o.inputTransform ?? "identity",
  };
  const rand = mulberry32(o.seed);
  const variables: tf.Variable[] = [];
  for (let l = 0; l + 1 < spec.sizes.length; l++) {
    const [fanIn, fanOut] = [spec.sizes[l], spec.sizes[l + 1]];
    variables.push(
      tf.variable(
        tf.tensor2d(
          o.initStd === undefined ? glorotUniform(fanIn, fanOut, rand) : normalArray(fanIn * fanOut, o.initStd, rand),
          [fanIn, fanOut],
        ),
        true,
        `mlp_w${l}_${o.seed}_${uid()}`,
      ),
    );
    variables.push(tf.variable(tf.zeros([fanOut]), true, `mlp_b${l}_${o.seed}_${uid()}`));
  }
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
