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
