import type { Activation } from "./activations";
import { activationNames } from "./activations";
import { mulberry32 } from "../../random/index";
import { glorotUniform, normalArray } from "./initializers";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";

/**
 * A dense-layer network f(t, y) = W_L σ(… σ(W_1 x + b_1) …) + b_L, x = y (or y³) plus t when
 * time-dependent: plain data, shared by the tfjs field (mlpField) and the float64 one (FusedMlp).
 * Its parameters, flat: W0, b0, W1, b1, … with W_l row-major [in, out] (tfjs's x·W layout).
 */
export interface MlpSpec {
  /** Layer widths from input to output (the input includes t when time-dependent). */
  sizes: number[];
  activation: Activation;
  timeDependent: boolean;
  inputTransform: "identity" | "cube";
}

/** What mlpField and mlp64 take: the spec in words, and how to draw the initial weights. */
export interface MlpOptions {
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

/** The options checked (errors name the option and its value) and turned into a spec. */
export function mlpSpecFromOptions(o: MlpOptions): MlpSpec {
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
  return {
    sizes: [o.dim + (o.timeDependent ? 1 : 0), ...o.hidden, o.dim],
    activation: o.activation ?? "tanh",
    timeDependent: o.timeDependent ?? false,
    inputTransform: o.inputTransform ?? "identity",
  };
}

/**
 * The initial parameters, one array per tensor in the flat order (W0, b0, W1, …), drawn in float32
 * from mulberry32(seed): Glorot uniform, or N(0, initStd²) when initStd is given (torchdiffeq's
 * ode_demo: normal_(std=0.1)); zero biases. mlpField and mlp64 both draw here, so one seed gives
 * one set of weights whichever form the field takes.
 */
export function initialLayers(spec: MlpSpec, seed: number, initStd?: number): Float32Array[] {
  const rand = mulberry32(seed);
  const out: Float32Array[] = [];
  for (let l = 0; l + 1 < spec.sizes.length; l++) {
    const [fanIn, fanOut] = [spec.sizes[l], spec.sizes[l + 1]];
    out.push(initStd === undefined ? glorotUniform(fanIn, fanOut, rand) : normalArray(fanIn * fanOut, initStd, rand));
    out.push(new Float32Array(fanOut));
  }
  return out;
}

/** Where each weight and bias starts in the flat parameters, and how many there are. */
export function parameterLayout(sizes: readonly number[]): { offsets: number[]; count: number } {
  const offsets: number[] = [];
  let off = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    offsets.push(off);
    off += sizes[l] * sizes[l + 1];
    offsets.push(off);
    off += sizes[l + 1];
  }
  return { offsets, count: off };
}

/** Flat parameters for layer sizes `sizes`: a Float64Array of exactly the layout's count (returned). */
export function checkParameters(parameters: unknown, sizes: readonly number[]): number {
  const { count } = parameterLayout(sizes);
  if (!(parameters instanceof Float64Array))
    throw new OdeTypeError(
      "parameters",
      `expected a Float64Array of length ${count}, got ${describeValue(parameters)}`,
    );
  if (parameters.length !== count)
    throw new OdeArgumentError(
      "parameters",
      `has length ${parameters.length}; layer sizes ${sizes.join("→")} need ${count}`,
    );
  return count;
}

/** A spec given directly (not built from options): every field present and consistent. */
export function checkMlpSpec(spec: MlpSpec, name: string): void {
  if (spec === null || typeof spec !== "object")
    throw new OdeTypeError(
      name,
      `expected { sizes, activation, timeDependent, inputTransform }, got ${describeValue(spec)}`,
    );
  const { sizes } = spec;
  if (!Array.isArray(sizes) || sizes.length < 2)
    throw new OdeArgumentError(
      `${name}.sizes`,
      `must list at least the input and output widths, got ${describeValue(sizes)}`,
    );
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s <= 0)
      throw new OdeArgumentError(`${name}.sizes`, `entry ${i} is ${s}; widths must be positive integers`);
  });
  if (typeof spec.timeDependent !== "boolean")
    throw new OdeTypeError(`${name}.timeDependent`, `expected a boolean, got ${describeValue(spec.timeDependent)}`);
  const dim = sizes[sizes.length - 1];
  if (sizes[0] !== dim + (spec.timeDependent ? 1 : 0))
    throw new OdeArgumentError(
      `${name}.sizes`,
      `input width ${sizes[0]} must be the output width ${dim}${spec.timeDependent ? " + 1 (t)" : ""}`,
    );
  if (!activationNames.includes(spec.activation))
    throw new OdeArgumentError(
      name,
      `has activation "${String(spec.activation)}"; the fused path knows ${activationNames.join(", ")}`,
    );
  if (spec.inputTransform !== "identity" && spec.inputTransform !== "cube")
    throw new OdeArgumentError(
      `${name}.inputTransform`,
      `unknown value "${String(spec.inputTransform)}"; expected "identity" or "cube"`,
    );
}
