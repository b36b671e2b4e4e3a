/** Differentiate any output of any solve: float64 fields, gradient methods, losses. */
export type { Field64 } from "./field64";
export type {
  SolverSpec,
  SensitivityStats,
  Cotangents,
  DifferentiableSolution,
  GradientMethod,
} from "./gradientMethod";
export { lossAndGradient } from "./lossAndGradient";
export type { LossGradient } from "./lossAndGradient";
export { trajectoryLoss } from "./trajectoryLoss";
export { discrete } from "./discrete";
export { adjoint } from "./adjoint";
export type { AdjointOptions } from "./adjoint";
