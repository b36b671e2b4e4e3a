import type { Field64 } from "./field64";
import type { SolverSpec } from "./gradientMethod";
import type { MethodInfo } from "../ode/methods";
import { methodInfo } from "../ode/methods";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";

/** A validated SolverSpec, defaults filled in (DOPRI5, rtol 1e-7, atol 1e-9: torchdiffeq's). */
export interface CheckedSolver {
  info: MethodInfo;
  rtol: number;
  atol: number;
  /** Fixed-step methods: the step, or 0 for one step per output interval. */
  step: number;
  maxSteps: number;
}

const positive = (name: string, v: unknown): number => {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${String(v)}`);
  if (!(Number.isFinite(v) && v > 0)) throw new OdeArgumentError(name, `must be a finite number > 0, got ${v}`);
  return v;
};

/**
 * `prefix` starts each argument name in errors: "solver." for a SolverSpec argument, "" where
 * the fields are options of their own (odeint's { method, rtol, … }).
 */
export function checkSolver(s: SolverSpec | undefined, prefix = "solver."): CheckedSolver {
  const spec = s ?? {};
  if (spec === null || typeof spec !== "object")
    throw new OdeTypeError(
      prefix === "" ? "options" : prefix.slice(0, -1),
      `expected { method, rtol, atol, step, maxSteps }, got ${String(spec)}`,
    );
  const info = methodInfo(spec.method ?? "DOPRI5", `${prefix}method`);
  const rtol = positive(`${prefix}rtol`, spec.rtol ?? 1e-7);
  const atol = positive(`${prefix}atol`, spec.atol ?? 1e-9);
  const step = spec.step === undefined ? 0 : positive(`${prefix}step`, spec.step);
  const maxSteps = spec.maxSteps ?? 10000;
  if (typeof maxSteps !== "number")
    throw new OdeTypeError(`${prefix}maxSteps`, `expected a number, got ${String(maxSteps)}`);
  if (!Number.isInteger(maxSteps) || maxSteps < 1)
    throw new OdeArgumentError(`${prefix}maxSteps`, `must be a positive integer, got ${maxSteps}`);
  return { info, rtol, atol, step, maxSteps };
}

/**
 * The arguments every gradient method shares, checked before any solve: the field, the batch y0
 * (B·dim, finite) and the output times (≥ 2, finite, strictly monotone). Errors name the
 * argument, the value and the index.
 */
export function checkSolveArgs(field: Field64, y0: Float64Array, t: readonly number[]): void {
  if (
    field === null ||
    typeof field !== "object" ||
    typeof field.forward !== "function" ||
    typeof field.vjp !== "function" ||
    !(field.parameters instanceof Float64Array)
  )
    throw new OdeTypeError(
      "field",
      `expected a Field64 { dim, parameters, forward, vjp, jvp, jacobian }, got ${String(field)}`,
    );
  if (!(y0 instanceof Float64Array)) throw new OdeTypeError("y0", `expected a Float64Array (B·dim), got ${String(y0)}`);
  if (y0.length === 0 || y0.length % field.dim !== 0)
    throw new OdeArgumentError(
      "y0",
      `has length ${y0.length}, not a positive multiple of the field's dim ${field.dim}`,
    );
  for (let i = 0; i < y0.length; i++)
    if (!Number.isFinite(y0[i])) throw new OdeArgumentError("y0", `component ${i} is ${y0[i]}; must be finite`);
  if (!Array.isArray(t)) throw new OdeTypeError("t", `expected an array of times, got ${String(t)}`);
  if (t.length < 2) throw new OdeArgumentError("t", `needs at least two times, got ${t.length}`);
  for (let i = 0; i < t.length; i++) {
    if (typeof t[i] !== "number" || !Number.isFinite(t[i]))
      throw new OdeArgumentError("t", `entry ${i} is ${t[i]}; times must be finite numbers`);
    if (i > 0 && (t[i] - t[i - 1]) * (t[1] - t[0]) <= 0)
      throw new OdeArgumentError("t", `must be strictly monotone; entry ${i} is ${t[i]} after ${t[i - 1]}`);
  }
}

/** One cotangent per output time, each null or a finite Float64Array of y0's length. */
export function checkCotangents(yBar: readonly (Float64Array | null)[], T: number, n: number): void {
  if (!Array.isArray(yBar) || yBar.length !== T)
    throw new OdeArgumentError(
      "yBar",
      `needs one cotangent (or null) per output time (${T}), got ${Array.isArray(yBar) ? yBar.length : String(yBar)}`,
    );
  yBar.forEach((g, k) => {
    if (g === null) return;
    if (!(g instanceof Float64Array)) throw new OdeTypeError("yBar", `entry ${k} is not a Float64Array or null`);
    if (g.length !== n) throw new OdeArgumentError("yBar", `entry ${k} has length ${g.length}, y0 has ${n}`);
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(g[i]))
        throw new OdeArgumentError("yBar", `entry ${k} component ${i} is ${g[i]}; must be finite`);
  });
}

export interface LossArgs {
  loss?: "mae" | "mse";
  /** Weight of each output time (default all 1); the loss is Σ_k w_k·mean_k / Σ_k w_k. */
  timeWeights?: number[];
}

/** Targets (one per time, y0's length, finite), the loss kind and the time weights. */
export function checkLossArgs(targets: Float64Array[], t: readonly number[], n: number, o: LossArgs): void {
  if (!Array.isArray(targets) || targets.length !== t.length)
    throw new OdeArgumentError(
      "targets",
      `needs one Float64Array per time (${t.length}), got ${Array.isArray(targets) ? targets.length : String(targets)}`,
    );
  targets.forEach((x, k) => {
    if (!(x instanceof Float64Array)) throw new OdeTypeError("targets", `entry ${k} is not a Float64Array`);
    if (x.length !== n) throw new OdeArgumentError("targets", `entry ${k} has length ${x.length}, y0 has ${n}`);
    for (let i = 0; i < x.length; i++)
      if (!Number.isFinite(x[i]))
        throw new OdeArgumentError("targets", `entry ${k} (t = ${t[k]}) component ${i} is ${x[i]}; must be finite`);
  });
  if (o.loss !== undefined && o.loss !== "mae" && o.loss !== "mse")
    throw new OdeArgumentError("loss", `unknown value "${String(o.loss)}"; expected "mae" or "mse"`);
  if (o.timeWeights !== undefined) {
    const w = o.timeWeights;
    if (!Array.isArray(w) || w.length !== t.length)
      throw new OdeArgumentError(
        "timeWeights",
        `needs one weight per time (${t.length}), got ${Array.isArray(w) ? w.length : String(w)}`,
      );
    w.forEach((x, k) => {
      if (!(typeof x === "number" && Number.isFinite(x) && x >= 0))
        throw new OdeArgumentError("timeWeights", `entry ${k} is ${x}; weights must be finite and ≥ 0`);
    });
    if (!(w.reduce((a, b) => a + b, 0) > 0)) throw new OdeArgumentError("timeWeights", "are all zero");
  }
}
