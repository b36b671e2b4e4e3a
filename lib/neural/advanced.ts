/**
 * The neural layer's machinery, for users who build their own fields or training loops: the
 * float64 dense-layer and hybrid kernels behind toField64, the generic tensor adapter, the tfjs
 * parameter hand-over, optimizer conversion and the cooperative-yield helper. Notebook users
 * rarely need these; the top level (lib/index.ts) has what they do.
 */
export { FusedMlp } from "./fields/fusedMlp";
export { FusedHybrid } from "./fields/hybrid64";
export { tensorField64 } from "./fields/tensorField64";
export { syncParameters, splitGradient } from "./fields/tfjsParameters";
export { glorotUniform } from "./fields/initializers";
export { fromTfOptimizer } from "./training/hostOptimizer";
export type { HostOptimizer } from "./training/hostOptimizer";
export { yieldToEventLoop } from "./training/yieldControl";
export { trajectoryLoss } from "../sensitivity/trajectoryLoss";
export { emptySensitivityStats } from "../sensitivity/gradientMethod";
export type { StepTape } from "../ode/steppers/stepTape";
