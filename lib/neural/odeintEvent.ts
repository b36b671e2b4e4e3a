import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "./field";
import type { NeuralSolveOptions, TensorState } from "./integrate";
import { integrateInterval, newStepState, resolveOptions, rkStep } from "./integrate";
import { checkY0, odeint } from "./odeint";
import { odeintAdjoint } from "./adjoint";
import { vjpAllowUnused } from "./vjp";
import { NeuralSolveError } from "./errors";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";

/** g(t, y): the event is its first zero after t0. t is a float32 scalar so ∂g/∂t can be taken. */
export type NeuralEventFunction = (t: tf.Scalar, y: tf.Tensor2D) => tf.Tensor;

export interface OdeintEventOptions extends NeuralSolveOptions {
  eventFn: NeuralEventFunction;
  /** The search for a zero stops here (torchdiffeq bounds it only by its step limit). */
  tMax: number;
  /** How the state at the event is differentiated: `odeint` (backprop, default) or `odeintAdjoint`. */
  odeintInterface?: typeof odeint | typeof odeintAdjoint;
}

export interface EventSolution {
  /** The event time t*, differentiable with respect to y0 and θ. */
  tEvent: tf.Scalar;
  /** t* in float64 (the tensor holds it rounded to float32). */
  tEventValue: number;
  /** [y0, y(t*)], [2, batch, dim], as torchdiffeq's odeint_event returns it. */
  solution: tf.Tensor3D;
}

/**
 * Solves until the event function g(t, y) (one scalar for the whole batch) first changes sign,
 * and returns the event time and state with gradients (torchdiffeq's `odeint_event`; Chen, Amos
 * & Nickel 2021, "Learning Neural Event Functions for Ordinary Differential Equations", ICLR).
 * The zero is bracketed by the accepted steps and refined by the Illinois method on the
 * Runge–Kutta step from the step's start (the method's own order of accuracy); the state at t*
 * comes from `odeintInterface` over [t0, t*]. The event time's gradient follows from the
 * implicit function theorem: with g(t*, y(t*; θ)) = 0,
 *   d(t*)/dθ = −(∂g/∂y · dy/dθ) / (∂g/∂t + ∂g/∂y · f(t*, y*)),
 * and the state's own dependence on t* adds f(t*, y*) · ∂L/∂y* to ∂L/∂t*.
 */
export function odeintEvent(
  field: VectorField,
  y0: tf.Tensor2D,
  t0: number,
  options: OdeintEventOptions,
): EventSolution {
  checkY0(field, y0);
  if (options === null || typeof options !== "object")
    throw new OdeTypeError("options", `expected { eventFn, tMax, … }, got ${String(options)}`);
  const { eventFn, tMax, odeintInterface = odeint, ...solveOptions } = options;
  if (typeof eventFn !== "function")
    throw new OdeTypeError("eventFn", `expected a function (t, y) => scalar tensor, got ${String(eventFn)}`);
  if (typeof t0 !== "number" || !Number.isFinite(t0))
    throw new OdeArgumentError("t0", `must be a finite number, got ${t0}`);
  if (typeof tMax !== "number" || !Number.isFinite(tMax) || tMax === t0)
    throw new OdeArgumentError("tMax", `must be a finite number ≠ t0 = ${t0}, got ${tMax}`);
  if (odeintInterface !== odeint && odeintInterface !== odeintAdjoint)
    throw new OdeArgumentError("odeintInterface", "must be odeint or odeintAdjoint");
  const o = resolveOptions(solveOptions, [t0, tMax]);
  if (o.tableau.errorOrder === 0 && solveOptions.step === undefined)
    throw new OdeArgumentError(
      "step",
      `method "${o.method}" is fixed-step and needs options.step to search for the event`,
    );
  const tStar = untaped(() => locateEvent(field, y0, t0, tMax, eventFn, o));
  const y = odeintInterface(field, y0, [t0, tStar], solveOptions);
  // slice, not gather: gather's gradient needs UnsortedSegmentSum, which the wasm backend lacks.
  const shape: [number, number] = [y0.shape[0], y0.shape[1]];
  const yRaw = tf.tidy(() => y.slice([1, 0, 0], [1, -1, -1]).reshape(shape));
  y.dispose();
  const op = tf.customGrad((...args: unknown[]) => {
    const [yT, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([yT]);
    const value = tf.concat([tf.tensor1d([tStar]), yT.reshape([-1])]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const yS = saved[0] as tf.Tensor2D;
      return [
        tf.tidy(() => {
          const gradT = dy.slice([0], [1]).reshape([]);
          const gradState = dy.slice([1]).reshape(shape);
          const f = field.forward(tStar, yS);
          const [parDt, dState] = vjpAllowUnused(
            (tt, yy) => tf.sum(eventFn(tt as tf.Scalar, yy as tf.Tensor2D)) as tf.Scalar,
            [tf.scalar(tStar), yS],
          );
          // Total derivative of g along the solution at t*; zero when the solution grazes the surface.
          const dgdt = tf.add(parDt, tf.sum(tf.mul(dState, f)));
          const rate = dgdt.dataSync()[0];
          if (!(Number.isFinite(rate) && rate !== 0))
            throw new NeuralSolveError(
              "eventNotDifferentiable",
              tStar,
              `odeintEvent: dg/dt along the solution is ${rate} at the event t* = ${tStar}; a tangential event time has no derivative`,
            );
          const gradTTotal = tf.add(gradT, tf.sum(tf.mul(gradState, f)));
          return tf.add(gradState, tf.mul(dState, tf.neg(tf.div(gradTTotal, dgdt))));
        }),
      ];
    };
    return { value, gradFunc };
  });
  const packed = (op as (x: tf.Tensor) => tf.Tensor)(yRaw);
  yRaw.dispose();
  const out = tf.tidy(() => {
    const tEvent = packed.slice([0], [1]).reshape([]) as tf.Scalar;
    const yEvent = packed.slice([1]).reshape(shape);
    return { tEvent, solution: tf.stack([y0, yEvent]) as tf.Tensor3D };
  });
  packed.dispose();
  return { ...out, tEventValue: tStar };
}

/** Runs `fn` without recording its tensor operations on an active gradient tape (a customGrad's forward is untaped). */
function untaped(fn: () => number): number {
  let result = NaN;
  const op = tf.customGrad((...args: unknown[]) => {
    const x = args[0] as tf.Tensor;
    result = fn();
    return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => [dy] };
  });
  const dummy = tf.scalar(0);
  tf.dispose([(op as (x: tf.Tensor) => tf.Tensor)(dummy), dummy]);
  return result;
}

