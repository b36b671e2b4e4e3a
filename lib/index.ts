/** Neural ODE Lab: the public entry point. Everything users call is exported from here. */
export const version = "0.1.0";

export * from "./ode/types";
export type { OdeSystem, NamedSystem } from "./ode/system";
export { OdeArgumentError, OdeTypeError, OdeStateError, RhsShapeError, RunError } from "./ode/errors";
export { JacobianMismatchError } from "./ode/jacobianCheck";
export { solveIVP } from "./ode/solveIVP";
export { OdeSolver } from "./ode/odeSolver";
export type { OdeSolverOptions, OdeSolverStatus } from "./ode/odeSolver";
export { methods, methodInfo, methodNames, explicitTableaus } from "./ode/methods";
export type { MethodInfo } from "./ode/methods";
export type { ExplicitTableau } from "./ode/tableaus/tableau";
export * from "./problems/index";
export { solveSecondOrder } from "./ode/symplectic/solveSecondOrder";
export type { Acceleration, SecondOrderOptions, SecondOrderResult } from "./ode/symplectic/solveSecondOrder";
export { velocityVerlet, yoshida4 } from "./ode/symplectic/compositions";
export type { Composition } from "./ode/symplectic/compositions";
export * from "./plot/index";
export * from "./data/index";
export * from "./report/index";
export * from "./random/index";
export * from "./sensitivity/index";
export * from "./neural/index";
/** Analysis of a field (fixed points, spectra, FTLE) and equation discovery (SINDy), issue 15. */
export * from "./analysis/index";
export * from "./discovery/index";
/** Attribution through the solver: saliency, integrated gradients, SmoothGrad, LIME, LRP (issue 15). */
export * from "./interpret/index";
/** Scientific systems, namespaced (md.velocityVerlet is the MD integrator; velocityVerlet above is the composition). */
export * as kinetics from "./systems/kinetics/index";
export * as md from "./systems/md/index";
export * as chaos from "./systems/chaos/index";
export * as pde from "./systems/pde/index";
