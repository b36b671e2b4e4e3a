import type { Activation } from "../../neural/fields/activations";
import type { MlpSpec } from "../../neural/fields/mlpSpec";
import { activationNames, activations } from "../../neural/fields/activations";
import { checkParameters, parameterLayout } from "../../neural/fields/mlpSpec";
import { FusedMlp } from "../../neural/fields/fusedMlp";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";

/**
 * The activations LRP passes relevance through unchanged (zennit's `Pass` rule for activations):
 * elementwise, monotone, σ(0) = 0 and sign σ(z) = sign z, so a neuron's relevance R_j lands on a
 * pre-activation z_j of the same sign as the activation it was computed from. Sigmoid and softplus
 * are refused: σ(0) ≠ 0 is a hidden offset (a bias the layer above sees through every neuron) whose
 * relevance the pass rule would hand to the inputs without accounting for it.
 */
export const lrpActivations: readonly Activation[] = ["identity", "relu", "tanh", "elu"];

/**
 * A dense network as LRP reads it, plain data: x_{l+1} = σ(x_l W_l + b_l) (no σ after the last
 * layer), x_0 = y (or y³ with the "cube" transform) followed by t when time-dependent. The
 * parameters are flat W0, b0, W1, b1, … with W_l row-major [in, out], FusedMlp's layout.
 */
export interface LrpNetwork {
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly timeDependent: boolean;
  readonly inputTransform: "identity" | "cube";
  readonly parameters: Float64Array;
  /** Where W_l and b_l start in `parameters`: offsets[2l], offsets[2l + 1]. */
  readonly offsets: readonly number[];
}

/** An MlpSpec, without its field constraint (input width = output width, + t). */
export interface LrpNetworkSpec {
  readonly sizes: readonly number[];
  readonly activation: Activation;
  /** Default false: the last input is t when true. */
  readonly timeDependent?: boolean;
  /** Default "identity". */
  readonly inputTransform?: MlpSpec["inputTransform"];
}

/**
 * A network from its spec and parameters (kept, not copied). Unlike a field's spec, the input and
 * output widths may differ (a classifier, zennit's test MLPs). Errors name the argument.
 */
export function lrpNetwork(spec: LrpNetworkSpec, parameters: Float64Array): LrpNetwork {
  if (spec === null || typeof spec !== "object")
    throw new OdeTypeError("spec", `expected { sizes, activation, … }, got ${describeValue(spec)}`);
  const { sizes } = spec;
  if (!Array.isArray(sizes) || sizes.length < 2)
    throw new OdeArgumentError(
      "spec.sizes",
      `must list at least the input and output widths, got ${describeValue(sizes)}`,
    );
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s <= 0)
      throw new OdeArgumentError("spec.sizes", `entry ${i} is ${String(s)}; widths must be positive integers`);
  });
  if (!activationNames.includes(spec.activation))
    throw new OdeArgumentError(
      "spec.activation",
      `unknown activation "${String(spec.activation)}"; expected one of ${activationNames.join(", ")}`,
    );
  if (!lrpActivations.includes(spec.activation))
    throw new OdeArgumentError(
      "spec.activation",
      `"${spec.activation}" is not supported by LRP's pass rule (σ(0) ≠ 0 is a hidden bias); supported: ${lrpActivations.join(", ")}`,
    );
  const timeDependent = spec.timeDependent ?? false;
  const inputTransform = spec.inputTransform ?? "identity";
  if (typeof timeDependent !== "boolean")
    throw new OdeTypeError("spec.timeDependent", `expected a boolean, got ${describeValue(timeDependent)}`);
  if (inputTransform !== "identity" && inputTransform !== "cube")
    throw new OdeArgumentError(
      "spec.inputTransform",
      `unknown value ${describeValue(inputTransform)}; expected "identity" or "cube"`,
    );
  if (timeDependent && sizes[0] < 2)
    throw new OdeArgumentError(
      "spec.sizes",
      `a time-dependent network needs input width ≥ 2 (state and t), got ${sizes[0]}`,
    );
  checkParameters(parameters, sizes);
  const { offsets } = parameterLayout(sizes);
  return { sizes: sizes.slice(), activation: spec.activation, timeDependent, inputTransform, parameters, offsets };
}

/**
 * The network of a FusedMlp (mlp64, toField64), sharing its parameters.
 */
export function lrpNetworkOf(field: FusedMlp): LrpNetwork {
  if (!(field instanceof FusedMlp))
    throw new OdeTypeError("field", `expected a FusedMlp (mlp64, toField64), got ${describeValue(field)}`);
  return lrpNetwork({ ...field.spec, sizes: field.spec.sizes.slice() }, field.parameters);
}
