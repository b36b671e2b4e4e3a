import type { EventFunction, JacobianInPlace, MethodName, OdeOptions } from "./types";
import { OdeArgumentError, OdeTypeError } from "./errors";
import { methodInfo } from "./methods";

export interface ValidatedProblem {
  method: MethodName;
  t0: number;
  /** End of the span; ±Infinity only for an empty state or with a terminal event. */
  tBound: number;
  y0: Float64Array;
  /** Per-component relative tolerance (length n), each > 0. */
  rtol: Float64Array;
  /** Per-component absolute tolerance (length n), each ≥ 0. */
  atol: Float64Array;
  tEval: Float64Array | null;
  dense: boolean;
  events: EventFunction[];
  /** Per event: the occurrence that stops the solve (scipy's integer `terminal`), Infinity if none. */
  maxEvents: Float64Array;
  firstStep: number;
  maxStep: number;
  maxSteps: number;
  step: number;
  recordSteps: boolean;
  normLength: number;
  jacobian: JacobianInPlace | null;
  /** Passed to the stiff steppers as given (see OdeOptions.checkJacobian, jacobianBand). */
  checkJacobian: boolean | "always" | undefined;
  jacobianBand: readonly [number, number] | readonly [number, number, "periodic"] | null;
  jacobianSparsity: ArrayLike<ArrayLike<number>> | null;
}

/** What the caller integrates: `solveIVP` (a span, events, output) or the step-by-step `OdeSolver`. */
export type ProblemKind = "solveIVP" | "OdeSolver";

function finite(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return (
    x != null &&
    typeof x !== "string" &&
    typeof x !== "function" &&
    typeof (x as ArrayLike<unknown>).length === "number"
  );
}

