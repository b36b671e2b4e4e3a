import type { Field64 } from "../sensitivity/field64";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";

export interface FusedLossArgs {
  rtol?: number;
  atol?: number;
  step?: number;
  maxSteps?: number;
  loss?: "mae" | "mse";
  timeWeights?: number[];
}

const positive = (name: string, v: unknown): number => {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${String(v)}`);
  if (!(Number.isFinite(v) && v > 0)) throw new OdeArgumentError(name, `must be a finite number > 0, got ${v}`);
  return v;
};

/**
 * Checks the arguments shared by fusedBackpropLoss and fusedAdjointLoss before any solve: the
 * batch y0 (B·dim), the output times, one target per time of y0's length, tolerances, step,
 * loss and time weights. Errors name the argument, the value and the index.
 */
export function checkFusedLossArgs(
  field: Field64,
  y0: Float64Array,
  t: number[],
  targets: Float64Array[],
  o: FusedLossArgs,
): { rtol: number; atol: number; maxSteps: number } {
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
  if (!Array.isArray(targets) || targets.length !== t.length)
    throw new OdeArgumentError(
      "targets",
      `needs one Float64Array per time (${t.length}), got ${Array.isArray(targets) ? targets.length : String(targets)}`,
    );
  targets.forEach((x, k) => {
    if (!(x instanceof Float64Array)) throw new OdeTypeError("targets", `entry ${k} is not a Float64Array`);
    if (x.length !== y0.length)
      throw new OdeArgumentError("targets", `entry ${k} has length ${x.length}, y0 has ${y0.length}`);
    for (let i = 0; i < x.length; i++)
      if (!Number.isFinite(x[i]))
        throw new OdeArgumentError("targets", `entry ${k} (t = ${t[k]}) component ${i} is ${x[i]}; must be finite`);
  });
  const rtol = positive("rtol", o.rtol ?? 1e-7);
  const atol = positive("atol", o.atol ?? 1e-9);
  if (o.step !== undefined) positive("step", o.step);
  const maxSteps = o.maxSteps ?? 10000;
  if (!Number.isInteger(maxSteps) || maxSteps < 1)
    throw new OdeArgumentError("maxSteps", `must be a positive integer, got ${maxSteps}`);
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
  return { rtol, atol, maxSteps };
}
