/**
 * Attribution through the solver (issue 15): why a neural ODE predicts what it predicts, globally and
 * per time step — saliency, integrated gradients, SmoothGrad, LIME, and layer-wise relevance
 * propagation (lrp/).
 *
 * Every method takes (field: Field64, y0, t, target, options): the target is
 * { component, timeIndex | time } or { scalar: (y) => { value, cotangents } }, options.wrt "y0"
 * (default) or "parameters" (parametricField64 in lib/sensitivity and kinetics.rateConstantField make physical
 * inputs such as rate constants the parameters), options.solver a SolverSpec. Results are plain data; frames in
 * lib/data/attribution.ts, figures in lib/plot/attribution.ts. Float64 throughout for a Field64.
 */
export * from "./lrp/index";
export type { AttributionTarget, ScalarOutput } from "./target";
export type { AttributionInput, AttributionOptions } from "./options";
export type { AttributionStats } from "./gradients";
export { saliency } from "./saliency";
export type { SaliencyResult } from "./saliency";
export { integratedGradients } from "./integratedGradients";
export type { IntegratedGradientsOptions, IntegratedGradientsResult } from "./integratedGradients";
export { smoothGrad } from "./smoothGrad";
export type { SmoothGradOptions, SmoothGradResult } from "./smoothGrad";
export { stepSensitivities, sensitivityOfComponent } from "./stepSensitivities";
export type { StepSensitivityOptions, StepSensitivities } from "./stepSensitivities";
export { lime } from "./lime";
export type { LimeOptions, LimeResult } from "./lime";
export { limeSolve } from "./limeSolve";
export { attributionOverTime, globalAttribution } from "./overTime";
export type { AttributionMethod, OverTimeOptions, AttributionOverTime, GlobalAttribution } from "./overTime";
