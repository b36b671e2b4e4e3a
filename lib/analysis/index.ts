export { eigenvalues } from "./eigenvalues";
export type { Spectrum } from "./eigenvalues";
export { classifyFixedPoint } from "./classify";
export type { FixedPointClass } from "./classify";
export { findFixedPoints } from "./fixedPoints";
export type {
  FixedPointOptions,
  FixedPointResult,
  FixedPoint,
  StartOutcome,
  StartStatus,
  GeneratedStarts,
} from "./fixedPoints";
export { jacobianSpectrum } from "./spectrum";
export type { SpectrumAlongTrajectory } from "./spectrum";
export { finiteTimeLyapunov, FlowMapSolveError } from "./ftle";
export type { FtleResult } from "./ftle";
export { stabilityFunction, bdfBoundaryLocus, bdfStabilityAngle, NDF_KAPPA } from "./stabilityFunction";
export type { StabilityFunction, StabilityOptions } from "./stabilityFunction";
export { stabilityBoundary, realStabilityInterval } from "./stabilityBoundary";
export type { BoundaryOptions, StabilityBoundary } from "./stabilityBoundary";
export { polynomialRoots } from "./polynomialRoots";
export { acceptedSteps, stepStability } from "./stepStability";
export type { AcceptedSteps, StepStabilitySample, StepStabilityResult } from "./stepStability";
export { linearField64 } from "./linearField64";
export { flowMapSigmaMax } from "./flowMapNorm";
export { fgsm, pgd } from "./adversarial";
export type { AdversarialOptions, PgdOptions, AdversarialResult } from "./adversarial";
export { gradientGrowthWithTime, gradientGrowthWithDepth } from "./gradientGrowth";
export type { GradientGrowth, GradientGrowthPoint, GradientGrowthOptions } from "./gradientGrowth";
export { compareFixedPoints } from "./compareFixedPoints";
export type {
  FixedPointComparison,
  FixedPointComparisonOptions,
  FixedPointMatch,
  FixedPointMatchStatus,
} from "./compareFixedPoints";
export { dataCoverage } from "./dataCoverage";
export type { Coverage, CoverageOptions } from "./dataCoverage";
