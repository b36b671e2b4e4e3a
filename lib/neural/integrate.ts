import * as tf from "@tensorflow/tfjs";
import type { ExplicitTableau } from "../ode/tableaus/tableau";
import { euler } from "../ode/tableaus/euler";
import { midpoint } from "../ode/tableaus/midpoint";
import { rk4 } from "../ode/tableaus/rk4";
import { bogackiShampine32 } from "../ode/tableaus/bogackiShampine32";
import { dormandPrince54 } from "../ode/tableaus/dormandPrince54";
import { tsitouras54 } from "../ode/tableaus/tsitouras54";
import { PIController } from "../ode/controller";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";
import { addScaledSquares } from "../ode/errorNorm";
import { NeuralSolveError } from "./errors";

/** The state is a tuple of tensors (one for odeint, [z, a, a_θ…] for the adjoint's backward solve). */
export type TensorState = tf.Tensor[];
export type TensorRhs = (t: number, state: TensorState) => TensorState;

export type NeuralMethod = "euler" | "midpoint" | "rk4" | "bs3" | "dopri5" | "tsit5";

export interface NeuralSolveOptions {
  method?: NeuralMethod;
  rtol?: number;
  atol?: number;
  /** Step of the fixed-step methods (default: one step per output interval). */
  step?: number;
  maxSteps?: number;
  /** Filled with function-evaluation counts and step statistics. */
  stats?: NeuralStats;
  /**
   * odeintAdjoint only: error norm of the backward solve, "full" (all of [z, a, a_θ], torchdiffeq's
   * default) or "seminorm" (without a_θ, a quadrature that feeds nothing back; Kidger, Chen &
   * Lyons 2021, "Hey, that's not an ODE"). Usually fewer backward steps, but not always: the RMS
   * norm over [z, a] alone is not diluted by small a_θ errors, so it can also be the stricter one.
   */
  adjointNorm?: "full" | "seminorm";
}

export interface NeuralStats {
  nfeForward: number;
  nfeBackward: number;
  naccept: number;
  nreject: number;
  /** Smallest accepted |h|. */
  minStep: number;
}

export function emptyNeuralStats(): NeuralStats {
  return { nfeForward: 0, nfeBackward: 0, naccept: 0, nreject: 0, minStep: Infinity };
}

/** The float64 tableaus of lib/ode, reused: the same methods, data not copied. */
export const neuralTableaus: Record<NeuralMethod, ExplicitTableau> = {
  euler,
  midpoint,
  rk4,
  bs3: bogackiShampine32,
  dopri5: dormandPrince54,
  tsit5: tsitouras54,
};

/** Σ_j w_j k_j[c] · h added to y[c], per tensor component (zero weights skipped). */
function combine(y: TensorState, ks: TensorState[], w: number[], h: number): TensorState {
  return y.map((yc, c) => {
    let acc = yc;
    for (let j = 0; j < w.length && j < ks.length; j++) if (w[j] !== 0) acc = tf.add(acc, tf.mul(ks[j][c], w[j] * h));
    return acc;
  });
}

/**
 * Scaled RMS error norm over the first `normTensors` tensors, computed in float64 on the host from
 * the float32 tensors (this is where the precision changes: tfjs stages are float32, step control
 * is not), with lib/ode's norm kernel summed across the tensors in one running sum.
 */
function errorNorm(err: TensorState, y: TensorState, yNew: TensorState, normTensors: number, work: NormWork): number {
  let sum = 0;
  let count = 0;
  for (let c = 0; c < normTensors; c++) {
    const len = work.load(err[c].dataSync(), y[c].dataSync(), yNew[c].dataSync());
    sum = addScaledSquares(sum, 1, work.err, work.y, work.yNew, work.atol, work.rtol, len);
    count += len;
  }
  return count === 0 ? 0 : Math.sqrt(sum / count);
}

/** Float64 copies of one tensor's error, state and new state, and the scalar tolerances per component; grown on demand. */
class NormWork {
  err = new Float64Array(0);
  y = new Float64Array(0);
  yNew = new Float64Array(0);
  atol = new Float64Array(0);
  rtol = new Float64Array(0);

  constructor(
    private readonly rtolValue: number,
    private readonly atolValue: number,
  ) {}

  /** Copies the three arrays (exactly: float32 widens to float64) and returns their length. */
  load(err: ArrayLike<number>, y: ArrayLike<number>, yNew: ArrayLike<number>): number {
    const len = err.length;
    if (this.err.length < len) {
      this.err = new Float64Array(len);
      this.y = new Float64Array(len);
      this.yNew = new Float64Array(len);
      this.atol = new Float64Array(len).fill(this.atolValue);
      this.rtol = new Float64Array(len).fill(this.rtolValue);
    }
    this.err.set(err);
    this.y.set(y);
    this.yNew.set(yNew);
    return len;
  }
}

/**
 * Frees the previous step's state unless it is the interval's input (y0 or a kept output).
 * Safe under a gradient tape: tfjs keeps its own clones of what backprop needs, so the solve's
 * own memory stays flat and only the tape (backprop) grows with the number of steps.
 */
