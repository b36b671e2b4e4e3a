import type { EventFunction, MethodName, OdeOptions } from "./types";
import { OdeArgumentError } from "./errors";

export const METHODS: readonly MethodName[] = [
  "Euler",
  "Midpoint",
  "RK4",
  "BS3",
  "DOPRI5",
  "Tsit5",
  "DOP853",
  "Rodas5",
  "BDF",
  "Auto",
];
const FIXED = new Set<MethodName>(["Euler", "Midpoint", "RK4"]);

export interface ValidatedProblem {
  method: MethodName;
  t0: number;
  tBound: number;
  y0: Float64Array;
  rtol: number;
  atol: Float64Array;
  tEval: Float64Array | null;
  dense: boolean;
  events: EventFunction[];
  firstStep: number;
  maxStep: number;
  maxSteps: number;
  step: number;
  recordSteps: boolean;
  normLength: number;
}

function finite(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** Validates `solveIVP`'s arguments in one place; every error names the argument and value. */
export function validateProblem(f: unknown, tSpan: unknown, y0: unknown, options: OdeOptions = {}): ValidatedProblem {
  if (typeof f !== "function") throw new OdeArgumentError("f", `expected a function, got ${typeof f}`);
  if (!Array.isArray(tSpan) && !(tSpan instanceof Float64Array)) {
    throw new OdeArgumentError("tSpan", `expected [t0, tFinal], got ${String(tSpan)}`);
  }
  const span = tSpan as ArrayLike<number>;
  if (span.length !== 2) throw new OdeArgumentError("tSpan", `expected 2 entries [t0, tFinal], got ${span.length}`);
  const [t0, tBound] = [span[0], span[1]];
  if (!finite(t0) || !finite(tBound)) {
    throw new OdeArgumentError("tSpan", `entries must be finite numbers, got [${t0}, ${tBound}]`);
  }
  if (t0 === tBound) throw new OdeArgumentError("tSpan", `empty interval [${t0}, ${tBound}]`);
  if (y0 == null || typeof (y0 as ArrayLike<number>).length !== "number") {
    throw new OdeArgumentError("y0", `expected an array of numbers, got ${String(y0)}`);
  }
  const y0a = y0 as ArrayLike<number>;
  const n = y0a.length;
  if (n === 0) throw new OdeArgumentError("y0", "is empty; the state needs at least one component");
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y0a[i];
    if (!finite(v)) throw new OdeArgumentError("y0", `component ${i} is ${v}; all components must be finite numbers`);
    y[i] = v;
  }
  const method = options.method ?? "DOPRI5";
  if (!METHODS.includes(method)) {
    throw new OdeArgumentError("method", `unknown method "${String(method)}"; expected one of ${METHODS.join(", ")}`);
  }
  const rtol = options.rtol ?? 1e-3;
  if (!finite(rtol) || rtol <= 0) throw new OdeArgumentError("rtol", `must be a finite number > 0, got ${rtol}`);
  const atol = new Float64Array(n);
  const atolIn = options.atol ?? 1e-6;
  if (typeof atolIn === "number") {
    if (!finite(atolIn) || atolIn <= 0)
      throw new OdeArgumentError("atol", `must be a finite number > 0, got ${atolIn}`);
    atol.fill(atolIn);
  } else {
    if (atolIn.length !== n) {
      throw new OdeArgumentError("atol", `has length ${atolIn.length} but y0 has length ${n}`);
    }
    for (let i = 0; i < n; i++) {
      const a = atolIn[i];
      if (!finite(a) || a <= 0)
        throw new OdeArgumentError("atol", `component ${i} is ${a}; each must be a finite number > 0`);
      atol[i] = a;
    }
  }
  const dir = Math.sign(tBound - t0);
  let tEval: Float64Array | null = null;
  if (options.tEval != null) {
    tEval = Float64Array.from(options.tEval as ArrayLike<number>);
    const lo = Math.min(t0, tBound);
    const hi = Math.max(t0, tBound);
    for (let i = 0; i < tEval.length; i++) {
      const s = tEval[i];
      if (!finite(s) || s < lo || s > hi) {
        throw new OdeArgumentError("tEval", `entry ${i} is ${s}, outside tSpan [${t0}, ${tBound}]`);
      }
      if (i > 0 && (s - tEval[i - 1]) * dir < 0) {
        throw new OdeArgumentError(
          "tEval",
          `must be sorted in the direction of integration; entry ${i} (${s}) comes after ${tEval[i - 1]}`,
        );
      }
    }
  }
  const span1 = Math.abs(tBound - t0);
  const maxStep = options.maxStep ?? Infinity;
  if (!(maxStep > 0)) throw new OdeArgumentError("maxStep", `must be > 0, got ${maxStep}`);
  const firstStep = options.firstStep ?? 0;
  if (options.firstStep != null && (!finite(firstStep) || firstStep <= 0 || firstStep > span1)) {
    throw new OdeArgumentError("firstStep", `must be in (0, |tFinal − t0|] = (0, ${span1}], got ${firstStep}`);
  }
  const maxSteps = options.maxSteps ?? 100000;
  if (!Number.isInteger(maxSteps) || maxSteps <= 0) {
    throw new OdeArgumentError("maxSteps", `must be a positive integer, got ${maxSteps}`);
  }
  let step = 0;
  if (FIXED.has(method)) {
    if (options.step == null) {
      throw new OdeArgumentError("step", `method ${method} is fixed-step and needs options.step (the step size)`);
    }
    step = options.step;
    if (!finite(step) || step <= 0 || step > span1) {
      throw new OdeArgumentError("step", `must be in (0, |tFinal − t0|] = (0, ${span1}], got ${step}`);
    }
  }
  const events = options.events == null ? [] : Array.isArray(options.events) ? options.events : [options.events];
  events.forEach((e, i) => {
    if (typeof e !== "function") throw new OdeArgumentError("events", `entry ${i} is not a function`);
  });
  if (options.jacobian != null && typeof options.jacobian !== "function") {
    throw new OdeArgumentError("jacobian", `expected a function (t, y, jac) => void, got ${typeof options.jacobian}`);
  }
  const normLength = options.errorNormComponents ?? y.length;
  if (!(Number.isInteger(normLength) && normLength >= 1 && normLength <= y.length)) {
    throw new OdeArgumentError(
      "errorNormComponents",
      `must be an integer in [1, ${y.length}] (the state's length), got ${options.errorNormComponents}`,
    );
  }
  return {
    method,
    t0,
    tBound,
    y0: y,
    rtol,
    atol,
    tEval,
    dense: options.dense ?? false,
    events,
    firstStep,
    maxStep: Math.min(maxStep, span1),
    maxSteps,
    step,
    recordSteps: options.recordSteps ?? false,
    normLength,
  };
}
