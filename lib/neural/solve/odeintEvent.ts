import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../fields/field";
import type { NeuralSolveOptions, ResolvedOptions } from "./odeintOptions";
import { checkY0, resolveOptions } from "./odeintOptions";
import { odeint } from "./odeint";
import { odeintAdjoint } from "./adjoint";
import { vjpAllowUnused } from "../fields/vjp";
import { withoutTape } from "../fields/withoutTape";
import { NeuralSolveError } from "../errors";
import { toField64 } from "../fields/toField64";
import { solveIVP } from "../../ode/solveIVP";
import { SolveFailedError } from "../../sensitivity/solveFailed";
import { OdeArgumentError, OdeTypeError } from "../../ode/errors";

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
 * The zero is found by lib/ode's event location (solveIVP with g as a terminal event: bracketed
 * by the accepted steps of the chosen method, refined by Brent's method on its dense output, as
 * scipy's solve_ivp; g is evaluated in float32 tfjs, the solve in float64); the state at t*
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
  const o = resolveOptions(field, y0, [t0, tMax], solveOptions, odeintInterface === odeint);
  if (o.checked.info.fixedStep && solveOptions.step === undefined)
    throw new OdeArgumentError(
      "step",
      `method "${o.checked.info.name}" is fixed-step and needs options.step to search for the event`,
    );
  const tStar = withoutTape(() => locateEvent(field, y0, t0, tMax, eventFn, o));
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

/**
 * First zero of g after t0 (float64 time): lib/ode's solveIVP on the field's float64 form with g
 * as a terminal event, located by Brent's method on the method's dense output (as scipy).
 */
function locateEvent(
  field: VectorField,
  y0: tf.Tensor2D,
  t0: number,
  tMax: number,
  eventFn: NeuralEventFunction,
  o: ResolvedOptions,
): number {
  const [B, d] = y0.shape;
  const g = (t: number, y: Float64Array): number => {
    const v = tf.tidy(() => {
      const r = eventFn(tf.scalar(t), tf.tensor2d(Float32Array.from(y), [B, d]));
      if (!(r instanceof tf.Tensor) || r.size !== 1)
        throw new OdeTypeError("eventFn", `must return one scalar tensor for the whole batch, got ${String(r)}`);
      return r.dataSync()[0];
    });
    if (Number.isNaN(v)) throw new NeuralSolveError("nonFinite", t, `odeintEvent: the event function is NaN at t=${t}`);
    return v;
  };
  const start = Float64Array.from(y0.dataSync());
  const g0 = g(t0, start);
  if (!Number.isFinite(g0)) throw new OdeArgumentError("eventFn", `is ${g0} at t0 = ${t0}`);
  if (g0 === 0) throw new OdeArgumentError("eventFn", `is 0 at t0 = ${t0}; start off the event surface`);
  const field64 = toField64(field);
  const event = Object.assign(g, { terminal: true });
  const { checked } = o;
  const r = solveIVP((t, y, dydt) => field64.forward(t, y, dydt), [t0, tMax], start, {
    method: checked.info.name,
    rtol: checked.rtol,
    atol: checked.atol,
    maxSteps: checked.maxSteps,
    ...(checked.info.fixedStep ? { step: checked.step } : {}),
    events: event,
  });
  const tReached = r.t[r.t.length - 1];
  if (r.status === "event") return r.tEvents![0][0];
  if (r.status === "success")
    throw new NeuralSolveError(
      "noEvent",
      tMax,
      `odeintEvent: the event function keeps the sign of g(t0) = ${g0} up to tMax = ${tMax}`,
    );
  throw new SolveFailedError(r.status, tReached, `odeintEvent: ${r.message}`);
}