function releaseStep(y: TensorState, input: TensorState): void {
  if (y !== input) tf.dispose(y);
}

/**
 * One explicit Runge–Kutta step of size h from (t, y) in tfjs ops: the new state and, for an
 * embedded pair, the error estimate h Σ_j e_j k_j (null for fixed-step tableaus). Run inside a tidy.
 */
export function rkStep(
  evalF: TensorRhs,
  tableau: ExplicitTableau,
  t: number,
  y: TensorState,
  h: number,
): { yNew: TensorState; err: TensorState | null } {
  const ks: TensorState[] = [evalF(t, y)];
  for (let i = 1; i < tableau.stages; i++) ks.push(evalF(t + tableau.c[i] * h, combine(y, ks, tableau.a[i], h)));
  const yNew = combine(y, ks, tableau.b, h);
  if (tableau.errorOrder === 0) return { yNew, err: null };
  const err = y.map((_, c) => {
    let acc: tf.Tensor = tf.zerosLike(y[c]);
    tableau.e.forEach((w, j) => {
      if (w !== 0 && j < ks.length) acc = tf.add(acc, tf.mul(ks[j][c], w * h));
    });
    return acc;
  });
  return { yNew, err };
}

export interface IntegrateCounters {
  nfe: number;
  stats: NeuralStats | null;
}

/**
 * Integrates `state` from t0 to t1 with a Runge–Kutta tableau in tfjs ops (differentiable when a
 * gradient tape is recording). Adaptive tableaus use float64 PI step control; `hState` carries
 * the step size between calls so consecutive output intervals continue smoothly.
 */
export function integrateInterval(
  f: TensorRhs,
  state: TensorState,
  t0: number,
  t1: number,
  tableau: ExplicitTableau,
  opts: { rtol: number; atol: number; step: number; maxSteps: number; normTensors?: number },
  hState: { h: number; controller: PIController | null },
  counters: IntegrateCounters,
  /** Called after each accepted step with its start and end; returning true ends the solve there. */
  onStep?: (tPrev: number, yPrev: TensorState, tNew: number, yNew: TensorState, h: number) => boolean,
): TensorState {
  const dir = Math.sign(t1 - t0);
  const span = Math.abs(t1 - t0);
  if (span === 0) return state;
  const fixed = tableau.errorOrder === 0;
  const evalF = (t: number, y: TensorState) => {
    counters.nfe++;
    return f(t, y);
  };
  let t = t0;
  let y = state;
  let steps = 0;
  if (fixed) {
    const n = Math.max(1, Math.ceil(span / (opts.step > 0 ? opts.step : span) - 1e-9));
    const h = (t1 - t0) / n;
    for (let s = 0; s < n; s++) {
      const yNew = tf.tidy(() => rkStep(evalF, tableau, t, y, h).yNew);
      const tNew = s + 1 === n ? t1 : t0 + (s + 1) * h;
      if (counters.stats) {
        counters.stats.naccept++;
        counters.stats.minStep = Math.min(counters.stats.minStep, Math.abs(h));
      }
      if (onStep?.(t, y, tNew, yNew, h)) {
        if (y !== state) tf.dispose(y);
        return yNew;
      }
      releaseStep(y, state);
      y = yNew;
      t = tNew;
    }
    return y;
  }
  const controller = hState.controller!;
  const normWork = new NormWork(opts.rtol, opts.atol);
  for (;;) {
    if (++steps > opts.maxSteps) {
      throw new NeuralSolveError(
        "maxSteps",
        t,
        `odeint: maximum number of steps (${opts.maxSteps}) reached at t=${t}; try a stiff method, shorter windows or a lower learning rate`,
      );
    }
    let h = Math.min(hState.h, span) * dir;
    if ((t + h - t1) * dir > 0) h = t1 - t;
    const attempt = tf.tidy(() => rkStep(evalF, tableau, t, y, h) as { yNew: TensorState; err: TensorState });
    const norm = errorNorm(attempt.err, y, attempt.yNew, opts.normTensors ?? y.length, normWork);
    tf.dispose(attempt.err);
    if (!Number.isFinite(norm)) {
      tf.dispose(attempt.yNew);
      throw new NeuralSolveError(
        "nonFinite",
        t,
        `odeint: non-finite state or field output in the step from t=${t} (h=${h}); try a lower learning rate, multiple shooting or shorter windows`,
      );
    }
    const hAbs = Math.abs(h);
    if (norm > 1) {
      tf.dispose(attempt.yNew);
      if (counters.stats) counters.stats.nreject++;
      hState.h = hAbs * controller.reject(norm);
      if (hState.h < 10 * Number.EPSILON * Math.max(1, Math.abs(t))) {
        throw new NeuralSolveError(
          "stepSizeUnderflow",
          t,
          `odeint: step size underflow at t=${t}; the field may be stiff (try method "rk4" with a small step or a stiff solve)`,
        );
      }
      continue;
    }
    if (counters.stats) {
      counters.stats.naccept++;
      counters.stats.minStep = Math.min(counters.stats.minStep, hAbs);
    }
    const tNew = t + h;
    hState.h = hAbs * controller.accept(norm);
    if (onStep?.(t, y, tNew, attempt.yNew, h)) {
      if (y !== state) tf.dispose(y);
      return attempt.yNew;
    }
    releaseStep(y, state);
    y = attempt.yNew;
    t = tNew;
    if ((t - t1) * dir >= 0 || Math.abs(t - t1) <= 1e-12 * Math.max(1, Math.abs(t1))) return y;
  }
}

