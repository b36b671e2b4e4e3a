import type { JacobianInPlace, RhsInPlace } from "./types";

/**
 * An ODE system y' = f(t, y) of `n` components with its analytic Jacobian, both in place
 * (`jac[i*n + j] = ∂f_i/∂y_j`, row-major). The one shape the problem set (`lib/problems`), the
 * reaction networks (`lib/systems/kinetics`) and the chaos systems (`lib/systems/chaos`) share,
 * so any of them goes to `solveIVP` (with `jacobian`) or to the variational equations as it is.
 */
export interface OdeSystem {
  n: number;
  rhs: RhsInPlace;
  jacobian: JacobianInPlace;
}

/** A system with a name and a standard initial state. */
export interface NamedSystem extends OdeSystem {
  name: string;
  y0: number[];
}

/**
 * The `{ n, rhs, jacobian }` of any system as a plain object, to spread into a larger one (a
 * `ReactionNetwork`'s `n` is a getter on its prototype, which an object spread would miss).
 */
export function odeSystem(s: OdeSystem): OdeSystem {
  return { n: s.n, rhs: s.rhs, jacobian: s.jacobian };
}
