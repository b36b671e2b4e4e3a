import type { Field64 } from "../sensitivity/field64";
import type { GradientMethod, SolverSpec } from "../sensitivity/gradientMethod";
import type { CheckedSolver } from "../sensitivity/checkArgs";
import { checkSolveArgs, checkSolver } from "../sensitivity/checkArgs";
import { adjoint } from "../sensitivity/adjoint";
import { discrete } from "../sensitivity/discrete";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";

/** The input an attribution is over: the initial state h(0), or the field's parameters θ (e.g. rate constants). */
export type AttributionInput = "y0" | "parameters";

/** Options every attribution method of lib/interpret shares. */
export interface AttributionOptions {
  /** Attribute to the initial state (default) or to the field's parameters. */
  wrt?: AttributionInput;
  /** How to solve (lib/sensitivity's SolverSpec; default DOPRI5, rtol 1e-7, atol 1e-9). */
  solver?: SolverSpec;
  /** Default: discrete() for explicit methods (exact gradient of the computed solve), adjoint() for stiff ones (as fit). */
  gradient?: GradientMethod;
  /**
   * Evaluate the points a method needs (quadrature nodes, noisy copies) as one batched solve
   * (B states row-major; wrt "y0" only, since a batch shares θ). Default: true for explicit
   * methods, false for stiff ones (their Newton matrices are (B·dim)², so a batch costs B³).
   * Adaptive steps are then chosen for the whole batch, so batched and one-by-one results agree
   * to the solver's tolerance, not bit for bit (fixed-step methods: to round-off).
   */
  batch?: boolean;
}

export interface CheckedOptions {
  wrt: AttributionInput;
  solver: SolverSpec;
  checked: CheckedSolver;
  gradient: GradientMethod;
  batch: boolean;
}

/**
 * Checks the field, one initial state (length dim), the output times and the shared options;
 * errors name the argument (options.wrt, options.gradient, …).
 */
export function checkAttributionArgs(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  options: AttributionOptions | undefined,
): CheckedOptions {
  checkSolveArgs(field, y0, t);
  if (y0.length !== field.dim)
    throw new OdeArgumentError(
      "y0",
      `has length ${y0.length}; attributions explain one initial state of the field's dim ${field.dim}`,
    );
  const o = options ?? {};
  if (o === null || typeof o !== "object")
    throw new OdeTypeError("options", `expected an options object, got ${describeValue(o)}`);
  const wrt = o.wrt ?? "y0";
  if (wrt !== "y0" && wrt !== "parameters")
    throw new OdeArgumentError("options.wrt", `unknown value ${describeValue(wrt)}; expected "y0" or "parameters"`);
  if (wrt === "parameters" && field.parameters.length === 0)
    throw new OdeArgumentError("options.wrt", `is "parameters" but the field has no parameters`);
  const checked = checkSolver(o.solver, "options.solver.");
  const gradient = o.gradient ?? (checked.info.stiff ? adjoint() : discrete());
  if (gradient === null || typeof gradient !== "object" || typeof gradient.solve !== "function")
    throw new OdeTypeError(
      "options.gradient",
      `expected a GradientMethod (discrete(), adjoint(), forwardSensitivity()), got ${describeValue(gradient)}`,
    );
  const batch = o.batch ?? !checked.info.stiff;
  if (typeof batch !== "boolean")
    throw new OdeTypeError("options.batch", `expected a boolean, got ${describeValue(batch)}`);
  return { wrt, solver: o.solver ?? {}, checked, gradient, batch };
}

/** The point being explained: y0, or a copy of θ. */
export function inputOf(field: Field64, y0: Float64Array, wrt: AttributionInput): Float64Array {
  return wrt === "y0" ? Float64Array.from(y0) : Float64Array.from(field.parameters);
}

/**
 * A per-input vector option (a baseline, a noise width): a number (every input) or an array of
 * the input's length, finite (and ≥ 0 / > 0 when asked). Errors name the option.
 */
export function perInput(
  name: string,
  v: number | ArrayLike<number> | undefined,
  m: number,
  bound: "any" | "nonnegative" | "positive",
): Float64Array {
  const out = new Float64Array(m);
  if (v === undefined) throw new OdeArgumentError(name, "is required");
  if (typeof v === "number") out.fill(v);
  else if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    if (v.length !== m) throw new OdeArgumentError(name, `has length ${v.length}; the input has ${m} entries`);
    for (let i = 0; i < m; i++) out[i] = v[i];
  } else throw new OdeTypeError(name, `expected a number or an array of ${m} numbers, got ${describeValue(v)}`);
  for (let i = 0; i < m; i++) {
    const x = out[i];
    const ok = Number.isFinite(x) && (bound === "any" || (bound === "nonnegative" ? x >= 0 : x > 0));
    if (!ok)
      throw new OdeArgumentError(
        name,
        `entry ${i} is ${x}; must be finite${bound === "any" ? "" : bound === "nonnegative" ? " and ≥ 0" : " and > 0"}`,
      );
  }
  return out;
}

/** A positive integer option (nodes, samples, features). */
export function positiveInteger(name: string, v: unknown, max = Infinity): number {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected an integer, got ${describeValue(v)}`);
  if (!Number.isInteger(v) || v < 1 || v > max)
    throw new OdeArgumentError(name, `must be an integer from 1${max < Infinity ? ` to ${max}` : ""}, got ${v}`);
  return v;
}

/** An integer seed (lib/random's mulberry32 takes any integer). */
export function checkSeed(name: string, v: unknown): number {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected an integer, got ${describeValue(v)}`);
  if (!Number.isInteger(v)) throw new OdeArgumentError(name, `must be an integer, got ${v}`);
  return v;
}
