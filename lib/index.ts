/** Neural ODE Lab: the public entry point. Everything users call is exported from here. */
export const version = "0.1.0";

export * from "./ode/types";
export { OdeArgumentError, RhsShapeError } from "./ode/errors";
export { solveIVP } from "./ode/solveIVP";
export { explicitTableaus } from "./ode/steppers/index";
export type { ExplicitTableau } from "./ode/tableaus/tableau";
export * from "./problems/index";
