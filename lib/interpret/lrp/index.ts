/** LRP through the solver (issue 15): one network evaluation, and a fixed-step explicit Runge–Kutta solve. */
export { lrpEpsilon, lrpZPlus } from "./rules";
export type { LrpRule, LrpZPlusRule } from "./rules";
export type { LrpAbsorbed } from "./absorbed";
export type { LrpTarget } from "./target";
export { lrpNetwork, lrpNetworkOf, lrpActivations } from "./network";
export type { LrpNetwork, LrpNetworkSpec } from "./network";
export { lrpDense } from "./dense";
export type { LrpDenseOptions, LrpDenseResult } from "./dense";
export { lrpFieldOf } from "./field";
export type { LrpField } from "./field";
export { lrpSolve } from "./solve";
export type { LrpSolveOptions, LrpSolveResult } from "./solve";
export { lrpOverTime, lrpGlobal } from "./overTime";
export type { LrpOverTimeOptions, LrpOverTime, LrpGlobal } from "./overTime";
export type { LrpSolveSettings } from "./prepare";
