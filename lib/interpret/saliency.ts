import type { Field64 } from "../sensitivity/field64";
import type { AttributionTarget } from "./target";
import type { AttributionInput, AttributionOptions } from "./options";
import type { AttributionStats } from "./gradients";
import { checkTarget } from "./target";
import { checkAttributionArgs, inputOf } from "./options";
import { pointGradients } from "./gradients";

export interface SaliencyResult {
  /** F(x): the target's value. */
  value: number;
  /** ∂F/∂x, signed (Captum's Saliency returns |∂F/∂x|; take Math.abs for that). */
  gradient: Float64Array;
  wrt: AttributionInput;
  /** The target, as a label (e.g. "y_2(t = 5)"). */
  target: string;
  stats: AttributionStats;
}

/**
 * Saliency (Simonyan et al. 2014, arXiv:1312.6034): the gradient of a solve's output with
 * respect to the initial state or the parameters, by one differentiable solve and one pullback
 * (lib/sensitivity). Float64 throughout for a Field64.
 */
export function saliency(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  target: AttributionTarget,
  options?: AttributionOptions,
): SaliencyResult {
  const o = checkAttributionArgs(field, y0, t, options);
  const resolved = checkTarget(target, t, field.dim);
  const r = pointGradients(field, y0, t, [inputOf(field, y0, o.wrt)], [resolved], o);
  return { value: r.values[0][0], gradient: r.grads[0][0], wrt: o.wrt, target: resolved.label, stats: r.stats };
}
