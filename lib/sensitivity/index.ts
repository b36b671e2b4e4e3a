/**
 * Differentiate any output of any solve: a Field64 (float64 field with vjp/jvp/Jacobians), a
 * SolverSpec (a method of the registry, tolerances), and a gradient method — discrete() (exact
 * reverse mode through the accepted steps), adjoint() (continuous adjoint), forwardSensitivity().
 */
export type { Field64 } from "./field64";
export type {
  SolverSpec,
  SensitivityStats,
  Cotangents,
  DifferentiableSolution,
  GradientMethod,
} from "./gradientMethod";
export { discrete } from "./discrete";
export { adjoint } from "./adjoint";
export type { AdjointOptions } from "./adjoint";
export { forwardSensitivity } from "./forwardSensitivity";
export { lossAndGradient } from "./lossAndGradient";
export type { LossGradient } from "./lossAndGradient";
export { SolveFailedError } from "./solveFailed";
export { parametricField64 } from "./parametricField64";
export type { ParametricFieldSpec } from "./parametricField64";
