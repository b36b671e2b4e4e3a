import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";

/**
 * The LRP rules for a dense layer (Montavon et al. 2019, "Layer-wise relevance propagation: an
 * overview", doi:10.1007/978-3-030-28954-6_10, Sec. 10.2.1):
 * - ε (eq. 10.3; ε = 0 is LRP-0, Bach et al. 2015, doi:10.1371/journal.pone.0130140):
 *   R_i = Σ_j x_i w_ij / (z_j + ε·sign z_j) · R_j, z_j = Σ_i x_i w_ij + b_j;
 * - z⁺ (α1β0, eq. 10.5 with α = 1, β = 0): R_i = Σ_j (x_i w_ij)⁺ / (Σ_i (x_i w_ij)⁺ + b_j⁺ + s) · R_j.
 * Both as zennit (`rules.Epsilon`, `rules.ZPlus`) computes them: sign(0) = +1, the bias inside the
 * denominator (z⁺: its positive part), so the bias's share of R_j is absorbed, not passed down.
 */
export type LrpRule = { readonly name: "epsilon"; readonly epsilon: number } | LrpZPlusRule;

export interface LrpZPlusRule {
  readonly name: "zPlus";
  /** Added to the (non-negative) denominator; zennit's default 1e-6. 0 makes conservation exact for bias-free layers. */
  readonly stabilizer: number;
}

/** The ε rule; ε = 0 is the basic z-rule (LRP-0). */
export function lrpEpsilon(epsilon: number): LrpRule {
  if (typeof epsilon !== "number" || !(epsilon >= 0) || !Number.isFinite(epsilon))
    throw new OdeArgumentError("epsilon", `must be a finite number ≥ 0, got ${describeValue(epsilon)}`);
  return { name: "epsilon", epsilon };
}

/** The z⁺ rule (α1β0): only positive contributions x_i w_ij > 0 carry relevance. */
export function lrpZPlus(stabilizer = 1e-6): LrpRule {
  if (typeof stabilizer !== "number" || !(stabilizer >= 0) || !Number.isFinite(stabilizer))
    throw new OdeArgumentError("stabilizer", `must be a finite number ≥ 0, got ${describeValue(stabilizer)}`);
  return { name: "zPlus", stabilizer };
}

/**
 * One rule for every dense layer, or one per layer (index 0 = the layer fed by the input), as
 * zennit's composites mix them (EpsilonPlus: z⁺ below, ε above). Checked; returns one per layer.
 */
export function rulesPerLayer(rule: LrpRule | readonly LrpRule[], layers: number, argument = "rule"): LrpRule[] {
  const list = Array.isArray(rule)
    ? (rule as readonly LrpRule[])
    : Array.from({ length: layers }, () => rule as LrpRule);
  if (list.length !== layers)
    throw new OdeArgumentError(argument, `lists ${list.length} rules; the network has ${layers} dense layers`);
  list.forEach((r, l) => checkRule(r, `${argument}${Array.isArray(rule) ? `[${l}]` : ""}`));
  return list.slice();
}

function checkRule(r: LrpRule, argument: string): void {
  if (r === null || typeof r !== "object")
    throw new OdeTypeError(argument, `expected lrpEpsilon(ε) or lrpZPlus(), got ${describeValue(r)}`);
  if (r.name === "epsilon") {
    if (!(r.epsilon >= 0) || !Number.isFinite(r.epsilon))
      throw new OdeArgumentError(argument, `has epsilon ${String(r.epsilon)}; must be a finite number ≥ 0`);
  } else if (r.name === "zPlus") {
    if (!(r.stabilizer >= 0) || !Number.isFinite(r.stabilizer))
      throw new OdeArgumentError(argument, `has stabilizer ${String(r.stabilizer)}; must be a finite number ≥ 0`);
  } else
    throw new OdeArgumentError(
      argument,
      `unknown rule "${String((r as { name: unknown }).name)}"; expected "epsilon" or "zPlus"`,
    );
}

/** z + ε·sign z with sign 0 = +1 (zennit's `stabilize`), so ε > 0 never divides by zero. */
export function stabilize(z: number, epsilon: number): number {
  return z >= 0 ? z + epsilon : z - epsilon;
}
