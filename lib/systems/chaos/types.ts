import { OdeArgumentError } from "../../ode/errors";
import type { NamedSystem, OdeSystem } from "../../ode/system";

/** What the variational equations need: f and its Jacobian — the shared system type of lib/ode/system.ts. */
export type VariationalSystem = OdeSystem;

/** An autonomous system with an analytic Jacobian, a name and a standard initial state. */
export type DynamicalSystem = NamedSystem;

/** Throws an OdeArgumentError naming `name` unless `value` is a finite number (and > 0 when `positive`). */
export function checkParam(name: string, value: number, positive = false): void {
  if (typeof value !== "number" || !Number.isFinite(value) || (positive && !(value > 0)))
    throw new OdeArgumentError(name, `must be a finite${positive ? " positive" : ""} number, got ${value}`);
}
