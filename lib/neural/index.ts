/*
 * The neural layer, what a notebook user needs: fields (tfjs models, or float64 first), the
 * torchdiffeq-style front doors, and training. The machinery is in the `advanced` namespace.
 */
// Backend (tfjs: wasm, or the native node binding where it registers).
export { ready, backendInfo, BackendUnavailableError } from "./backend";
export type { BackendInfo, BackendName } from "./backend";

// Fields: tfjs models, float64 dense layers (mlp64: no tfjs needed), hybrids, and the bridge.
export type { VectorField } from "./fields/field";
export type { Activation } from "./fields/activations";
export type { MlpSpec, MlpOptions } from "./fields/mlpSpec";
export { mlpField } from "./fields/mlpField";
export type { MlpFieldOptions } from "./fields/mlpField";
export { mlp64 } from "./fields/mlp64";
export { hybrid64 } from "./fields/hybrid64";
export { augmentedField, hybridField, hamiltonianField, fromLayersModel } from "./fields/builders";
export type { KnownPhysics64 } from "./fields/knownPhysics";
export { toField64 } from "./fields/toField64";
export { storeParameters } from "./fields/tfjsParameters";
export { float64Rhs, float64Jacobian } from "./fields/float64Field";

// Front doors on tensors (torchdiffeq's odeint / odeint_adjoint), events, ResNet ↔ Euler, shadowing.
export { odeint } from "./solve/odeint";
export { odeintAdjoint } from "./solve/adjoint";
export type { NeuralSolveOptions } from "./solve/odeintOptions";
export { odeintEvent } from "./solve/odeintEvent";
export type { NeuralEventFunction, EventSolution, OdeintEventOptions } from "./solve/odeintEvent";
export { resnetFromField } from "./solve/resnet";
export { shadowSolve } from "./solve/shadowSolve";
export type { ShadowReport } from "./solve/shadowSolve";

// Training: fit = data + model + solver + gradient method + optimizer + schedule.
export { fit, saveWeights, loadWeights } from "./training/fit";
export type { FitOptions, FitResult, TrainingRecordRow, Trajectory } from "./training/fit";
export { adam, rmsprop, sgd } from "./training/hostOptimizer";
export type { Optimizer, AdamOptions, RmspropOptions, SgdOptions } from "./training/hostOptimizer";
export { constantSchedule, exponentialDecay, cosineDecay, stepDecay } from "./training/schedules";
export type { Schedule } from "./training/schedules";
export { HamiltonianNetwork } from "./training/hnn";
export { TrainingDivergedError, NeuralSolveError } from "./errors";

export * as advanced from "./advanced";