/** Checks odeint / odeintAdjoint's times and options; every error names the argument and value. */
export function resolveOptions(options: NeuralSolveOptions, t: number[]) {
  if (options === null || typeof options !== "object")
    throw new OdeTypeError("options", `expected an object, got ${String(options)}`);
  const method = options.method ?? "dopri5";
  if (typeof method !== "string") throw new OdeTypeError("method", `expected a method name, got ${String(method)}`);
  const tableau = Object.prototype.hasOwnProperty.call(neuralTableaus, method)
    ? neuralTableaus[method as NeuralMethod]
    : undefined;
  if (!tableau)
    throw new OdeArgumentError(
      "method",
      `unknown method "${method}"; expected one of ${Object.keys(neuralTableaus).join(", ")}`,
    );
  if (!Array.isArray(t)) throw new OdeTypeError("t", `expected an array of times, got ${String(t)}`);
  // t = [t0] is allowed and returns [y0] (torchdiffeq).
  if (t.length < 1) throw new OdeArgumentError("t", "is empty; it needs at least the initial time");
  t.forEach((s, i) => {
    if (typeof s !== "number") throw new OdeTypeError("t", `entry ${i} is ${String(s)}, not a number`);
  });
  if (!Number.isFinite(t[0])) throw new OdeArgumentError("t", `entry 0 is ${t[0]}; times must be finite`);
  for (let i = 1; i < t.length; i++) {
    if (!Number.isFinite(t[i]) || (t[i] - t[i - 1]) * (t[1] - t[0]) <= 0) {
      throw new OdeArgumentError("t", `must be finite and strictly monotone; entry ${i} is ${t[i]} after ${t[i - 1]}`);
    }
  }
  const positive = (name: string, v: unknown): number => {
    if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${String(v)}`);
    if (!(Number.isFinite(v) && v > 0)) throw new OdeArgumentError(name, `must be a finite number > 0, got ${v}`);
    return v;
  };
  const rtol = positive("rtol", options.rtol ?? 1e-7);
  const atol = positive("atol", options.atol ?? 1e-9);
  const step = options.step === undefined ? 0 : positive("step", options.step);
  const maxSteps = options.maxSteps ?? 10000;
  if (typeof maxSteps !== "number") throw new OdeTypeError("maxSteps", `expected a number, got ${String(maxSteps)}`);
  if (!Number.isInteger(maxSteps) || maxSteps < 1)
    throw new OdeArgumentError("maxSteps", `must be a positive integer, got ${maxSteps}`);
  if (options.stats !== undefined && (options.stats === null || typeof options.stats !== "object"))
    throw new OdeTypeError("stats", `expected an object from emptyNeuralStats(), got ${String(options.stats)}`);
  const adjointNorm = options.adjointNorm ?? "full";
  if (adjointNorm !== "full" && adjointNorm !== "seminorm")
    throw new OdeArgumentError("adjointNorm", `unknown value "${String(adjointNorm)}"; expected "full" or "seminorm"`);
  return { method, tableau, rtol, atol, step, maxSteps, adjointNorm };
}

export function newStepState(tableau: ExplicitTableau, t: number[]): { h: number; controller: PIController | null } {
  const span = Math.abs(t[t.length - 1] - t[0]);
  return {
    h: t.length > 1 ? Math.min(span / 100, Math.abs(t[1] - t[0])) : 0,
    controller: tableau.errorOrder === 0 ? null : new PIController(tableau.errorOrder),
  };
}

/**
 * Solves through every output time of `t` from `y0`, stepping exactly onto each, and stacks
 * the states into [T, batch, dim]. Shared by odeint and the adjoint's forward pass.
 */
export function solveThroughOutputs(
  rhs: TensorRhs,
  y0: tf.Tensor,
  t: number[],
  o: ReturnType<typeof resolveOptions>,
  counters: IntegrateCounters,
): tf.Tensor3D {
  const hState = newStepState(o.tableau, t);
  return tf.tidy(() => {
    const outputs: tf.Tensor[] = [y0];
    let state: TensorState = [y0];
    for (let i = 1; i < t.length; i++) {
      state = integrateInterval(rhs, state, t[i - 1], t[i], o.tableau, o, hState, counters);
      outputs.push(state[0]);
    }
    return tf.stack(outputs) as tf.Tensor3D;
  });
}
