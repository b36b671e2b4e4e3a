import * as tf from "@tensorflow/tfjs";
import type { ExplicitTableau } from "../ode/tableaus/tableau";
import { euler } from "../ode/tableaus/euler";
import { midpoint } from "../ode/tableaus/midpoint";
import { rk4 } from "../ode/tableaus/rk4";
import { bogackiShampine32 } from "../ode/tableaus/bogackiShampine32";
import { dormandPrince54 } from "../ode/tableaus/dormandPrince54";
import { tsitouras54 } from "../ode/tableaus/tsitouras54";
import { PIController } from "../ode/controller";
import { OdeArgumentError } from "../ode/errors";

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
 * Scaled RMS error norm over all components, computed in float64 on the host from the float32
 * tensors (this is where the precision changes: tfjs stages are float32, step control is not).
 */
function errorNorm(err: TensorState, y: TensorState, yNew: TensorState, rtol: number, atol: number): number {
  let sum = 0;
  let count = 0;
  for (let c = 0; c < err.length; c++) {
    const e = err[c].dataSync();
    const a = y[c].dataSync();
    const b = yNew[c].dataSync();
    for (let i = 0; i < e.length; i++) {
      const sc = atol + rtol * Math.max(Math.abs(a[i]), Math.abs(b[i]));
      const r = e[i] / sc;
      sum += r * r;
    }
    count += e.length;
  }
  return Math.sqrt(sum / Math.max(count, 1));
}

/**
 * Frees the previous step's state unless it is the interval's input (y0 or a kept output).
 * Safe under a gradient tape: tfjs keeps its own clones of what backprop needs, so the solve's
 * own memory stays flat and only the tape (backprop) grows with the number of steps.
 */
function releaseStep(y: TensorState, input: TensorState): void {
  if (y !== input) tf.dispose(y);
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
  opts: { rtol: number; atol: number; step: number; maxSteps: number },
  hState: { h: number; controller: PIController | null },
  counters: IntegrateCounters,
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
      const yNew = tf.tidy(() => {
        const ks: TensorState[] = [evalF(t, y)];
        for (let i = 1; i < tableau.stages; i++) ks.push(evalF(t + tableau.c[i] * h, combine(y, ks, tableau.a[i], h)));
        return combine(y, ks, tableau.b, h);
      });
      releaseStep(y, state);
      y = yNew;
      t = s + 1 === n ? t1 : t0 + (s + 1) * h;
      if (counters.stats) {
        counters.stats.naccept++;
        counters.stats.minStep = Math.min(counters.stats.minStep, Math.abs(h));
      }
    }
    return y;
  }
  const controller = hState.controller!;
  for (;;) {
    if (++steps > opts.maxSteps) {
      throw new Error(
        `odeint: maximum number of steps (${opts.maxSteps}) reached at t=${t}; try a stiff method, shorter windows or a lower learning rate`,
      );
    }
    let h = Math.min(hState.h, span) * dir;
    if ((t + h - t1) * dir > 0) h = t1 - t;
    const attempt = tf.tidy(() => {
      const ks: TensorState[] = [evalF(t, y)];
      for (let i = 1; i < tableau.stages; i++) ks.push(evalF(t + tableau.c[i] * h, combine(y, ks, tableau.a[i], h)));
      const yNew = tableau.fsal ? combine(y, ks, tableau.b, h) : combine(y, ks, tableau.b, h);
      const err = y.map((_, c) => {
        let acc: tf.Tensor = tf.zerosLike(y[c]);
        tableau.e.forEach((w, j) => {
          if (w !== 0 && j < ks.length) acc = tf.add(acc, tf.mul(ks[j][c], w * h));
        });
        return acc;
      });
      return { yNew, err };
    });
    const norm = errorNorm(attempt.err, y, attempt.yNew, opts.rtol, opts.atol);
    tf.dispose(attempt.err);
    if (!Number.isFinite(norm)) {
      tf.dispose(attempt.yNew);
      throw new Error(
        `odeint: non-finite state or field output in the step from t=${t} (h=${h}); try a lower learning rate, multiple shooting or shorter windows`,
      );
    }
    const hAbs = Math.abs(h);
    if (norm > 1) {
      tf.dispose(attempt.yNew);
      if (counters.stats) counters.stats.nreject++;
      hState.h = hAbs * controller.reject(norm);
      if (hState.h < 10 * Number.EPSILON * Math.max(1, Math.abs(t))) {
        throw new Error(
          `odeint: step size underflow at t=${t}; the field may be stiff (try method "rk4" with a small step or a stiff solve)`,
        );
      }
      continue;
    }
    if (counters.stats) {
      counters.stats.naccept++;
      counters.stats.minStep = Math.min(counters.stats.minStep, hAbs);
    }
    releaseStep(y, state);
    y = attempt.yNew;
    t = t + h;
    hState.h = hAbs * controller.accept(norm);
    if ((t - t1) * dir >= 0 || Math.abs(t - t1) <= 1e-12 * Math.max(1, Math.abs(t1))) return y;
  }
}

export function resolveOptions(options: NeuralSolveOptions, t: number[]) {
  const method = options.method ?? "dopri5";
  const tableau = neuralTableaus[method];
  if (!tableau)
    throw new OdeArgumentError(
      "method",
      `unknown method "${method}"; expected one of ${Object.keys(neuralTableaus).join(", ")}`,
    );
  if (!Array.isArray(t) || t.length < 2)
    throw new OdeArgumentError("t", `needs at least two times, got ${JSON.stringify(t)}`);
  for (let i = 1; i < t.length; i++) {
    if (!Number.isFinite(t[i]) || (t[i] - t[i - 1]) * (t[1] - t[0]) <= 0) {
      throw new OdeArgumentError("t", `must be finite and strictly monotone; entry ${i} is ${t[i]} after ${t[i - 1]}`);
    }
  }
  const rtol = options.rtol ?? 1e-7;
  const atol = options.atol ?? 1e-9;
  if (!(rtol > 0)) throw new OdeArgumentError("rtol", `must be > 0, got ${rtol}`);
  if (!(atol > 0)) throw new OdeArgumentError("atol", `must be > 0, got ${atol}`);
  const step = options.step ?? 0;
  return { method, tableau, rtol, atol, step, maxSteps: options.maxSteps ?? 10000 };
}

export function newStepState(tableau: ExplicitTableau, t: number[]): { h: number; controller: PIController | null } {
  const span = Math.abs(t[t.length - 1] - t[0]);
  return {
    h: Math.min(span / 100, Math.abs(t[1] - t[0])),
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
