/** The explicit tableaus by name (read from the method registry, lib/ode/methods.ts). */
export { explicitTableaus } from "../methods";
