import type { Field64 } from "./field64";
import type { GradientMethod, SensitivityStats, SolverSpec } from "./gradientMethod";
import type { LossArgs } from "./checkArgs";
import { checkLossArgs } from "./checkArgs";
import { trajectoryLoss } from "./trajectoryLoss";

/** Loss of a trajectory fit and its gradients, from one differentiable solve. */
export interface LossGradient {
  loss: number;
  /** ∂L/∂θ (parameters.length). */
  grads: Float64Array;
  /** ∂L/∂y0 (B·dim). */
  gradY0: Float64Array;
  stats: SensitivityStats;
  /** The predictions y(t_k). */
  y: readonly Float64Array[];
}

/**
 * The trajectory loss Σ_k w_k·mean_k ℓ(y(t_k) − target_k) / Σ_k w_k (ℓ = |·| or (·)²) of a solve
 * from the batch y0, and its gradients by `gradient` (any GradientMethod).
 */
export function lossAndGradient(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  targets: Float64Array[],
  o: LossArgs & { solver?: SolverSpec; gradient: GradientMethod },
): LossGradient {
  const sol = o.gradient.solve(field, y0, t, o.solver ?? {});
  checkLossArgs(targets, t, y0.length, o);
  const { loss, dLdy } = trajectoryLoss(
    sol.y as Float64Array[],
    targets,
    o.timeWeights ?? t.map(() => 1),
    o.loss ?? "mae",
  );
  const g = sol.pullback(dLdy);
  return { loss, grads: g.theta, gradY0: g.y0, stats: sol.stats, y: sol.y };
}
