export { polynomialLibrary, type Feature, type FeatureLibrary, type PolynomialLibraryOptions } from "./library";
export { sindy, type SindyOptions, type SindyResult } from "./sindy";
export { formatEquations, type FormatOptions } from "./equations";
export { finiteDifference } from "./finiteDifference";
export { DiscoveryArgumentError, DiscoveryTypeError } from "./errors";
export {
  learnedTerm,
  sindyOnLearnedTerm,
  type HybridForward,
  type KnownPart,
  type LearnedTermSindyOptions,
  type LearnedTermSindyResult,
} from "./ude";