/** A number (TypeError otherwise); its range is the caller's to check. */
function numberArg(name: string, v: unknown): number {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${typeof v} ${String(v)}`);
  return v;
}

function booleanArg(name: string, v: unknown, dflt: boolean): boolean {
  if (v == null) return dflt;
  if (typeof v !== "boolean") throw new OdeTypeError(name, `expected a boolean, got ${typeof v} ${String(v)}`);
  return v;
}

/**
 * A tolerance: one number or one per component. `positive` demands > 0 (rtol); otherwise ≥ 0
 * (atol = 0 is pure relative control, as scipy allows).
 */
function tolerance(name: string, v: unknown, n: number, positive: boolean): Float64Array {
  const out = new Float64Array(n);
  const bound = positive ? "> 0" : "≥ 0";
  const ok = (x: number) => Number.isFinite(x) && (positive ? x > 0 : x >= 0);
  if (typeof v === "number") {
    if (!ok(v)) throw new OdeArgumentError(name, `must be a finite number ${bound}, got ${v}`);
    return out.fill(v);
  }
  if (!isArrayLike(v)) {
    throw new OdeTypeError(name, `expected a number or an array of ${n} numbers, got ${typeof v} ${String(v)}`);
  }
  if (v.length !== n) throw new OdeArgumentError(name, `has length ${v.length} but y0 has length ${n}`);
  for (let i = 0; i < n; i++) {
    const x = numberArg(`${name}[${i}]`, v[i]);
    if (!ok(x)) throw new OdeArgumentError(name, `component ${i} is ${x}; each must be a finite number ${bound}`);
    out[i] = x;
  }
  return out;
}

/**
 * Event functions with scipy's attributes: `direction` a finite number (its sign is used),
 * `terminal` a boolean or a positive integer n (stop at the n-th zero; 0, false or absent: never).
 */
function validateEvents(raw: unknown): { events: EventFunction[]; maxEvents: Float64Array } {
  const events = (raw == null ? [] : Array.isArray(raw) ? raw : [raw]) as unknown[];
  const maxEvents = new Float64Array(events.length);
  events.forEach((e, i) => {
    if (typeof e !== "function") throw new OdeTypeError(`events[${i}]`, `expected a function g(t, y), got ${typeof e}`);
    const { terminal, direction } = e as EventFunction;
    if (direction != null) {
      if (typeof direction !== "number") {
        throw new OdeTypeError(`events[${i}].direction`, `expected a number (−1, 0 or +1), got ${typeof direction}`);
      }
      if (!Number.isFinite(direction)) {
        throw new OdeArgumentError(`events[${i}].direction`, `must be a finite number (−1, 0 or +1), got ${direction}`);
      }
    }
    if (terminal == null || terminal === false || terminal === 0) maxEvents[i] = Infinity;
    else if (terminal === true) maxEvents[i] = 1;
    else if (typeof terminal !== "number") {
      throw new OdeTypeError(
        `events[${i}].terminal`,
        `must be a boolean or a positive integer (stop at that occurrence), got ${typeof terminal} ${String(terminal)}`,
      );
    } else if (!Number.isInteger(terminal) || terminal < 0) {
      throw new OdeArgumentError(
        `events[${i}].terminal`,
        `must be a boolean or a positive integer (stop at that occurrence), got ${terminal}`,
      );
    } else maxEvents[i] = terminal;
  });
  return { events: events as EventFunction[], maxEvents };
}

/**
 * Validates the arguments of `solveIVP` (kind "solveIVP") or of the step-by-step `OdeSolver`
 * (kind "OdeSolver": tSpan is [t0, tBound], tBound may be infinite, and output options —
 * tEval, dense, events — do not apply) in one place. A wrong type throws `OdeTypeError`, a
 * bad value `OdeArgumentError`; each message names the argument and the value.
 */
export function validateProblem(
  f: unknown,
  tSpan: unknown,
  y0: unknown,
  options: OdeOptions = {},
  kind: ProblemKind = "solveIVP",
): ValidatedProblem {
  if (typeof f !== "function") throw new OdeTypeError("f", `expected a function, got ${typeof f}`);
  if (options == null || typeof options !== "object") {
    throw new OdeTypeError("options", `expected an object, got ${options === null ? "null" : typeof options}`);
  }
  if (!isArrayLike(tSpan)) throw new OdeTypeError("tSpan", `expected [t0, tFinal], got ${String(tSpan)}`);
  if (tSpan.length !== 2) throw new OdeArgumentError("tSpan", `expected 2 entries [t0, tFinal], got ${tSpan.length}`);
  const t0 = numberArg("tSpan[0]", tSpan[0]);
  const tBound = numberArg("tSpan[1]", tSpan[1]);
  if (!Number.isFinite(t0) || Number.isNaN(tBound)) {
    throw new OdeArgumentError("tSpan", `t0 must be finite and tFinal a number, got [${t0}, ${tBound}]`);
  }
  if (!isArrayLike(y0)) throw new OdeTypeError("y0", `expected an array of numbers, got ${typeof y0} ${String(y0)}`);
  const n = y0.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = numberArg(`y0[${i}]`, y0[i]);
    if (!Number.isFinite(v)) {
      throw new OdeArgumentError("y0", `component ${i} is ${v}; all components must be finite numbers`);
    }
    y[i] = v;
  }
  const info = methodInfo(options.method ?? "DOPRI5", "method");
  const method = info.name;
  const rtol = tolerance("rtol", options.rtol ?? 1e-3, n, true);
  const atol = tolerance("atol", options.atol ?? 1e-6, n, false);
  for (let i = 0; i < n; i++) {
    // atol_i + rtol_i·|y_i| is the error scale: zero at the start would divide by zero.
    if (atol[i] === 0 && y[i] === 0) {
      throw new OdeArgumentError(
        "atol",
        `component ${i} is 0 and y0 component ${i} is 0: pure relative control (atol = 0) needs a nonzero initial state there; give that component an atol > 0`,
      );
    }
  }
  if (kind === "OdeSolver") {
    for (const key of ["tEval", "dense", "events"] as const) {
      if (options[key] != null) {
        throw new OdeArgumentError(
          key,
          `does not apply to the step-by-step OdeSolver (use solveIVP), got ${String(options[key])}`,
        );
      }
    }
  }
  const { events, maxEvents } = validateEvents(options.events);
  if (!Number.isFinite(tBound) && kind === "solveIVP" && n > 0 && !maxEvents.some((m) => m < Infinity)) {
    throw new OdeArgumentError(
      "tSpan",
      `tFinal is ${tBound}: an infinite end time needs a terminal event to end the solve (events with terminal: true or a count)`,
    );
  }
  const dir = Math.sign(tBound - t0);
  let tEval: Float64Array | null = null;
  if (options.tEval != null) {
    if (!isArrayLike(options.tEval)) {
      throw new OdeTypeError(
        "tEval",
        `expected an array of numbers, got ${typeof options.tEval} ${String(options.tEval)}`,
      );
    }
    const raw = options.tEval as ArrayLike<unknown>;
    tEval = new Float64Array(raw.length);
    const lo = Math.min(t0, tBound);
    const hi = Math.max(t0, tBound);
    for (let i = 0; i < raw.length; i++) {
      const s = numberArg(`tEval[${i}]`, raw[i]);
      if (!finite(s) || s < lo || s > hi) {
        throw new OdeArgumentError("tEval", `entry ${i} is ${s}, outside tSpan [${t0}, ${tBound}]`);
      }
      if (i > 0 && (s - tEval[i - 1]) * dir < 0) {
        throw new OdeArgumentError(
          "tEval",
          `must be sorted in the direction of integration; entry ${i} (${s}) comes after ${tEval[i - 1]}`,
        );
      }
      tEval[i] = s;
    }
  }
  const span1 = Math.abs(tBound - t0);
  const maxStep = numberArg("maxStep", options.maxStep ?? Infinity);
  if (!(maxStep > 0)) throw new OdeArgumentError("maxStep", `must be > 0, got ${maxStep}`);
  const firstStep = numberArg("firstStep", options.firstStep ?? 0);
  // With an empty span no step is taken, so only the sign of the steps is checked there.
  const bounded = (h: number) => finite(h) && h > 0 && (span1 === 0 || h <= span1);
  if (options.firstStep != null && !bounded(firstStep)) {
    throw new OdeArgumentError("firstStep", `must be in (0, |tFinal − t0|] = (0, ${span1}], got ${firstStep}`);
  }
  const maxSteps = numberArg("maxSteps", options.maxSteps ?? 100000);
  if (!Number.isInteger(maxSteps) || maxSteps <= 0) {
    throw new OdeArgumentError("maxSteps", `must be a positive integer, got ${maxSteps}`);
  }
  let step = 0;
  if (info.fixedStep) {
    if (options.step == null) {
      throw new OdeArgumentError("step", `method ${method} is fixed-step and needs options.step (the step size)`);
    }
    step = numberArg("step", options.step);
    if (!bounded(step))
      throw new OdeArgumentError("step", `must be in (0, |tFinal − t0|] = (0, ${span1}], got ${step}`);
  }
  if (options.jacobian != null && typeof options.jacobian !== "function") {
    throw new OdeTypeError("jacobian", `expected a function (t, y, jac) => void, got ${typeof options.jacobian}`);
  }
  const check = options.checkJacobian;
  if (check != null && typeof check !== "boolean" && check !== "always") {
    throw new OdeTypeError("checkJacobian", `expected true, false or "always", got ${String(check)}`);
  }
  const band = options.jacobianBand;
  if (band != null) {
    if (!Array.isArray(band) || band.length < 2 || band.length > 3 || (band.length === 3 && band[2] !== "periodic")) {
      throw new OdeTypeError(
        "jacobianBand",
        `expected [lower, upper] or [lower, upper, "periodic"], got ${String(band)}`,
      );
    }
    [band[0], band[1]].forEach((b, k) => {
      if (!Number.isInteger(b) || b < 0 || b > Math.max(0, n - 1)) {
        const which = k === 0 ? "lower" : "upper";
        throw new OdeArgumentError(
          "jacobianBand",
          `${which} is ${b}; must be an integer in [0, ${Math.max(0, n - 1)}]`,
        );
      }
    });
    if (band.length === 3 && band[0] + band[1] + 1 > n) {
      throw new OdeArgumentError(
        "jacobianBand",
        `a periodic band [${band[0]}, ${band[1]}] needs lower + upper + 1 ≤ n = ${n}`,
      );
    }
  }
  if (options.jacobianSparsity != null) validateSparsity(options.jacobianSparsity, n, band ?? null);
  const normLength = numberArg("errorNormComponents", options.errorNormComponents ?? n);
  if (!(Number.isInteger(normLength) && normLength >= (n === 0 ? 0 : 1) && normLength <= n)) {
    throw new OdeArgumentError(
      "errorNormComponents",
      `must be an integer in [1, ${n}] (the state's length), got ${options.errorNormComponents}`,
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
    dense: booleanArg("dense", options.dense, false),
    events,
    maxEvents,
    firstStep,
    maxStep: Math.min(maxStep, span1),
    maxSteps,
    step,
    recordSteps: booleanArg("recordSteps", options.recordSteps, false),
    normLength,
    jacobian: options.jacobian ?? null,
    checkJacobian: options.checkJacobian,
    jacobianBand: options.jacobianBand ?? null,
    jacobianSparsity: options.jacobianSparsity ?? null,
  };
}

