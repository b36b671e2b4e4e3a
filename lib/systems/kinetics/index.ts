export { parseReactions } from "./parse";
export type { ReactionSpec } from "./parse";
export { ReactionNetwork, reactions, reactionNetwork, networkFromObjects } from "./network";
export type { IndexedReaction } from "./indexedReaction";
export { leftNullSpace } from "./conservation";
export { rateSensitivities } from "./sensitivity";
export type { SensitivityOptions, SensitivityResult } from "./sensitivity";
export { fitRateConstants } from "./fitRates";
export type { RateFitOptions, RateFitResult } from "./fitRates";
export { identifiability } from "./identifiability";
export type { Identifiability, IdentifiabilityOptions, Unidentifiable } from "./identifiability";
export { KineticsSolveError } from "./errors";
export {
  michaelisMenten,
  robertsonNetwork,
  hiresNetwork,
  oregoNetwork,
  brusselatorNetwork,
  polluNetwork,
  polluY0,
  polluReference60,
} from "./standard";
export { networkTensorRhs, hybridFromNetwork } from "./tensor";
export { rateConstantField } from "./rateConstantField";