/** First zero of g after t0 (float64 time), with the steps of `o`'s method. */
function locateEvent(
  field: VectorField,
  y0: tf.Tensor2D,
  t0: number,
  tMax: number,
  eventFn: NeuralEventFunction,
  o: ReturnType<typeof resolveOptions>,
): number {
  return tf.tidy(() => {
    const g = (t: number, y: tf.Tensor): number =>
      tf.tidy(() => {
        const v = eventFn(tf.scalar(t), y as tf.Tensor2D);
        if (!(v instanceof tf.Tensor) || v.size !== 1)
          throw new OdeTypeError("eventFn", `must return one scalar tensor for the whole batch, got ${String(v)}`);
        return v.dataSync()[0];
      });
    const g0 = g(t0, y0);
    if (!Number.isFinite(g0)) throw new OdeArgumentError("eventFn", `is ${g0} at t0 = ${t0}`);
    if (g0 === 0) throw new OdeArgumentError("eventFn", `is 0 at t0 = ${t0}; start off the event surface`);
    const rhs = (s: number, state: TensorState) => [field.forward(s, state[0] as tf.Tensor2D)];
    const counters = { nfe: 0, stats: null };
    let bracket: { tPrev: number; yPrev: tf.Tensor; h: number; gNew: number } | null = null;
    integrateInterval(
      rhs,
      [y0],
      t0,
      tMax,
      o.tableau,
      o,
      newStepState(o.tableau, [t0, tMax]),
      counters,
      (tPrev, yPrev, tNew, yNew, h) => {
        const gNew = g(tNew, yNew[0]);
        if (Number.isNaN(gNew))
          throw new NeuralSolveError("nonFinite", tNew, `odeintEvent: the event function is NaN at t=${tNew}`);
        if (Math.sign(gNew) === Math.sign(g0)) return false;
        bracket = { tPrev, yPrev: tf.clone(yPrev[0]), h, gNew };
        return true;
      },
    );
    if (bracket === null)
      throw new NeuralSolveError(
        "noEvent",
        tMax,
        `odeintEvent: the event function keeps the sign of g(t0) = ${g0} up to tMax = ${tMax}`,
      );
    const { tPrev, yPrev, h, gNew } = bracket as { tPrev: number; yPrev: tf.Tensor; h: number; gNew: number };
    if (gNew === 0) return tPrev + h;
    // Illinois (modified regula falsi) on θ ∈ [0, 1]: φ(θ) = g at the end of an RK step of size θh.
    const phi = (theta: number) =>
      tf.tidy(() => g(tPrev + theta * h, rkStep(rhs, o.tableau, tPrev, [yPrev], theta * h).yNew[0]));
    let [a, fa, b, fb] = [0, g(tPrev, yPrev), 1, gNew];
    let side = 0;
    let c = 1;
    const tol = (1e-12 * Math.max(1, Math.abs(tPrev))) / Math.abs(h);
    for (let iter = 0; iter < 100 && b - a > tol; iter++) {
      c = (a * fb - b * fa) / (fb - fa);
      if (!(c > a && c < b)) c = 0.5 * (a + b);
      const fc = phi(c);
      if (fc === 0) break;
      if (Math.sign(fc) === Math.sign(fb)) {
        [b, fb] = [c, fc];
        if (side === -1) fa /= 2;
        side = -1;
      } else {
        [a, fa] = [c, fc];
        if (side === 1) fb /= 2;
        side = 1;
      }
    }
    return tPrev + c * h;
  });
}