/** jacobianSparsity: n rows, each an array of column indices in [0, n), inside the band if one is given. */
function validateSparsity(
  pattern: unknown,
  n: number,
  band: readonly [number, number] | readonly [number, number, "periodic"] | null,
): void {
  const rows = pattern as ArrayLike<ArrayLike<number>>;
  if (rows == null || typeof rows !== "object" || typeof rows.length !== "number") {
    throw new OdeTypeError("jacobianSparsity", `expected one array of column indices per row, got ${String(pattern)}`);
  }
  if (rows.length !== n) {
    throw new OdeArgumentError("jacobianSparsity", `has ${rows.length} rows but the state has ${n} components`);
  }
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row == null || typeof row !== "object" || typeof row.length !== "number") {
      throw new OdeTypeError("jacobianSparsity", `row ${i} is ${String(row)}; expected an array of column indices`);
    }
    for (let q = 0; q < row.length; q++) {
      const j = row[q];
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw new OdeArgumentError(
          "jacobianSparsity",
          `row ${i} lists column ${j}; columns are integers in [0, ${n - 1}]`,
        );
      }
      let k = j - i; // offset, cyclic for a periodic band
      if (band !== null && band[2] === "periodic") k = k > band[1] ? k - n : k < -band[0] ? k + n : k;
      if (band !== null && (k < -band[0] || k > band[1])) {
        throw new OdeArgumentError(
          "jacobianSparsity",
          `row ${i} lists column ${j}, outside jacobianBand [${band[0]}, ${band[1]}]`,
        );
      }
    }
  }
}
