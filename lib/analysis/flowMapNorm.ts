import type { Field64 } from "../sensitivity/field64";
import type { SolverSpec } from "../sensitivity/gradientMethod";
import type { OdeOptions } from "../ode/types";
import { finiteTimeLyapunov } from "./ftle";

/**
 * σ_max of the flow map Φ(T) = ∂y(t0 + T)/∂y0 of a Field64 at one state (batch of one), from the
 * variational equation (finiteTimeLyapunov) solved with the spec's method and tolerances
 * (defaults as lib/sensitivity's: DOPRI5, rtol 1e-7, atol 1e-9).
 */
export function flowMapSigmaMax(field: Field64, y0: Float64Array, T: number, solver: SolverSpec = {}, t0 = 0): number {
  const options: OdeOptions = {
    method: solver.method ?? "DOPRI5",
    rtol: solver.rtol ?? 1e-7,
    atol: solver.atol ?? 1e-9,
  };
  if (solver.step !== undefined) options.step = solver.step;
  if (solver.maxSteps !== undefined) options.maxSteps = solver.maxSteps;
  const r = finiteTimeLyapunov(
    (t, y, out) => field.forward(t, y, out),
    (t, y, J) => field.jacobian(t, y, J, null),
    y0,
    T,
    options,
    t0,
  );
  return r.singularValues[0];
}
